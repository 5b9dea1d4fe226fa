"""What the home page shows of delivery: the team's cohorts and the facilitator's next
session."""

from django.utils import timezone

from upon.accounts import roles
from upon.delivery.calendars import sessions_facilitated
from upon.delivery.models import Cohort

# The newest cohorts the home page lists.
NEWEST = 5


def team_cohorts_work(user) -> dict:
    """The newest cohorts of the programmes the person is on the team of."""
    cohorts = (
        Cohort.objects.filter(intake__programme_id__in=roles.team_programme_ids(user))
        .only("name", "starts_on", "ends_on", "intake_id")
        .order_by("-starts_on", "pk")[:NEWEST]
    )
    return {"cohorts": list(cohorts)}


def facilitator_work(user) -> dict:
    """The next session the person runs that has not ended (None: none planned)."""
    session = (
        sessions_facilitated(user)
        .filter(ends_at__gt=timezone.now())
        .select_related("cohort", "venue")
        .order_by("starts_at", "pk")
        .first()
    )
    return {"session": session}
