"""What the home page says about each role a person holds, and where it leads today."""

from django.urls import reverse

from upon.accounts.models import Role
from upon.accounts.roles import TEAM_ROLES

# Roles whose pages are not built yet: what the person will find here later.
COMING = {
    Role.NEW_DIRECTOR: "Your coaching, further learning and peer network will be here.",
    Role.ALUMNUS: "The alumni directory and resource library will be here.",
    Role.COACH: "Your coaching relationships and session log will be here.",
    Role.EMPLOYER_CONTACT: "Check-ins while your new director is supported will be here.",
    Role.FUNDER: "Outcome reports will be here.",
}


# Roles with their own pages: where they start.
ROLE_LINKS = {
    Role.REVIEWER: [("Your reviews", "selection:queue")],
    Role.PARTICIPANT: [("Your programme", "delivery:programme")],
    Role.FACILITATOR: [("Your sessions", "delivery:facilitating")],
}


def role_rows(user) -> list[dict]:
    """One row per role held: its name, where it applies, links and what is coming."""
    assignments = user.roles.select_related("programme", "intake").order_by(
        "programme__name", "role", "intake__name"
    )
    rows = []
    for assignment in assignments:
        links = []
        if assignment.role in TEAM_ROLES:
            links = [
                ("Intakes", reverse("team:intakes")),
                ("Invite someone to a role", reverse("accounts:invite")),
                ("Invitations", reverse("accounts:invitations")),
            ]
        links = links or [
            (text, reverse(name)) for text, name in ROLE_LINKS.get(assignment.role, [])
        ]
        scope = assignment.programme.name
        if assignment.intake:
            scope = f"{assignment.intake.name}, {scope}"
        rows.append(
            {
                "role": assignment.get_role_display(),
                "scope": scope,
                "links": links,
                "coming": COMING.get(assignment.role, ""),
            }
        )
    return rows
