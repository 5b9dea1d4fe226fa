"""The home page starts with each support role's work: the director's hours and next step, the
coach's directors with their last session, the employer contact's next check-in."""

import datetime

import pytest

from tests.factories import RoleAssignmentFactory, UserFactory
from tests.support.coaching_factories import coach_in, coaching, director_in
from upon.accounts.models import Role
from upon.support.models import CoachingSession, EmployerCheckIn, EmployerPartnership, Ranking

pytestmark = pytest.mark.django_db


def home(client, user) -> str:
    client.force_login(user)
    return client.get("/account/").content.decode()


def log(relationship, held_on, minutes):
    return CoachingSession.objects.create(
        relationship=relationship, held_on=held_on, minutes=minutes, mode="online"
    )


@pytest.fixture
def dee(programme, authorities, june_2026):
    """Dee Director: support from 5 January 2026 to 5 January 2028 (the factory's 730 days)."""
    return director_in(programme, "Dee Director")


def test_a_director_sees_hours_left_when_support_ends_and_their_coach(
    client, programme, dee, outsider
):
    relationship = coaching(coach_in(programme, "Cal Coach"), dee)
    log(relationship, datetime.date(2026, 5, 8), 90)
    log(relationship, datetime.date(2026, 5, 29), 60)
    eve = director_in(programme, "Eve Director")

    content = home(client, dee)
    assert (
        "Coaching left: 9 hours 30 minutes of 12 hours. Your support ends on 5 January 2028."
        in content
    )
    assert "Your coach is Cal Coach." in content
    # Another director sees their own, untouched budget and no coach; an outsider nothing.
    content = home(client, eve)
    assert "Coaching left: 12 hours of 12 hours." in content
    assert "Cal Coach" not in content
    assert "Rank the coaches on your shortlist" in content
    assert "Coaching left" not in home(client, outsider)


def test_a_director_who_ranked_waits_for_the_match(client, programme, dee):
    Ranking.objects.create(
        entitlement=dee.entitlements.get(), coach=coach_in(programme, "Cal Coach"), rank=1
    )
    content = home(client, dee)
    assert "You have ranked your shortlist. The programme team will match you" in content


def test_a_coach_sees_their_directors_and_each_last_session(client, programme, dee, authorities):
    cal, kim = coach_in(programme, "Cal Coach"), coach_in(programme, "Kim Coach")
    relationship = coaching(cal, dee)
    log(relationship, datetime.date(2026, 5, 8), 90)
    log(relationship, datetime.date(2026, 5, 29), 60)
    coaching(cal, director_in(programme, "Eve Director", place="Bradford"))
    coaching(kim, director_in(programme, "Fay Director", place="Sheffield"))

    content = home(client, cal.user)
    assert "Dee Director, Leeds: last session 29 May 2026" in content
    assert "Eve Director, Bradford: no sessions yet" in content
    assert "Fay Director" not in content
    assert "Fay Director, Sheffield: no sessions yet" in home(client, kim.user)


@pytest.fixture
def partnership(programme, dee):
    contact = UserFactory(full_name="Emma Employer", email="emma@leeds.example")
    RoleAssignmentFactory(user=contact, role=Role.EMPLOYER_CONTACT, programme=programme)
    entitlement = dee.entitlements.get()
    made = EmployerPartnership.objects.create(
        entitlement=entitlement,
        programme=programme,
        local_authority=entitlement.appointment.local_authority,
        contact_name="Emma Employer",
        contact_email="emma@leeds.example",
    )
    for month, due_on in ((3, datetime.date(2026, 4, 5)), (6, datetime.date(2026, 7, 5))):
        EmployerCheckIn.objects.create(partnership=made, month=month, due_on=due_on)
    return made, contact


def test_an_employer_contact_sees_their_next_check_in(client, programme, partnership):
    made, contact = partnership
    made.check_ins.filter(month=3).update(
        completed_at=datetime.datetime(2026, 4, 8, 12, tzinfo=datetime.UTC)
    )
    content = home(client, contact)
    assert "Next: the 6-month check-in for Dee Director at Leeds, due on 5 July 2026." in content
    # Another contact of the programme has none to do.
    other = UserFactory(full_name="Olly Other", email="olly@york.example")
    RoleAssignmentFactory(user=other, role=Role.EMPLOYER_CONTACT, programme=programme)
    assert "You have no check-ins to do." in home(client, other)


def test_an_overdue_check_in_says_so(client, partnership):
    _made, contact = partnership
    assert "3-month check-in for Dee Director at Leeds, overdue since 5 April 2026." in home(
        client, contact
    )


@pytest.mark.parametrize("count", [1, 3])
def test_the_coachs_home_costs_the_same_queries_however_many_directors(
    client, programme, authorities, june_2026, count, django_assert_num_queries
):
    cal = coach_in(programme, "Cal Coach", capacity=3)
    for n in range(count):
        relationship = coaching(cal, director_in(programme, f"Director{n} Person"))
        log(relationship, datetime.date(2026, 5, 8), 60)
    client.force_login(cal.user)
    client.get("/account/")
    # Session, user, roles; the coach's directors with their last session; whether they have
    # applied; roles with their programme.
    with django_assert_num_queries(6):
        response = client.get("/account/")
    assert len(response.context["work"][0]["work"]["relationships"]) == count


@pytest.mark.parametrize("sessions", [1, 3])
def test_the_directors_home_costs_the_same_queries_however_many_sessions(
    client, programme, dee, sessions, django_assert_num_queries
):
    relationship = coaching(coach_in(programme, "Cal Coach"), dee)
    for n in range(sessions):
        log(relationship, datetime.date(2026, 5, 1 + n), 60)
    client.force_login(dee)
    client.get("/account/")
    # Session, user, roles; the support with its hours used, coach and ranking; whether they
    # have applied; roles with their programme.
    with django_assert_num_queries(6):
        response = client.get("/account/")
    assert response.context["work"][0]["work"]["budget"].used == 60 * sessions
