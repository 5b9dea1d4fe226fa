"""Sessions: clash checks, changes people see (SEQUENCE and emails), publishing, the mode
switch, materials, venues and availability, and who may do each."""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.delivery.factories import (
    CohortFactory,
    ParticipantFactory,
    SessionFactory,
    VenueFactory,
    facilitator_for,
)
from upon.delivery import sessions as session_service
from upon.delivery.models import (
    Mode,
    ParticipantStatus,
    Session,
    SessionKind,
    SessionMaterial,
    Unavailability,
    Venue,
)
from upon.recruitment.intakes import LONDON


def at(cohort, days, hour=9, minute=30):
    """A time `days` after the cohort starts, UK time."""
    date = cohort.starts_on + datetime.timedelta(days=days)
    return datetime.datetime.combine(date, datetime.time(hour, minute), tzinfo=LONDON)


@pytest.fixture
def hall(cohort):
    return VenueFactory(programme=cohort.intake.programme, name="Civic Hall")


@pytest.fixture
def day_one(cohort, hall, facilitator):
    """Taught day 1, published, at the Civic Hall with Fran, a week after the cohort starts."""
    session = SessionFactory(
        cohort=cohort,
        sequence_number=1,
        title="Taught day 1",
        venue=hall,
        starts_at=at(cohort, 7),
        ends_at=at(cohort, 7, 16, 30),
    )
    session.facilitators.add(facilitator)
    return session


def check(session, **changes):
    fields = {
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "facilitator_ids": [p.pk for p in session.facilitators.all()],
        "venue": session.venue,
        "mode": session.mode,
        "exclude_ids": [],
    }
    fields.update(changes)
    return session_service.clashes(**fields)


# ---------------------------------------------------------------------------------------------
# Clashes


def test_a_facilitator_in_two_places_at_once_is_refused_naming_the_other_session(
    cohort, day_one, facilitator
):
    other = CohortFactory(intake__programme=cohort.intake.programme, name="North cohort")
    assert check(
        day_one,
        starts_at=at(cohort, 7, 13),
        ends_at=at(cohort, 7, 15),
        venue=None,
        mode=Mode.VIRTUAL,
    ) == [
        f"Fran Facilitator is already running Taught day 1 ({cohort.name}) on "
        f"{session_service.when(day_one.starts_at, day_one.ends_at)}"
    ]
    # The other cohort's facilitator is not the same person: no clash.
    elsewhere = facilitator_for(other, full_name="Nell North")
    assert check(day_one, facilitator_ids=[elsewhere.pk], venue=None) == []


def test_a_venue_in_use_is_refused_but_a_virtual_session_does_not_hold_it(cohort, day_one, hall):
    problems = check(day_one, facilitator_ids=[])
    assert problems == [
        f"Civic Hall is already booked for Taught day 1 ({cohort.name}) on "
        f"{session_service.when(day_one.starts_at, day_one.ends_at)}"
    ]
    assert check(day_one, facilitator_ids=[], mode=Mode.VIRTUAL) == []
    day_one.mode = Mode.VIRTUAL
    day_one.save()
    assert check(day_one, facilitator_ids=[], mode=Mode.IN_PERSON) == []
    # Back to back is not a clash.
    assert check(day_one, starts_at=day_one.ends_at, ends_at=at(cohort, 7, 18)) == []


def test_unavailability_is_refused_with_its_note(cohort, day_one, facilitator, hall):
    Unavailability.objects.create(
        facilitator=facilitator,
        starts_at=at(cohort, 14, 0, 0),
        ends_at=at(cohort, 15, 0, 0),
        note="Leave",
    )
    Unavailability.objects.create(
        venue=hall, starts_at=at(cohort, 14, 12, 0), ends_at=at(cohort, 14, 13, 0)
    )
    problems = check(day_one, starts_at=at(cohort, 14), ends_at=at(cohort, 14, 16, 30))
    day = session_service.day(at(cohort, 14))
    next_day = session_service.day(at(cohort, 15))
    assert problems == [
        f"Fran Facilitator is not available from midnight on {day} to midnight on {next_day} "
        "(Leave)",
        f"Civic Hall is not available from midday on {day} to 1pm on {day}",
    ]


def test_times_read_as_people_say_them():
    moment = datetime.datetime(2027, 7, 6, 8, 30, tzinfo=datetime.UTC)  # BST
    assert session_service.when(moment, moment + datetime.timedelta(hours=7)) == (
        "Tuesday 6 July 2027, 9:30am to 4:30pm"
    )
    assert session_service.clock(datetime.datetime(2027, 1, 5, 12, 0, tzinfo=LONDON)) == "midday"


# ---------------------------------------------------------------------------------------------
# Changing a session: SEQUENCE and emails


def update(session, **changes):
    fields = {
        "title": session.title,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "mode": session.mode,
        "venue": session.venue,
    }
    fields.update(changes)
    facilitators = fields.pop("facilitators", list(session.facilitators.all()))
    return session_service.update_session(
        session=session, facilitators=facilitators, version=session.version, **fields
    )


def test_moving_a_published_session_raises_its_sequence_and_tells_its_people(
    cohort,
    day_one,
    participant,
    other_participant,
    facilitator,
    hall,
    django_capture_on_commit_callbacks,
):
    ParticipantFactory(cohort=cohort, status=ParticipantStatus.WITHDRAWN)
    with django_capture_on_commit_callbacks(execute=True):
        told = update(day_one, starts_at=at(cohort, 8), ends_at=at(cohort, 8, 16, 30))
    assert told is True
    day_one.refresh_from_db()
    assert day_one.ical_sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [participant.user.email, other_participant.user.email, facilitator.email]
    )
    message = mail.outbox[0]
    assert message.subject == "Change to Taught day 1"
    assert f"When: {session_service.when(at(cohort, 8), at(cohort, 8, 16, 30))} (UK time)" in (
        message.body
    )
    assert "Where: Civic Hall, " + ", ".join(hall.address.splitlines()) in message.body
    assert "Access: Step-free access from the main entrance." in message.body


def test_a_new_title_raises_the_sequence_without_an_email(
    day_one, participant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        told = update(day_one, title="Leading through change")
    assert told is False
    day_one.refresh_from_db()
    assert (day_one.title, day_one.ical_sequence) == ("Leading through change", 1)
    assert mail.outbox == []


def test_an_unpublished_session_changes_silently(
    day_one, participant, django_capture_on_commit_callbacks
):
    day_one.published = False
    day_one.save()
    with django_capture_on_commit_callbacks(execute=True):
        told = update(
            day_one,
            starts_at=day_one.starts_at + datetime.timedelta(days=1),
            ends_at=day_one.ends_at + datetime.timedelta(days=1),
        )
    assert told is False
    day_one.refresh_from_db()
    assert day_one.ical_sequence == 0
    assert mail.outbox == []


def test_a_session_that_has_started_cannot_switch_mode(cohort, day_one):
    now = day_one.starts_at + datetime.timedelta(hours=1)
    with pytest.raises(session_service.SessionRefused) as refused:
        session_service.update_session(
            session=day_one,
            facilitators=[],
            version=day_one.version,
            mode=Mode.VIRTUAL,
            joining_link="https://meet.example.com/a",
            now=now,
        )
    assert refused.value.problems == [
        "Taught day 1 has already started, so it cannot switch to virtual"
    ]
    with pytest.raises(session_service.SessionRefused) as refused:
        session_service.switch_mode(
            sessions=[day_one],
            mode=Mode.VIRTUAL,
            joining_link="https://meet.example.com/a",
            now=day_one.ends_at + datetime.timedelta(days=1),
        )
    assert refused.value.problems == [
        "Taught day 1 has already taken place, so it cannot switch to virtual"
    ]
    day_one.refresh_from_db()
    assert (day_one.mode, day_one.joining_link, day_one.ical_sequence) == (Mode.IN_PERSON, "", 0)


def test_a_change_that_clashes_is_refused_and_nothing_is_saved(cohort, day_one, hall):
    later = SessionFactory(
        cohort=cohort,
        sequence_number=2,
        venue=hall,
        starts_at=at(cohort, 21),
        ends_at=at(cohort, 21, 16, 30),
    )
    with pytest.raises(session_service.SessionRefused) as refused:
        update(later, starts_at=day_one.starts_at, ends_at=day_one.ends_at)
    assert refused.value.problems[0].startswith(
        f"{later.title}: Civic Hall is already booked for Taught day 1"
    )
    later.refresh_from_db()
    assert (later.starts_at, later.ical_sequence) == (at(cohort, 21), 0)


# ---------------------------------------------------------------------------------------------
# The mode switch


@pytest.fixture
def two_days(cohort, day_one, hall):
    day_two = SessionFactory(
        cohort=cohort,
        sequence_number=2,
        title="Taught day 2",
        venue=hall,
        starts_at=at(cohort, 21),
        ends_at=at(cohort, 21, 16, 30),
    )
    draft = SessionFactory(
        cohort=cohort,
        sequence_number=3,
        title="Taught day 3",
        venue=hall,
        starts_at=at(cohort, 35),
        ends_at=at(cohort, 35, 16, 30),
        published=False,
    )
    return day_one, day_two, draft


def test_switching_many_sessions_to_virtual_is_one_email_each(
    two_days, participant, facilitator, django_capture_on_commit_callbacks
):
    day_one, day_two, draft = two_days
    day_two.joining_link = "https://meet.example.com/kept"
    day_two.save()
    with django_capture_on_commit_callbacks(execute=True):
        changed = session_service.switch_mode(
            sessions=[day_one, day_two, draft],
            mode=Mode.VIRTUAL,
            joining_link="https://meet.example.com/new",
            joining_details="Passcode 1234",
        )
    assert [s.title for s in changed] == ["Taught day 1", "Taught day 2", "Taught day 3"]
    rows = Session.objects.order_by("sequence_number").values_list(
        "mode", "joining_link", "joining_details", "ical_sequence"
    )
    assert list(rows) == [
        ("virtual", "https://meet.example.com/new", "Passcode 1234", 1),
        ("virtual", "https://meet.example.com/kept", "", 1),
        ("virtual", "https://meet.example.com/new", "Passcode 1234", 0),
    ]
    # Participant: both published days; Fran: the day she runs. The draft is not mentioned.
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == sorted(
        [
            (participant.user.email, "Changes to 2 of your programme sessions"),
            (facilitator.email, "Change to Taught day 1"),
        ]
    )
    to_participant = next(m for m in mail.outbox if m.to == [participant.user.email])
    assert "Join online: https://meet.example.com/new\nJoining details: Passcode 1234" in (
        to_participant.body
    )
    assert "Join online: https://meet.example.com/kept" in to_participant.body
    assert "Taught day 3" not in to_participant.body
    assert "/programme/calendar/" in to_participant.body


def test_switching_needs_a_link_or_a_venue_and_clashes_refuse_the_lot(cohort, two_days, hall):
    day_one, day_two, _ = two_days
    with pytest.raises(session_service.SessionRefused) as refused:
        session_service.switch_mode(sessions=[day_one], mode=Mode.VIRTUAL)
    assert refused.value.problems == ["Enter a joining link for Taught day 1"]
    online = SessionFactory(
        cohort=cohort,
        kind=SessionKind.OTHER,
        sequence_number=None,
        title="Webinar",
        mode=Mode.VIRTUAL,
        venue=None,
        joining_link="https://meet.example.com/w",
        starts_at=day_two.starts_at,
        ends_at=day_two.ends_at,
    )
    with pytest.raises(session_service.SessionRefused) as refused:
        session_service.switch_mode(sessions=[online], mode=Mode.IN_PERSON)
    assert refused.value.problems == ["Select a venue for Webinar"]
    with pytest.raises(session_service.SessionRefused) as refused:
        session_service.switch_mode(sessions=[online], mode=Mode.IN_PERSON, venue=hall)
    assert refused.value.problems[0].startswith("Webinar: Civic Hall is already booked for")
    online.refresh_from_db()
    assert (online.mode, online.venue, online.ical_sequence) == (Mode.VIRTUAL, None, 0)


def switch_url(cohort):
    return reverse("delivery:switch_mode", args=[cohort.pk])


def test_the_team_switches_sessions_in_two_steps(
    client, team, cohort, two_days, participant, facilitator, django_capture_on_commit_callbacks
):
    day_one, day_two, _ = two_days
    client.force_login(team)
    page = client.get(switch_url(cohort)).content.decode()
    assert "Taught day 1: " in page and "Taught day 3: " in page
    empty = client.post(switch_url(cohort), {"step": "choose"}).content.decode()
    assert "Select the sessions to switch" in empty and "Select virtual or in person" in empty
    chosen = {"step": "choose", "sessions": [day_one.pk, day_two.pk], "mode": "virtual"}
    confirm = client.post(switch_url(cohort), chosen).content.decode()
    assert "Switch 2 sessions to virtual" in confirm
    assert "Joining link" in confirm
    assert Session.objects.filter(mode=Mode.VIRTUAL).count() == 0
    data = {"step": "confirm", "sessions": [day_one.pk, day_two.pk], "mode": "virtual"}
    missing = client.post(switch_url(cohort), data).content.decode()
    assert "Enter the joining link" in missing and "<title>Error: " in missing
    data["joining_link"] = "meet.example.com/abc"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(switch_url(cohort), data, follow=True)
    assert "2 sessions switched." in response.content.decode()
    assert set(Session.objects.filter(published=True).values_list("mode", "joining_link")) == {
        ("virtual", "https://meet.example.com/abc")
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [participant.user.email, facilitator.email]
    )


def test_the_switch_page_refuses_a_session_that_has_started(client, team, cohort, hall):
    started = SessionFactory(
        cohort=cohort,
        title="Taught day 1",
        venue=hall,
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        ends_at=timezone.now() + datetime.timedelta(hours=5),
    )
    client.force_login(team)
    assert "Taught day 1: " not in client.get(switch_url(cohort)).content.decode()
    data = {
        "step": "confirm",
        "sessions": [started.pk],
        "mode": "virtual",
        "joining_link": "https://meet.example.com/x",
    }
    content = client.post(switch_url(cohort), data).content.decode()
    assert "Taught day 1 has already started, so it cannot switch to virtual" in content
    started.refresh_from_db()
    assert started.mode == Mode.IN_PERSON


def test_another_cohorts_sessions_cannot_be_switched_from_this_page(client, team, cohort):
    elsewhere = SessionFactory(starts_at=timezone.now() + datetime.timedelta(days=30))
    client.force_login(team)
    data = {"step": "confirm", "sessions": [elsewhere.pk], "mode": "virtual"}
    client.post(switch_url(cohort), data | {"joining_link": "https://meet.example.com/x"})
    elsewhere.refresh_from_db()
    assert elsewhere.mode == Mode.IN_PERSON


# ---------------------------------------------------------------------------------------------
# The timetable, adding, editing, deleting and publishing by hand


def timetable_url(cohort):
    return reverse("delivery:timetable", args=[cohort.pk])


@pytest.mark.parametrize("count", [1, 3])
def test_timetable_query_count_is_the_same_for_1_and_3_sessions(
    client, team, cohort, hall, facilitator, django_assert_num_queries, count
):
    for n in range(count):
        session = SessionFactory(
            cohort=cohort, venue=hall, starts_at=at(cohort, 7 * n), ends_at=at(cohort, 7 * n, 16)
        )
        session.facilitators.add(facilitator)
    client.force_login(team)
    # session, user, roles, cohort, unpublished count, those online without a link, page
    # count, sessions, facilitators.
    with django_assert_num_queries(9):
        response = client.get(timetable_url(cohort))
    assert response.content.decode().count("Fran Facilitator") == count


def session_data(cohort, **changes):
    date = cohort.starts_on + datetime.timedelta(days=14)
    data = {
        "kind": "taught_day",
        "sequence_number": "2",
        "title": "Systems leadership",
        "description": "Working across agencies.",
        "date_0": str(date.day),
        "date_1": str(date.month),
        "date_2": str(date.year),
        "start_time": "09:30",
        "end_time": "16:30",
        "mode": "in_person",
        "venue": "",
        "joining_link": "",
        "joining_details": "",
        "contributors": "A guest director",
        "capacity": "30",
    }
    data.update(changes)
    return data


def test_the_team_adds_a_session_and_bad_input_is_kept(client, team, cohort, hall, facilitator):
    client.force_login(team)
    url = reverse("delivery:add_session", args=[cohort.pk])
    data = session_data(cohort, end_time="09:00", sequence_number="", mode="virtual")
    content = client.post(url, data).content.decode()
    for message in (
        "Enter the taught day number",
        "The end time must be after the start time",
        "Enter the joining link for a session that meets online",
    ):
        assert message in content
    assert 'value="Systems leadership"' in content and "Working across agencies." in content
    assert not Session.objects.exists()
    data = session_data(cohort, venue=str(hall.pk), facilitators=[facilitator.pk])
    assert client.post(url, data).url == timetable_url(cohort)
    session = Session.objects.get()
    local = session.starts_at.astimezone(LONDON)
    assert (session.title, session.sequence_number, session.venue, session.published) == (
        "Systems leadership",
        2,
        hall,
        False,
    )
    assert (local.date(), local.time(), session.ends_at.astimezone(LONDON).time()) == (
        cohort.starts_on + datetime.timedelta(days=14),
        datetime.time(9, 30),
        datetime.time(16, 30),
    )
    assert list(session.facilitators.all()) == [facilitator]
    again = client.post(url, data).content.decode()
    assert "There is already a taught day 2" in again


def test_adding_a_clashing_session_shows_the_clash(client, team, cohort, day_one, hall):
    client.force_login(team)
    date = day_one.starts_at.astimezone(LONDON).date()
    data = session_data(
        cohort,
        sequence_number="2",
        venue=str(hall.pk),
        date_0=str(date.day),
        date_1=str(date.month),
        date_2=str(date.year),
    )
    response = client.post(reverse("delivery:add_session", args=[cohort.pk]), data)
    content = response.content.decode()
    assert "Systems leadership: Civic Hall is already booked for Taught day 1" in content
    assert Session.objects.count() == 1


def test_editing_a_published_session_by_form(
    client, team, cohort, day_one, participant, facilitator, django_capture_on_commit_callbacks
):
    client.force_login(team)
    url = reverse("delivery:edit_session", args=[day_one.pk])
    form = client.get(url).content.decode()
    assert 'value="Taught day 1"' in form and 'value="09:30"' in form
    data = session_data(
        cohort,
        sequence_number="1",
        title="Taught day 1",
        mode="hybrid",
        venue=str(day_one.venue_id),
        joining_link="https://meet.example.com/day1",
        facilitators=[p.pk for p in day_one.facilitators.all()],
        version=str(day_one.version),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data, follow=True)
    assert "Taught day 1 saved. People taking part have been emailed" in response.content.decode()
    day_one.refresh_from_db()
    assert (day_one.mode, day_one.ical_sequence) == (Mode.HYBRID, 1)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [participant.user.email, facilitator.email]
    )


def test_deleting_only_unpublished_sessions(client, team, cohort, two_days):
    day_one, _, draft = two_days
    client.force_login(team)
    refused = client.post(reverse("delivery:delete_session", args=[day_one.pk]), follow=True)
    # A published session is a rule of the business, not a refusal of the person: a message on
    # the session's page, not a 403.
    assert refused.redirect_chain == [(reverse("delivery:edit_session", args=[day_one.pk]), 302)]
    assert [str(m) for m in refused.context["messages"]] == [
        "Taught day 1 is published, so it cannot be deleted. Change it instead."
    ]
    assert "govuk-notification-banner" in refused.content.decode()
    response = client.post(reverse("delivery:delete_session", args=[draft.pk]))
    assert response.url == timetable_url(cohort)
    assert sorted(Session.objects.values_list("title", flat=True)) == [
        "Taught day 1",
        "Taught day 2",
    ]


def test_publishing_tells_people_once(
    client, team, cohort, two_days, participant, django_capture_on_commit_callbacks
):
    _, _, draft = two_days
    extra = SessionFactory(
        cohort=cohort,
        title="Webinar",
        kind=SessionKind.OTHER,
        sequence_number=None,
        starts_at=at(cohort, 40),
        ends_at=at(cohort, 40, 11),
        published=False,
        venue=None,
        mode=Mode.VIRTUAL,
        joining_link="https://meet.example.com/w",
    )
    client.force_login(team)
    checked = ",".join(str(s.pk) for s in (draft, extra))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("delivery:publish", args=[cohort.pk]), {"checked": checked}, follow=True
        )
    assert "2 sessions published." in response.content.decode()
    assert set(Session.objects.values_list("published", flat=True)) == {True}
    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        (participant.user.email, "2 sessions added to your programme timetable")
    ]
    assert "Taught day 3" in mail.outbox[0].body and extra.title in mail.outbox[0].body


@pytest.mark.parametrize(
    "name,method",
    [
        ("timetable", "get"),
        ("add_session", "get"),
        ("publish", "get"),
        ("publish", "post"),
        ("switch_mode", "get"),
        ("venues", "get"),
        ("add_venue", "get"),
        ("availability", "get"),
    ],
)
def test_cohort_pages_are_for_its_own_team(
    client, cohort, team, other_team, outsider, participant, facilitator, name, method
):
    url = reverse(f"delivery:{name}", args=[cohort.pk])
    client.force_login(team)
    assert getattr(client, method)(url).status_code in (200, 302)
    client.force_login(other_team)
    assert getattr(client, method)(url).status_code == 404
    for person in (outsider, participant.user, facilitator):
        client.force_login(person)
        assert getattr(client, method)(url).status_code == 403


@pytest.mark.parametrize("name", ["edit_session", "delete_session", "add_material"])
def test_session_pages_are_for_its_cohorts_team(
    client, day_one, team, other_team, outsider, facilitator, name
):
    url = reverse(f"delivery:{name}", args=[day_one.pk])
    client.force_login(other_team)
    assert client.post(url, {"title": "Taken"}).status_code == 404
    for person in (outsider, facilitator):
        client.force_login(person)
        assert client.post(url, {"title": "Taken"}).status_code == 403
    day_one.refresh_from_db()
    assert day_one.title == "Taught day 1"
    assert Session.objects.filter(pk=day_one.pk).exists()


# ---------------------------------------------------------------------------------------------
# Materials


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def office_file(name, folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.mark.parametrize(
    "upload,problem",
    [
        (SimpleUploadedFile("agenda.pdf", b"%PDF-1.7\n..."), None),
        (office_file("notes.docx", "word/"), None),
        (office_file("slides.pptx", "ppt/"), None),
        (office_file("budget.xlsx", "xl/"), None),
        (SimpleUploadedFile("map.png", b"\x89PNG\r\n\x1a\n...."), None),
        (SimpleUploadedFile("photo.JPG", b"\xff\xd8\xff\xe0..."), None),
        (SimpleUploadedFile("agenda.pdf", b"not really a pdf"), "must be a"),
        (office_file("notes.docx", "xl/"), "must be a"),
        (SimpleUploadedFile("notes.docx", b"PK\x03\x04 broken"), "must be a"),
        (SimpleUploadedFile("script.exe", b"MZ...."), "must be a"),
        (SimpleUploadedFile("noextension", b"%PDF-1.7"), "must be a"),
        (SimpleUploadedFile("empty.pdf", b""), "The selected file is empty"),
    ],
)
def test_upload_types_are_checked_by_name_and_content(upload, problem):
    found = session_service.upload_problem(upload)
    if problem is None:
        assert found is None
    elif problem == "must be a":
        assert found == "The selected file must be a PDF, DOCX, PPTX, XLSX, PNG, JPG or GIF"
    else:
        assert found == problem


def test_a_file_over_20mb_is_refused():
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024 - 4))
    assert session_service.upload_problem(upload) == "The selected file must be smaller than 20MB"
    fits = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024 - 5))
    assert session_service.upload_problem(fits) is None


def test_the_team_adds_a_file_and_a_link_and_bad_ones_are_explained(client, team, day_one, media):
    client.force_login(team)
    url = reverse("delivery:add_material", args=[day_one.pk])
    bad = client.post(
        url, {"title": "Agenda", "file": SimpleUploadedFile("agenda.pdf", b"<html>")}
    ).content.decode()
    assert "The selected file must be a PDF, DOCX, PPTX, XLSX, PNG, JPG or GIF" in bad
    assert 'value="Agenda"' in bad
    neither = client.post(url, {"title": "Agenda"}).content.decode()
    assert "Select a file to upload or enter a link" in neither
    both = client.post(
        url,
        {
            "title": "Agenda",
            "file": SimpleUploadedFile("agenda.pdf", b"%PDF-1.7"),
            "url": "https://example.org/agenda",
        },
    ).content.decode()
    assert "Upload a file or enter a link, not both" in both
    assert not SessionMaterial.objects.exists()
    response = client.post(
        url, {"title": "Agenda", "file": SimpleUploadedFile("agenda.pdf", b"%PDF-1.7")}
    )
    assert response.url == reverse("delivery:edit_session", args=[day_one.pk])
    client.post(url, {"title": "Reading", "url": "https://example.org/reading"})
    rows = list(SessionMaterial.objects.order_by("pk").values_list("title", "url"))
    assert rows == [("Agenda", ""), ("Reading", "https://example.org/reading")]
    agenda = SessionMaterial.objects.get(title="Agenda")
    assert agenda.file.name.startswith("materials/") and agenda.file.read() == b"%PDF-1.7"
    page = client.get(reverse("delivery:edit_session", args=[day_one.pk])).content.decode()
    assert reverse("delivery:material_file", args=[agenda.pk]) in page
    client.post(reverse("delivery:remove_material", args=[agenda.pk]))
    assert list(SessionMaterial.objects.values_list("title", flat=True)) == ["Reading"]
    assert not (media / agenda.file.name).exists()


def test_material_files_are_for_the_cohorts_people(
    client, cohort, day_one, participant, facilitator, team, other_team, media
):
    material = session_service.add_material(
        session=day_one, title="Agenda", file=SimpleUploadedFile("agenda.pdf", b"%PDF-1.7")
    )
    url = reverse("delivery:material_file", args=[material.pk])
    for person in (participant.user, facilitator, team):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.7"
        assert response["Content-Disposition"].startswith("attachment;")
    elsewhere = ParticipantFactory(cohort=CohortFactory())
    for person in (other_team, elsewhere.user):
        client.force_login(person)
        assert client.get(url).status_code == 404
    day_one.published = False
    day_one.save()
    client.force_login(participant.user)
    assert client.get(url).status_code == 404


# ---------------------------------------------------------------------------------------------
# Venues and availability


def test_the_team_adds_and_changes_a_venue(client, team, cohort):
    client.force_login(team)
    url = reverse("delivery:add_venue", args=[cohort.pk])
    content = client.post(url, {"name": "", "address": ""}).content.decode()
    assert "Enter the venue name" in content and "Enter the address" in content
    data = {"name": "Civic Hall", "address": "1 Civic Square\nLeeds", "access_notes": "Lift"}
    assert client.post(url, data).url == reverse("delivery:venues", args=[cohort.pk])
    venue = Venue.objects.get()
    assert (venue.programme, venue.name, venue.address) == (
        cohort.intake.programme,
        "Civic Hall",
        "1 Civic Square\nLeeds",
    )
    edit = reverse("delivery:edit_venue", args=[cohort.pk, venue.pk])
    client.post(edit, data | {"capacity": "40", "version": "1"})
    venue.refresh_from_db()
    assert venue.capacity == 40


def test_another_programmes_venue_is_not_found(client, team, cohort):
    elsewhere = VenueFactory()
    client.force_login(team)
    url = reverse("delivery:edit_venue", args=[cohort.pk, elsewhere.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_venues_query_count_is_the_same_for_1_and_3(
    client, team, cohort, django_assert_num_queries, count
):
    for _ in range(count):
        VenueFactory(programme=cohort.intake.programme)
    client.force_login(team)
    # session, user, roles, cohort, page count, venues.
    with django_assert_num_queries(6):
        response = client.get(reverse("delivery:venues", args=[cohort.pk]))
    assert len(response.context["page"].object_list) == count


def test_the_team_records_and_removes_times_not_available(client, team, cohort, facilitator, hall):
    client.force_login(team)
    url = reverse("delivery:availability", args=[cohort.pk])
    first = cohort.starts_on + datetime.timedelta(days=10)
    before = first - datetime.timedelta(days=1)
    data = {
        "who": f"facilitator-{facilitator.pk}",
        "first_day_0": str(first.day),
        "first_day_1": str(first.month),
        "first_day_2": str(first.year),
        "last_day_0": str(before.day),
        "last_day_1": str(before.month),
        "last_day_2": str(before.year),
        "note": "Cancelled: unwell",
    }
    content = client.post(url, data).content.decode()
    assert "The last day must be the same as or after the first day" in content
    assert 'value="Cancelled: unwell"' in content
    data.update(last_day_0=str(first.day), last_day_1=str(first.month), last_day_2=str(first.year))
    assert client.post(url, data).url == url
    row = Unavailability.objects.get()
    assert (row.facilitator, row.venue, row.note) == (facilitator, None, "Cancelled: unwell")
    assert (row.starts_at.astimezone(LONDON), row.ends_at.astimezone(LONDON)) == (
        datetime.datetime.combine(first, datetime.time(0, 0), tzinfo=LONDON),
        datetime.datetime.combine(
            first + datetime.timedelta(days=1), datetime.time(0, 0), tzinfo=LONDON
        ),
    )
    assert "Cancelled: unwell" in client.get(url).content.decode()
    client.post(url, data | {"who": f"venue-{hall.pk}", "note": ""})
    assert Unavailability.objects.filter(venue=hall).count() == 1
    remove = reverse("delivery:remove_unavailability", args=[cohort.pk, row.pk])
    client.post(remove)
    assert list(Unavailability.objects.values_list("venue", flat=True)) == [hall.pk]


def test_another_programmes_team_cannot_remove_unavailability(
    client, cohort, facilitator, other_team, other_cohort
):
    row = Unavailability.objects.create(
        facilitator=facilitator, starts_at=at(cohort, 3), ends_at=at(cohort, 4)
    )
    client.force_login(other_team)
    assert (
        client.post(
            reverse("delivery:remove_unavailability", args=[other_cohort.pk, row.pk])
        ).status_code
        == 404
    )
    assert Unavailability.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("count", [1, 3])
def test_availability_query_count_is_the_same_for_1_and_3(
    client, team, cohort, facilitator, django_assert_num_queries, count
):
    for n in range(count):
        Unavailability.objects.create(
            facilitator=facilitator, starts_at=at(cohort, n), ends_at=at(cohort, n + 1)
        )
    client.force_login(team)
    # session, user, roles, cohort, facilitators and venues (the form's choices, the list too),
    # page count, rows.
    with django_assert_num_queries(8):
        response = client.get(reverse("delivery:availability", args=[cohort.pk]))
    assert len(response.context["page"].object_list) == count
