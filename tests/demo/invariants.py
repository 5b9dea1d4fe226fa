"""What the demo data promises about "today", whatever the time of day it is seeded.

Every check takes the moment the demo's past ends (`start_of_today()`, the seeder's own notion)
and the clock's `now`: the tests in this folder run them once at the real time (clock frozen so
a run cannot straddle midnight) and again with the clock frozen at awkward moments.
"""

import datetime

from django.apps import apps
from django.db import models
from django.utils import timezone

from demo.common import is_over
from demo.delivery import Calendar
from upon.delivery.models import Attendance, Challenge, Cohort, Session, SessionFeedback
from upon.programmes.models import Intake
from upon.recruitment.models import Application
from upon.selection.models import Offer, SelectionSettings

# Date-times that name a time to come (a window, a deadline, a session), not something done.
SCHEDULE_FIELDS = {
    "opens_at",
    "closes_at",
    "starts_at",
    "ends_at",
    "deadline",
    "review_deadline",
    "accept_by",
    "expires_at",
}


def event_fields():
    """(model, field name) for every date-time in our apps that records something done."""
    for model in apps.get_models():
        if not model.__module__.startswith("upon."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField) and field.name not in SCHEDULE_FIELDS:
                yield model, field.name


def assert_nothing_happened_after(midnight: datetime.datetime) -> None:
    """Nothing the seed records as done is later than the start of today."""
    late = {
        f"{model.__name__}.{name}": model._default_manager.filter(**{f"{name}__gt": midnight})
        .order_by()
        .count()
        for model, name in event_fields()
    }
    found = {label: n for label, n in late.items() if n}
    assert not found, f"recorded after the start of today: {found}"


def assert_open_intake_is_open(now: datetime.datetime) -> tuple[Intake, Intake]:
    """The newest intake is open now and last year's is closed; returns (last, open)."""
    *_older, last, open_intake = Intake.objects.exclude(reference_prefix="ADCSR").order_by(
        "opens_at"
    )
    assert open_intake.opens_at < now < open_intake.closes_at
    assert open_intake.is_open() and not last.is_open()
    submitted = Application.objects.get(applicant__email="submitted@upon.example")
    assert submitted.intake == open_intake
    return last, open_intake


def assert_selection_deadlines_are_to_come(now: datetime.datetime, open_intake: Intake) -> None:
    """Pending offers can still be answered and the open intake's reviews are still open."""
    pending = Offer.objects.filter(status="pending")
    assert pending.exists()
    assert all(offer.accept_by > now for offer in pending)
    assert set(pending.values_list("application__intake", flat=True)) == {open_intake.pk}
    selection = SelectionSettings.objects.get(intake=open_intake)
    assert selection.review_deadline > now + datetime.timedelta(days=7)


def assert_sessions_on_working_days(cohort: Cohort) -> None:
    """Every session on a weekday that is not an England bank holiday, within the cohort's year."""
    closed = Calendar(cohort.starts_on, cohort.ends_on).closed
    for session in cohort.sessions.all():
        day = timezone.localdate(session.starts_at)
        assert cohort.starts_on <= day <= cohort.ends_on, session.title
        assert day.weekday() < 5 and day not in closed, (session.title, day)


def register_size(session: Session) -> int:
    """Who is on the register: the set's members for a set meeting, else the whole cohort."""
    if session.action_learning_set_id:
        return session.action_learning_set.members.count()
    return session.cohort.participants.count()


def assert_registers_only_for_sessions_over(cohort: Cohort, midnight: datetime.datetime) -> None:
    """A full register for every session over by the start of today, none for the rest."""
    for session in cohort.sessions.select_related("action_learning_set", "cohort"):
        expected = register_size(session) if is_over(session.ends_at, midnight) else 0
        assert session.attendance.count() == expected, (session.title, session.ends_at)
    assert not Attendance.objects.filter(session__cohort=cohort, session__ends_at__gt=midnight)


def assert_cohort_is_part_way_through(cohort: Cohort, midnight: datetime.datetime) -> None:
    """Part-way through its year: sessions over (registered, with feedback) and sessions to come,
    the next taught day and the challenge deadline still ahead."""
    today = timezone.localdate(midnight)
    assert cohort.starts_on < today < cohort.ends_on
    taught = list(cohort.sessions.filter(kind="taught_day").order_by("starts_at"))
    assert any(is_over(s.ends_at, midnight) for s in taught)
    assert any(s.starts_at > midnight for s in taught)
    assert_sessions_on_working_days(cohort)
    assert_registers_only_for_sessions_over(cohort, midnight)
    feedback = SessionFeedback.objects.filter(session__cohort=cohort).select_related("session")
    assert feedback.exists()
    for answer in feedback:
        assert answer.session.ends_at <= answer.submitted_at < midnight
    assert Challenge.objects.get(cohort=cohort).deadline > midnight + datetime.timedelta(days=1)


def assert_demo_agrees_with_today(midnight: datetime.datetime, now: datetime.datetime) -> None:
    """Everything about the demo data that depends on "today"."""
    assert midnight <= now
    assert timezone.localdate(midnight) == timezone.localdate(now)
    _last, open_intake = assert_open_intake_is_open(now)
    assert_selection_deadlines_are_to_come(now, open_intake)
    assert_cohort_is_part_way_through(Cohort.objects.get(), midnight)
    assert_nothing_happened_after(midnight)
