"""What the home page shows of recruitment: the team's intakes, and a person's applications."""

from django.utils import timezone

from upon.accounts import roles
from upon.programmes.models import Intake
from upon.recruitment.intakes import intake_status
from upon.recruitment.models import Application

# The newest intakes the home page lists; the intakes page has them all.
NEWEST = 5


def team_intakes_work(user) -> dict:
    """The newest intakes of the programmes the person is on the team of, with their status."""
    now = timezone.now()
    intakes = Intake.objects.filter(programme_id__in=roles.team_programme_ids(user)).order_by(
        "-opens_at", "pk"
    )[:NEWEST]
    return {"rows": [(intake, intake_status(intake, now=now)) for intake in intakes]}


def applications_work(user) -> dict | None:
    """For applicants: everyone who holds no role, and anyone who has applied."""
    if roles.role_names(user) and not Application.objects.filter(applicant=user).exists():
        return None
    return {}
