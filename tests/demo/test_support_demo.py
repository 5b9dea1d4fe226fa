"""Support in the demo: the director, coach and employer sign-ins see their work on any day of
the year, and the national seed's support keeps its invariants at a tiny size."""

import datetime
import zoneinfo
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo import register
from demo.common import start_of_today
from tests.demo.invariants import assert_nothing_happened_after
from upon.accounts.models import Role, User
from upon.support import entitlements
from upon.support.algorithms import employers as check_in_rule
from upon.support.models import (
    DIRECTOR_ROLES,
    Appointment,
    Booking,
    BookingStatus,
    Coach,
    CoachingRelationship,
    CoachingSession,
    EmployerCheckIn,
    Entitlement,
    EntitlementStatus,
    LearningEvent,
    RelationshipCheck,
)
from upon.workforce.models import Director
from upon.workforce.models import Tenure as RegisterTenure

LONDON = zoneinfo.ZoneInfo("Europe/London")
DAY = datetime.timedelta(days=1)

pytestmark = pytest.mark.django_db

MOMENTS = [
    pytest.param(datetime.datetime(2027, 2, 3, 10, 0, tzinfo=LONDON), id="february"),
    pytest.param(datetime.datetime(2027, 6, 30, 23, 59, tzinfo=LONDON), id="june-23:59"),
    pytest.param(datetime.datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=LONDON), id="clocks-back"),
]


def signed_in(client, email):
    client.force_login(User.objects.get(email=email))
    return client


def assert_support_invariants(today: datetime.date) -> None:
    """What every seeded support row promises, at any scale."""
    # No two director's posts overlap in one authority.
    posts = Appointment.objects.filter(role__in=DIRECTOR_ROLES, verified_at__isnull=False)
    by_authority = {}
    for post in posts.order_by("starts_on"):
        by_authority.setdefault(post.local_authority_id, []).append(post)
    for held in by_authority.values():
        for before, after in zip(held, held[1:], strict=False):
            assert before.ends_on is not None and before.ends_on < after.starts_on
    # Entitlements stand where the service's own rule puts them today.
    for entitlement in Entitlement.objects.select_related("appointment"):
        stored = (entitlement.status, entitlement.ends_on, entitlement.paused_since)
        entitlements.refresh(entitlement=entitlement, today=today)
        assert (entitlement.status, entitlement.ends_on, entitlement.paused_since) == stored
        assert entitlement.starts_on == entitlement.appointment.starts_on
    # A coach never holds more running relationships than their capacity.
    running = Counter(
        CoachingRelationship.objects.filter(ended_on__isnull=True).values_list(
            "coach_id", flat=True
        )
    )
    for coach in Coach.objects.all():
        assert running[coach.pk] <= coach.capacity
    # Sessions: at most a day, before today, within the relationship, the post and the support,
    # and within the hours budget.
    used = Counter()
    for session in CoachingSession.objects.select_related("relationship__entitlement__appointment"):
        relationship = session.relationship
        entitlement = relationship.entitlement
        assert 1 <= session.minutes <= 24 * 60
        assert relationship.started_on <= session.held_on < today
        assert session.held_on <= entitlement.ends_on
        assert relationship.ended_on is None or session.held_on <= relationship.ended_on
        post_ends = entitlement.appointment.ends_on
        assert post_ends is None or session.held_on <= post_ends
        used[entitlement.pk] += session.minutes
    for entitlement in Entitlement.objects.filter(pk__in=used):
        assert used[entitlement.pk] <= entitlement.coaching_hours * 60
    # Check-ins on the schedule; none done before it fell due or after today.
    for check_in in EmployerCheckIn.objects.select_related("partnership__entitlement"):
        schedule = dict(check_in_rule.schedule(check_in.partnership.entitlement.starts_on))
        assert check_in.due_on == schedule[check_in.month]
        if check_in.is_done:
            assert check_in.due_on <= timezone.localdate(check_in.completed_at) < today
    # A relationship's checks come after its third session.
    for check in RelationshipCheck.objects.select_related("relationship"):
        third = check.relationship.sessions.order_by("held_on")[2]
        assert timezone.localdate(check.answered_at) > third.held_on
    # A full event's places are all taken before anyone waits.
    for event in LearningEvent.objects.all():
        statuses = Counter(event.bookings.values_list("status", flat=True))
        assert statuses[BookingStatus.BOOKED] <= event.places
        if statuses[BookingStatus.WAITING]:
            assert statuses[BookingStatus.BOOKED] == event.places


def assert_register_invariants(today: datetime.date) -> None:
    """The national register the demo seeds (demo/register.py): thirty complete reporting years
    before today's, one director at a time in each authority, nothing after today, and every
    verified director of the programme in it under their own account."""
    first_day = datetime.date(register.last_complete_year(today) - 29, 4, 1)
    tenures = list(RegisterTenure.objects.order_by("authority_id", "started_on"))
    by_authority = {}
    for tenure in tenures:
        by_authority.setdefault(tenure.authority_id, []).append(tenure)
        assert tenure.started_on < today and (tenure.ended_on or today) <= today
    assert len(by_authority) == 153
    for held in by_authority.values():
        assert held[0].started_on < first_day <= held[1].started_on
        for before, after in zip(held, held[1:], strict=False):
            assert before.ended_on is not None and before.ended_on < after.started_on
    appointed = set(
        Appointment.objects.filter(role__in=DIRECTOR_ROLES, verified_at__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    linked = dict(Director.objects.filter(user__isnull=False).values_list("user_id", "name"))
    assert set(linked) == appointed
    assert all(linked[pk] == User.objects.get(pk=pk).full_name for pk in linked)


@pytest.mark.parametrize("moment", MOMENTS)
def test_demo_sign_ins_for_director_coach_and_employer_see_their_work(
    authorities, time_machine, client, moment
):
    time_machine.move_to(moment, tick=False)
    call_command("seed_demo", verbosity=0, seed=7)
    today = timezone.localdate()
    assert_nothing_happened_after(start_of_today())
    assert_support_invariants(today)
    assert_register_invariants(today)

    director = User.objects.get(email="director@upon.example")
    coach = User.objects.get(email="coach@upon.example")
    employer = User.objects.get(email="employer@upon.example")
    own = Entitlement.objects.get(person=director)
    post = own.appointment
    assert (post.role, post.tenure, post.is_verified) == ("dcs", "permanent", True)
    assert post.starts_on == today - 122 * DAY
    assert (own.status, own.coaching_hours) == (EntitlementStatus.ACTIVE, 12)
    relationship = CoachingRelationship.objects.get(director=director)
    assert relationship.coach.user == coach
    assert relationship.coach.capacity == 4
    sessions = list(relationship.sessions.order_by("held_on"))
    assert [s.minutes for s in sessions] == [90, 60, 90, 60]
    assert all(s.notes and s.goals and s.themes for s in sessions)
    assert set(relationship.checks.values_list("side", flat=True)) == {"coach", "director"}
    check_ins = list(own.employer.check_ins.order_by("month"))
    assert own.employer.contact_email == "employer@upon.example"
    assert [c.month for c in check_ins if c.is_done] == [3]
    assert check_ins[1].due_on > today

    # The director's home: hours left, when support ends and their coach.
    content = signed_in(client, director.email).get("/account/").content.decode()
    ends = f"{own.ends_on.day} {own.ends_on:%B %Y}"
    assert f"Coaching left: 7 hours of 12 hours. Your support ends on {ends}." in content
    assert f"Your coach is {coach.full_name}." in content
    support = client.get("/support/").content.decode()
    assert post.local_authority.name in support
    assert employer.full_name in support

    # The coach's home: their three directors, each with their last session.
    coached = CoachingRelationship.objects.filter(coach__user=coach, ended_on__isnull=True)
    assert coached.count() == 3
    content = signed_in(client, coach.email).get("/account/").content.decode()
    last = sessions[-1].held_on
    assert (
        f"{director.full_name}, {post.local_authority.name}: last session "
        f"{last.day} {last:%B %Y}" in content
    )
    for other in coached:
        assert other.director.full_name in content
    assert director.full_name in client.get("/coaching/").content.decode()

    # The employer contact's home: the six-month check-in is next.
    content = signed_in(client, employer.email).get("/account/").content.decode()
    due = check_ins[1].due_on
    assert (
        f"Next: the 6-month check-in for {director.full_name} at "
        f"{post.local_authority.name}, due on {due.day} {due:%B %Y}." in content
    )
    assert director.full_name in client.get("/employer/").content.decode()

    # The team: posts waiting to verify and every entitlement; further learning events.
    team = signed_in(client, "team@upon.example")
    assert team.get("/team/appointments/").context["page"].paginator.count == 3
    assert team.get("/team/entitlements/").context["page"].paginator.count == 5
    events = list(LearningEvent.objects.order_by("starts_at"))
    assert len(events) == 3
    past, soon, full = events
    assert past.ends_at < timezone.now() and soon.starts_at > timezone.now()
    assert set(past.bookings.values_list("attended", flat=True)) <= {True, False}
    assert soon.bookings.filter(person=director, status=BookingStatus.BOOKED).exists()
    assert full.bookings.filter(status=BookingStatus.WAITING).count() == 3
    assert Booking.objects.filter(attended__isnull=False).count() == 5


@pytest.mark.parametrize(
    ("directors", "coaches", "authorities_used"),
    [(9, 4, 4), (14, 2, 5)],
)
def test_national_support_at_a_tiny_size_keeps_its_invariants(
    authorities, stopped_clock, directors, coaches, authorities_used
):
    call_command(
        "seed_demo",
        verbosity=0,
        seed=3,
        scale="national",
        applications=300,
        directors=directors,
        coaches=coaches,
        authorities=authorities_used,
    )
    today = timezone.localdate()

    assert Entitlement.objects.count() == directors
    assert Coach.objects.count() == coaches
    assert set(Coach.objects.values_list("capacity", flat=True)) == {5}
    supported = Entitlement.objects.values_list("person", flat=True)
    assert (
        User.objects.filter(pk__in=supported, roles__role=Role.NEW_DIRECTOR).distinct().count()
        == directors
    )
    # Each authority's newest director holds the post now; those before them left it.
    posts = Appointment.objects.filter(verified_at__isnull=False)
    assert posts.values("local_authority").distinct().count() == authorities_used
    assert posts.filter(ends_on__isnull=True).count() == authorities_used
    assert CoachingSession.objects.exists()
    assert_nothing_happened_after(start_of_today())
    assert_support_invariants(today)  # last: it saves each entitlement to compare
