"""Further learning pages: the team's events, bookings and register of attendance; a new
director's or alumnus's list, booking (a place, the waiting list, or refused when their places
are used), cancelling, the calendar file and their feed."""

import datetime
import zoneinfo

import pytest
from django.core import mail

from tests.factories import ProgrammeFactory, RoleAssignmentFactory
from tests.support.coaching_factories import director_in
from tests.support.factories import alumnus_of
from upon.accounts.models import Role
from upon.support import further_learning
from upon.support.models import Booking, BookingStatus, LearningEvent

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
START = datetime.datetime(2026, 10, 6, 10, tzinfo=LONDON)
EVENTS = "/team/further-learning/"
MINE = "/further-learning/"


def event_in(programme, title="Masterclass: leading through inspection", *, places=2, starts=START):
    return LearningEvent.objects.create(
        programme=programme,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        places=places,
        location="Leeds, Civic Hall",
    )


def booked(event, person, status=BookingStatus.BOOKED, **more):
    return Booking.objects.create(event=event, person=person, status=status, **more)


def statuses(event):
    return [(b.person.full_name, b.status) for b in event.bookings.order_by("requested_at", "pk")]


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def other_programme(authorities):
    return ProgrammeFactory(name="Other Programme", slug="other-programme")


@pytest.fixture
def outsider_alumnus(other_programme):
    """An alumnus of another programme."""
    return alumnus_of(other_programme, full_name="Olly Otheralumnus")


@pytest.fixture
def new_director(programme):
    """A new director in support from 5 January 2026, with 3 further learning places."""
    return director_in(programme, "Nia Newdirector")


# The team's events


def form_data(**changes):
    data = {
        "title": "Masterclass: leading through inspection",
        "date_0": "6",
        "date_1": "10",
        "date_2": "2026",
        "start_time": "10:00",
        "end_time": "13:00",
        "location": "Leeds, Civic Hall",
        "description": "With an HMI inspector.",
        "places": "20",
    }
    return data | changes


def test_the_team_lists_its_programmes_events_upcoming_and_past(
    client, programme, other_programme, team, other_team, alumnus, other_alumnus, june_2026
):
    coming = event_in(programme, places=1)
    gone = event_in(
        programme, "Spring masterclass", starts=datetime.datetime(2026, 3, 2, 10, tzinfo=LONDON)
    )
    event_in(other_programme, "Not ours")  # no one's team here
    booked(coming, alumnus)
    booked(coming, other_alumnus, BookingStatus.WAITING)
    client.force_login(team)
    page = client.get(EVENTS)
    assert [(e.title, e.places, e.booked, e.waiting) for e in page.context["upcoming"]] == [
        (coming.title, 1, 1, 1)
    ]
    assert [e.title for e in page.context["past"]] == [gone.title]
    client.force_login(other_team)
    page = client.get(EVENTS)
    assert (page.context["upcoming"], page.context["past"]) == ([], [])


def test_people_outside_the_team_cannot_see_the_events(client, alumnus, new_director, outsider):
    for person in (alumnus, new_director, outsider):
        client.force_login(person)
        assert client.get(EVENTS).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_the_events_cost_the_same_queries_however_many(
    client, programme, team, alumnus, june_2026, count, django_assert_num_queries
):
    for n in range(count):
        booked(
            event_in(programme, f"Masterclass {n}", starts=START + datetime.timedelta(n)), alumnus
        )
        event_in(
            programme, f"Past {n}", starts=datetime.datetime(2026, 3, 2 + n, 10, tzinfo=LONDON)
        )
    client.force_login(team)
    client.get(EVENTS)
    with django_assert_num_queries(6):
        assert client.get(EVENTS).status_code == 200


def test_the_team_adds_an_event(client, programme, team, june_2026):
    client.force_login(team)
    response = client.post(f"/team/programmes/{programme.pk}/further-learning/new/", form_data())
    event = LearningEvent.objects.get()
    assert response.url == f"/team/further-learning/{event.pk}/bookings/"
    assert (
        event.programme,
        event.title,
        event.starts_at,
        event.ends_at,
        event.location,
        event.description,
        event.places,
        event.created_by,
    ) == (
        programme,
        "Masterclass: leading through inspection",
        START,
        START + datetime.timedelta(hours=3),
        "Leeds, Civic Hall",
        "With an HMI inspector.",
        20,
        team,
    )


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {
                "title": "",
                "date_0": "",
                "date_1": "",
                "date_2": "",
                "start_time": "",
                "end_time": "",
                "places": "",
            },
            {
                "title": ["Enter the title"],
                "date": ["Enter the date"],
                "start_time": ["Enter the start time"],
                "end_time": ["Enter the end time"],
                "places": ["Enter the number of places"],
            },
        ),
        ({"end_time": "10:00"}, {"end_time": ["The end time must be after the start time"]}),
        ({"places": "0"}, {"places": ["The number of places must be between 1 and 500"]}),
        ({"places": "ten"}, {"places": ["The number of places must be a whole number"]}),
        (
            {"start_time": "10am"},
            {
                "start_time": [
                    "Enter the start time in the 24-hour format hh:mm, like 09:00 or 23:59"
                ]
            },
        ),
    ],
)
def test_bad_input_is_refused_next_to_the_field_keeping_what_was_typed(
    client, programme, team, june_2026, changes, errors
):
    client.force_login(team)
    response = client.post(
        f"/team/programmes/{programme.pk}/further-learning/new/", form_data(**changes)
    )
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert response.context["form"]["location"].value() == "Leeds, Civic Hall"
    assert not LearningEvent.objects.exists()


def test_places_cannot_fall_below_those_booked(client, programme, team, alumnus, other_alumnus):
    event = event_in(programme)
    booked(event, alumnus)
    booked(event, other_alumnus)
    client.force_login(team)
    response = client.post(f"/team/further-learning/{event.pk}/", form_data(places="1"))
    assert response.context["form"].errors == {
        "places": ["The number of places must be at least 2, the places booked already"]
    }
    event.refresh_from_db()
    assert event.places == 2


def test_more_places_go_to_those_waiting_who_are_told(
    client, programme, team, alumnus, other_alumnus, june_2026
):
    event = event_in(programme, places=1)
    booked(event, alumnus)
    booked(event, other_alumnus, BookingStatus.WAITING)
    client.force_login(team)
    response = client.post(
        f"/team/further-learning/{event.pk}/",
        form_data(places="2", title="Inspection masterclass"),
        follow=True,
    )
    assert messages_of(response) == [
        "Inspection masterclass saved. 1 waiting given a place and told."
    ]
    event.refresh_from_db()
    assert (event.title, event.places) == ("Inspection masterclass", 2)
    assert statuses(event) == [("Alex Alumnus", "booked"), ("Sam Secondalumnus", "booked")]
    [message] = mail.outbox
    assert message.subject == "You have a place at Inspection masterclass"
    assert message.to == [other_alumnus.email]


def test_another_team_and_others_cannot_change_or_see_bookings(
    client, programme, other_team, alumnus, outsider
):
    event = event_in(programme)
    client.force_login(other_team)
    assert client.get(f"/team/further-learning/{event.pk}/").status_code == 404
    assert (
        client.post(f"/team/further-learning/{event.pk}/", form_data(places="9")).status_code == 404
    )
    assert client.get(f"/team/further-learning/{event.pk}/bookings/").status_code == 404
    for person in (alumnus, outsider):
        client.force_login(person)
        assert client.get(f"/team/further-learning/{event.pk}/").status_code == 403
        assert client.get(f"/team/further-learning/{event.pk}/bookings/").status_code == 403
    assert client.get(f"/team/programmes/{programme.pk}/further-learning/new/").status_code == 403
    event.refresh_from_db()
    assert event.places == 2


def test_the_bookings_page_shows_the_waiting_list(
    client, programme, team, alumnus, other_alumnus, new_director, june_2026
):
    event = event_in(programme, places=1)
    booked(event, alumnus)
    booked(event, other_alumnus, BookingStatus.WAITING)
    booked(event, new_director, BookingStatus.CANCELLED)
    client.force_login(team)
    page = client.get(f"/team/further-learning/{event.pk}/bookings/")
    assert [b.person.full_name for b in page.context["booked"]] == ["Alex Alumnus"]
    assert [b.person.full_name for b in page.context["waiting"]] == ["Sam Secondalumnus"]
    assert [b.person.full_name for b in page.context["cancelled"]] == ["Nia Newdirector"]
    assert page.context["form"] is None  # the register opens when the event starts


@pytest.mark.parametrize("count", [1, 3])
def test_the_bookings_page_costs_the_same_queries_however_many(
    client, programme, team, time_machine, count, django_assert_num_queries
):
    time_machine.move_to(START + datetime.timedelta(hours=4), tick=False)
    event = event_in(programme, places=5)
    for n in range(count):
        booked(event, alumnus_of(programme, full_name=f"Alum{n} Person"))
        booked(event, alumnus_of(programme, full_name=f"Wait{n} Person"), BookingStatus.WAITING)
    client.force_login(team)
    url = f"/team/further-learning/{event.pk}/bookings/"
    client.get(url)
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


def test_the_team_records_attendance_after_the_event_in_one_go(
    client, programme, team, alumnus, other_alumnus, time_machine
):
    event = event_in(programme)
    came, missed = booked(event, alumnus), booked(event, other_alumnus)
    time_machine.move_to(START + datetime.timedelta(hours=4), tick=False)
    client.force_login(team)
    url = f"/team/further-learning/{event.pk}/bookings/"
    response = client.post(url, {f"attended_{came.pk}": "yes"})
    assert response.context["form"].errors == {
        f"attended_{missed.pk}": ["Select whether Sam Secondalumnus attended"]
    }
    came.refresh_from_db()
    assert came.attended is None
    response = client.post(
        url, {f"attended_{came.pk}": "yes", f"attended_{missed.pk}": "no"}, follow=True
    )
    assert messages_of(response) == [f"Attendance at {event.title} saved."]
    assert [(b.person.full_name, b.attended) for b in event.bookings.all()] == [
        ("Alex Alumnus", True),
        ("Sam Secondalumnus", False),
    ]


def test_attendance_waits_for_the_event(client, programme, team, alumnus, june_2026):
    event = event_in(programme)
    booking = booked(event, alumnus)
    client.force_login(team)
    response = client.post(
        f"/team/further-learning/{event.pk}/bookings/",
        {f"attended_{booking.pk}": "yes"},
        follow=True,
    )
    assert messages_of(response) == ["You can record attendance once the event has started"]
    booking.refresh_from_db()
    assert booking.attended is None


# New directors and alumni


def test_an_alumnus_sees_their_programmes_upcoming_events_with_places_and_their_booking(
    client, programme, other_programme, alumnus, other_alumnus, june_2026
):
    full = event_in(programme, places=1)
    open_ = event_in(programme, "Open masterclass", places=3, starts=START + datetime.timedelta(7))
    event_in(programme, "Gone", starts=datetime.datetime(2026, 3, 2, 10, tzinfo=LONDON))
    event_in(other_programme, "Not theirs")
    booked(full, other_alumnus)
    booked(full, alumnus, BookingStatus.WAITING)
    client.force_login(alumnus)
    page = client.get(MINE)
    assert [
        (e.title, e.left, e.mine.get_status_display() if e.mine else None)
        for e in page.context["events"]
    ] == [(full.title, 0, "On the waiting list"), (open_.title, 3, None)]
    assert page.context["feed_url"] == further_learning.feed_url(alumnus)


def test_only_new_directors_and_alumni_have_further_learning(client, team, outsider, programme):
    participant = RoleAssignmentFactory(role=Role.PARTICIPANT, programme=programme).user
    for person in (team, outsider, participant):
        client.force_login(person)
        assert client.get(MINE).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_costs_the_same_queries_however_many_events(
    client, programme, alumnus, june_2026, count, django_assert_num_queries
):
    for n in range(count):
        booked(
            event_in(programme, f"Masterclass {n}", starts=START + datetime.timedelta(n)), alumnus
        )
    client.force_login(alumnus)
    client.get(MINE)
    with django_assert_num_queries(5):
        assert client.get(MINE).status_code == 200


def test_an_alumnus_books_a_place(client, programme, alumnus, june_2026):
    event = event_in(programme)
    client.force_login(alumnus)
    response = client.post(f"/further-learning/{event.pk}/book/", follow=True)
    assert messages_of(response) == [f"You have a place at {event.title}."]
    assert statuses(event) == [("Alex Alumnus", "booked")]
    assert response.context["active"] is True


def test_booking_a_full_event_joins_the_waiting_list_with_a_clear_message(
    client, programme, alumnus, other_alumnus, june_2026
):
    event = event_in(programme, places=1)
    booked(event, other_alumnus)
    client.force_login(alumnus)
    response = client.post(f"/further-learning/{event.pk}/book/", follow=True)
    assert messages_of(response) == [
        "This event is full, so you have been added to the waiting list. If someone cancels, "
        "the place goes to the first person on the list."
    ]
    assert statuses(event) == [("Sam Secondalumnus", "booked"), ("Alex Alumnus", "waiting")]


def test_a_director_whose_places_are_used_is_refused(client, programme, new_director, june_2026):
    for n in range(3):
        booked(
            event_in(
                programme,
                f"Earlier {n}",
                starts=datetime.datetime(2026, 2, 2 + n, 10, tzinfo=LONDON),
            ),
            new_director,
        )
    event = event_in(programme)
    client.force_login(new_director)
    assert client.get(f"/further-learning/{event.pk}/").context["allowance"] == (3, 3)
    response = client.post(f"/further-learning/{event.pk}/book/", follow=True)
    assert messages_of(response) == [
        "You have used all 3 further learning places of your support, so you cannot book this "
        "event. Cancel another booking to free a place, or ask the programme team."
    ]
    assert statuses(event) == []


def test_a_director_with_places_left_books(client, programme, new_director, june_2026):
    booked(
        event_in(programme, "Earlier", starts=datetime.datetime(2026, 2, 2, 10, tzinfo=LONDON)),
        new_director,
    )
    event = event_in(programme)
    client.force_login(new_director)
    client.post(f"/further-learning/{event.pk}/book/")
    assert statuses(event) == [("Nia Newdirector", "booked")]
    assert further_learning.allowance(person=new_director, programme_id=programme.pk) == (3, 2)


def test_an_event_that_has_started_cannot_be_booked(client, programme, alumnus, time_machine):
    event = event_in(programme)
    time_machine.move_to(START + datetime.timedelta(minutes=1), tick=False)
    client.force_login(alumnus)
    response = client.post(f"/further-learning/{event.pk}/book/", follow=True)
    assert messages_of(response) == ["This event has started, so it can no longer be booked"]
    assert statuses(event) == []


def test_another_programmes_alumnus_and_others_cannot_see_or_book(
    client, programme, outsider_alumnus, team, outsider, june_2026
):
    event = event_in(programme)
    client.force_login(outsider_alumnus)
    assert client.get(f"/further-learning/{event.pk}/").status_code == 404
    assert client.post(f"/further-learning/{event.pk}/book/").status_code == 404
    assert client.get(f"/further-learning/{event.pk}/calendar.ics").status_code == 404
    for person in (team, outsider):
        client.force_login(person)
        assert client.post(f"/further-learning/{event.pk}/book/").status_code == 403
    assert statuses(event) == []


def test_cancelling_asks_first_then_gives_the_place_to_the_first_waiting_who_is_told(
    client, programme, alumnus, other_alumnus, june_2026
):
    event = event_in(programme, places=1)
    mine = booked(event, alumnus)
    booked(event, other_alumnus, BookingStatus.WAITING)
    client.force_login(alumnus)
    url = f"/further-learning/bookings/{mine.pk}/cancel/"
    page = client.get(url)
    assert "Are you sure you want to cancel your place?" in page.content.decode()
    assert statuses(event)[0] == ("Alex Alumnus", "booked")
    response = client.post(url, follow=True)
    assert messages_of(response) == [f"Your place at {event.title} is cancelled."]
    assert statuses(event) == [("Alex Alumnus", "cancelled"), ("Sam Secondalumnus", "booked")]
    [message] = mail.outbox
    assert (message.subject, message.to) == (
        f"You have a place at {event.title}",
        [other_alumnus.email],
    )
    assert f"/further-learning/{event.pk}/" in message.body


def test_no_one_cancels_another_persons_booking(
    client, programme, alumnus, other_alumnus, outsider_alumnus, team, june_2026
):
    event = event_in(programme)
    theirs = booked(event, other_alumnus)
    url = f"/further-learning/bookings/{theirs.pk}/cancel/"
    for person in (alumnus, outsider_alumnus):
        client.force_login(person)
        assert client.post(url).status_code == 404
    client.force_login(team)
    assert client.post(url).status_code == 403
    assert statuses(event) == [("Sam Secondalumnus", "booked")]


def test_the_calendar_file_downloads(client, programme, alumnus, june_2026, settings):
    settings.SITE_URL = "https://upon.example"
    event = event_in(programme)
    client.force_login(alumnus)
    response = client.get(f"/further-learning/{event.pk}/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="masterclass-leading-through-inspection.ics"'
    )
    assert "SUMMARY:Masterclass: leading through inspection" in response.content.decode()


def test_the_feed_holds_the_events_the_person_has_a_place_on(
    client, programme, alumnus, other_alumnus, june_2026
):
    mine = event_in(programme, places=1)
    waiting = event_in(programme, "Waiting one", places=1, starts=START + datetime.timedelta(1))
    event_in(programme, "Not booked", starts=START + datetime.timedelta(2))
    booked(mine, alumnus)
    booked(waiting, other_alumnus)
    booked(waiting, alumnus, BookingStatus.WAITING)
    response = client.get(f"/further-learning/feed/{further_learning.feed_token(alumnus)}/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="further-learning.ics"'
    summaries = [
        line for line in response.content.decode().split("\r\n") if line.startswith("SUMMARY:")
    ]
    assert summaries == ["SUMMARY:Masterclass: leading through inspection"]
    assert client.get("/further-learning/feed/not-a-token/").status_code == 404


def test_the_feed_stops_when_the_person_no_longer_books(client, programme, alumnus):
    token = further_learning.feed_token(alumnus)
    alumnus.roles.all().delete()
    assert client.get(f"/further-learning/feed/{token}/").status_code == 404
