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
from demo.scales import REGIONAL_INTAKES
from upon.delivery import completion
from upon.delivery.models import Attendance, Challenge, Cohort, Session, SessionFeedback
from upon.organisations.models import Organisation, OrganisationKind
from upon.programmes.models import Intake
from upon.recruitment.models import Application, ApplicationStatus
from upon.reporting.models import MonitoringResponse
from upon.selection.models import (
    Decision,
    Offer,
    Review,
    ReviewAssignment,
    SelectionSettings,
)

S = ApplicationStatus
REGIONAL = {plan["prefix"]: plan for plan in REGIONAL_INTAKES}

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


def national_intakes():
    """The national intakes, oldest first: not the demo's regional ones, nor the benchmark's
    regional cohorts' (ADCSR)."""
    return Intake.objects.exclude(reference_prefix__in=["ADCSR", *REGIONAL]).order_by("opens_at")


def cohort_in_its_year(midnight: datetime.datetime) -> Cohort:
    """Last year's cohort, part-way through its year (the alumni's cohorts' years are over)."""
    today = timezone.localdate(midnight)
    return Cohort.objects.get(starts_on__lte=today, ends_on__gte=today)


def regional_intake(region: str) -> Intake:
    plan = next(plan for plan in REGIONAL_INTAKES if plan["region"] == region)
    return Intake.objects.get(reference_prefix=plan["prefix"])


def assert_open_intake_is_open(now: datetime.datetime) -> tuple[Intake, Intake]:
    """The newest intake is open now, last year's is closed, and the open one has nothing decided
    and no cohort composed (reviews may be under way); returns (last, open)."""
    *_older, last, open_intake = national_intakes()
    assert open_intake.opens_at < now < open_intake.closes_at
    assert open_intake.is_open() and not last.is_open()
    submitted = Application.objects.get(applicant__email="submitted@upon.example")
    assert submitted.intake == open_intake
    statuses = set(open_intake.applications.values_list("status", flat=True))
    assert statuses == {S.DRAFT, S.SUBMITTED, S.WITHDRAWN}
    assert not Decision.objects.filter(application__intake=open_intake).exists()
    assert not Offer.objects.filter(application__intake=open_intake).exists()
    selection = SelectionSettings.objects.filter(intake=open_intake).first()
    assert selection is None or selection.composition_confirmed_at is None
    return last, open_intake


def assert_selection_deadlines_are_to_come(now: datetime.datetime, open_intake: Intake) -> None:
    """The open intake's reviews close after it does, within its selection period; pending
    offers (the North West intake's, the offer sign-in's among them) can still be answered."""
    selection = SelectionSettings.objects.get(intake=open_intake)
    assert selection.review_deadline > now + datetime.timedelta(days=7)
    assert open_intake.closes_at < selection.review_deadline
    assert timezone.localdate(selection.review_deadline) <= open_intake.selection_ends
    offers_out = regional_intake("North West")
    pending = Offer.objects.filter(status="pending")
    assert set(pending.values_list("application__intake", flat=True)) == {offers_out.pk}
    assert all(offer.sent_at < now < offer.accept_by for offer in pending)
    held = pending.get(application__applicant__email="offer@upon.example")
    assert held.application.status == S.OFFERED
    confirmed = SelectionSettings.objects.get(intake=offers_out).composition_confirmed_at
    assert confirmed is not None and confirmed < now
    assert not offers_out.is_open()


def assert_an_intake_is_ready_to_compose(midnight: datetime.datetime) -> None:
    """The South East intake has closed, its reviews are all in, every reviewed application has
    the panel's decision, and no cohort is composed: more shortlisted than places, no offers."""
    ready = regional_intake("South East")
    assert ready.closes_at < midnight and not ready.is_open()
    selection = SelectionSettings.objects.get(intake=ready)
    assert selection.composition_confirmed_at is None
    assert selection.review_deadline < midnight
    reviewed = ready.applications.filter(status__in=[S.SHORTLISTED, S.RESERVE, S.UNSUCCESSFUL])
    assert not ready.applications.filter(status=S.SUBMITTED).exists()
    assert Decision.objects.filter(application__intake=ready).count() == reviewed.count()
    assignments = ReviewAssignment.objects.filter(application__intake=ready)
    assert assignments.exists()
    assert Review.objects.filter(
        assignment__in=assignments, submitted_at__isnull=False
    ).count() == (assignments.count())
    assert not Offer.objects.filter(application__intake=ready).exists()
    assert ready.applications.filter(status=S.SHORTLISTED).count() > selection.places


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
    assert_an_intake_is_ready_to_compose(midnight)
    cohort = cohort_in_its_year(midnight)
    assert_cohort_is_part_way_through(cohort, midnight)
    assert_a_participant_is_one_taught_day_from_completing(cohort)
    assert_learning_visits_are_at_their_hosts(cohort)
    assert_public_dates_agree_with_the_windows()
    assert_monitoring_looks_like_a_senior_workforce()
    assert_nothing_happened_after(midnight)


def assert_a_participant_is_one_taught_day_from_completing(cohort: Cohort) -> None:
    """The participant sign-in has met the action learning part of the completion rule and
    needs one more taught day: the next one will complete them."""
    sign_in = cohort.participants.get(user__email="participant@upon.example")
    progress = completion.cohort_progress(cohort=cohort, participants=[sign_in])[sign_in.pk]
    assert progress.status != completion.COMPLETED
    assert progress.meetings.met
    assert progress.taught.still_needed == 1 and progress.taught.possible
    assert cohort.sessions.filter(kind="taught_day", starts_at__gt=timezone.now()).exists()


def assert_public_dates_agree_with_the_windows() -> None:
    """Every intake's dates follow one another, its public summary names its own programme
    months, and what happened in selection and delivery fits inside them."""
    for intake in Intake.objects.all():
        opens, closes = timezone.localdate(intake.opens_at), timezone.localdate(intake.closes_at)
        assert opens < closes < intake.selection_starts <= intake.selection_ends, intake.name
        assert intake.selection_ends < intake.programme_starts < intake.programme_ends
        assert f"{intake.programme_starts:%B %Y}" in intake.delivery_summary, intake.name
        assert f"{intake.programme_ends:%B %Y}" in intake.delivery_summary, intake.name
        selection = SelectionSettings.objects.filter(intake=intake).first()
        if selection and selection.composition_confirmed_at:
            day = timezone.localdate(selection.composition_confirmed_at)
            assert intake.selection_starts <= day <= intake.selection_ends, intake.name
        for cohort in Cohort.objects.filter(intake=intake):
            assert cohort.starts_on == intake.programme_starts
            assert cohort.ends_on == intake.programme_ends


def assert_learning_visits_are_at_their_hosts(cohort: Cohort) -> None:
    """A learning visit names its host authority, a real local authority, and meets at a venue
    in that authority's own place."""
    visits = cohort.sessions.filter(kind="learning_visit").select_related("venue")
    assert visits.exists()
    for visit in visits:
        host = visit.title.rsplit(" in ", 1)[1]
        assert Organisation.objects.filter(
            kind=OrganisationKind.LOCAL_AUTHORITY, name=host
        ).exists(), visit.title
        assert visit.venue is not None and host in visit.venue.address.splitlines(), visit.title
        assert host in visit.venue.name


def share(field: str, value: str) -> float:
    """The share of the people who answered `field` (not blank) who gave `value`."""
    answered = MonitoringResponse.objects.exclude(**{field: ""})
    return answered.filter(**{field: value}).count() / answered.count()


def assert_monitoring_looks_like_a_senior_workforce() -> None:
    """Equality answers shaped like senior children's services leaders (demo/monitoring.py):
    few trans people, almost nobody 65 or over, mostly women, mostly White British."""
    assert MonitoringResponse.objects.count() > 100
    assert share("gender_identity", "different") < 0.02
    assert share("gender_identity", "same") > 0.85
    assert share("age_band", "65_plus") < 0.03
    assert share("age_band", "under_35") < 0.08
    assert share("age_band", "35_44") + share("age_band", "45_54") > 0.6
    assert 0.6 < share("sex", "female") < 0.9
    assert 0.55 < share("ethnicity", "white_british") < 0.85
    assert share("sexual_orientation", "heterosexual") > 0.85
    assert share("disability", "no") > 0.75
