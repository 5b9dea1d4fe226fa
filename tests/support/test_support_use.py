"""What is used of an entitlement, subtracted where it is shown: the new director's page says
what is left, the team's list what is used. Coaching counts every relationship of the support
(a rematch keeps the hours); further learning counts places booked or waited for, not cancelled
ones, nor bookings from before the support began."""

import datetime

import pytest
from django.urls import reverse

from tests.support.coaching_factories import coach_in, coaching, director_in
from upon.support.models import Booking, CoachingSession, LearningEvent

pytestmark = pytest.mark.django_db

D = datetime.date


def event_on(programme, day):
    starts = datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)
    return LearningEvent.objects.create(
        programme=programme,
        title=f"Masterclass on {day}",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        places=10,
    )


@pytest.fixture
def dee(programme, june_2026):
    """Dee's support began on 5 January 2026: one ended coaching relationship and a running
    one (60 and 90 minutes logged), a place booked, a place waited for, one cancelled and one
    booked on an event before her support began."""
    dee = director_in(programme, "Dee Director")
    first = coaching(coach_in(programme, "Ann Coach"), dee, started_on=D(2026, 1, 20))
    first.ended_on = D(2026, 2, 28)
    first.save()
    second = coaching(coach_in(programme, "Cal Coach"), dee, started_on=D(2026, 3, 1))
    for relationship, held_on, minutes in ((first, D(2026, 2, 1), 60), (second, D(2026, 4, 1), 90)):
        CoachingSession.objects.create(
            relationship=relationship, held_on=held_on, minutes=minutes, mode="online"
        )
    for day, status in (
        (D(2026, 7, 1), "booked"),
        (D(2026, 7, 2), "waiting"),
        (D(2026, 7, 3), "cancelled"),
        (D(2025, 12, 1), "booked"),
    ):
        Booking.objects.create(event=event_on(programme, day), person=dee, status=status)
    return dee


def test_the_director_sees_what_is_left(client, dee):
    client.force_login(dee)
    page = client.get(reverse("support:my_support")).content.decode()
    assert "9 hours 30 minutes of 12 hours" in page
    assert "1 of 3" in page
    assert "Most of the coaching budget" not in page


def test_the_team_sees_what_is_used(client, dee, team):
    client.force_login(team)
    response = client.get(reverse("support:team_entitlements"))
    [entitlement] = response.context["page"].object_list
    assert (entitlement.minutes_used, entitlement.places_used) == (150, 2)
    page = response.content.decode()
    assert "2 hours 30 minutes of 12" in page and "2 of 3" in page


def test_the_director_is_warned_near_the_end_of_the_budget(client, dee):
    relationship = dee.coached_in.get(ended_on__isnull=True)
    CoachingSession.objects.create(
        relationship=relationship, held_on=D(2026, 5, 1), minutes=8 * 60, mode="online"
    )
    client.force_login(dee)
    page = client.get(reverse("support:my_support")).content.decode()
    assert "1 hour 30 minutes of 12 hours" in page
    assert "Most of the coaching budget is used: 10 hours 30 minutes used of 12 hours" in page
