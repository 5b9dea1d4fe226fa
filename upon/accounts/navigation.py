"""The service navigation: one link per thing the signed-in person can do."""

from django.urls import reverse

from upon.accounts import roles
from upon.accounts.models import Role


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    items = [
        ("Home", reverse("accounts:home")),
        ("Your applications", reverse("applications:dashboard")),
    ]
    if roles.has_role(user, Role.REVIEWER):
        items.append(("Your reviews", reverse("selection:queue")))
    if roles.has_role(user, Role.PARTICIPANT):
        items.append(("Your programme", reverse("delivery:programme")))
    if roles.has_role(user, Role.FACILITATOR):
        items.append(("Your sessions", reverse("delivery:facilitating")))
    if roles.is_team(user):
        items.append(("Intakes", reverse("team:intakes")))
    path = request.path
    return [
        {
            "label": label,
            "url": url,
            "active": path == url or (url != "/" and path.startswith(url) and label != "Home"),
        }
        for label, url in items
    ]
