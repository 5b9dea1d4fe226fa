"""Erasure (issue 15, item 4): after it, nothing in any table (history included) or in the
media folder says who the person was, their account is unusable, and the figures are the same."""

import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection

from tests.privacy.scan import found_anywhere
from upon.privacy import erasure
from upon.privacy.models import PersonalDataRequest, RequestKind
from upon.privacy.people import deletes, find
from upon.recruitment.models import Application
from upon.reporting.equality_reads import Reading
from upon.reporting.funnel import intake_funnels
from upon.reporting.models import MonitoringResponse
from upon.reporting.stages import monitoring_tables
from upon.support.models import CoachingSession

pytestmark = pytest.mark.django_db
READING = Reading(None, "Tests")


def make_distinctive(person, tag):
    """Give the person a name and address found nowhere else, and write them into their
    application the way the applicant would (so the history keeps a copy too)."""
    User = get_user_model()
    name, email = f"Zebedee {tag} Quintrell", f"zq-{tag}@distinct.example"
    User.objects.filter(pk=person.pk).update(full_name=name, email=email)
    for application in Application.objects.filter(applicant=person):
        application.full_name, application.phone = name, "07700 900 765"
        application.save()
    person.refresh_from_db()
    return [name, email, "07700 900 765"]


def row_counts(skip) -> dict[str, int]:
    """Rows in every table but the history tables and those erasure deletes from."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table in skip or "historical" in table:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def figures(world):
    funnels = intake_funnels(programme=world.programme, suppress=False)
    tables = monitoring_tables(intake=world.intake, reading=READING)
    return [repr(f) for f in funnels], [t.counts for t in tables]


# Who is erased, and what else of theirs the world wrote (found nowhere else in it).
WRITTEN = {
    "applicant": [],
    "participant": ["Our first residential"],
    "director": ["Dee Director", "Off topic"],
    "coach": ["Cal Coach"],
    "alumnus": ["World alumnus", "Hello from the world", "London directors"],
}


@pytest.mark.parametrize("identity", sorted(WRITTEN))
def test_erasure_leaves_nothing_that_names_them(built_world, settings, identity):
    person = built_world.users[identity]
    MonitoringResponse.objects.update_or_create(
        application=built_world.application, defaults={"sex": "female"}
    )
    needles = make_distinctive(person, identity) + WRITTEN[identity]
    assert found_anywhere(needles)  # the scan finds them before
    files = [
        Path(settings.MEDIA_ROOT) / name
        for model, pks in find(person).held.items()
        for field in erasure.file_fields(model)
        for name in model._default_manager.filter(pk__in=pks).values_list(field.name, flat=True)
        if name
    ]
    assert all(path.exists() for path in files)
    skip = {model._meta.db_table for model in apps.get_models() if deletes(model)} | {
        "django_session",
        # What erasure and the figures below write.
        "privacy_personaldatarequest",
        "privacy_anonymised",
        "reporting_equalityread",
    }
    before_counts, before_figures = row_counts(skip), figures(built_world)

    erasure.erase(person=person, by=built_world.users["lead"], programme=built_world.programme)

    assert found_anywhere(needles) == []
    assert [path for path in files if path.exists()] == []
    assert row_counts(skip) == before_counts
    assert figures(built_world) == before_figures
    person.refresh_from_db()
    assert (person.full_name, person.email, person.is_active, person.has_usable_password()) == (
        "Erased person",
        f"erased-{person.pk}@erased.invalid",
        False,
        False,
    )
    logged = PersonalDataRequest.objects.get()
    assert (logged.kind, logged.person, logged.done_by) == (
        RequestKind.ERASURE,
        person,
        built_world.users["lead"],
    )


def test_the_participant_has_files_and_erasure_deletes_them(built_world, settings):
    person = built_world.users["participant"]
    submission = built_world.submission
    path = Path(settings.MEDIA_ROOT) / submission.file.name
    assert path.exists()
    erasure.erase(person=person, by=built_world.users["lead"], programme=built_world.programme)
    assert not path.exists()
    submission.refresh_from_db()
    assert (submission.file.name, submission.original_name) == ("", "Erased")


def test_erasure_ends_their_sessions(built_world, client):
    person = built_world.users["applicant"]
    client.force_login(person)
    assert client.get("/account/").status_code == 200
    erasure.erase(person=person, by=built_world.users["lead"], programme=built_world.programme)
    response = client.get("/account/")
    assert response.status_code == 302
    assert response.url.startswith("/account/sign-in")


def test_the_directors_coaching_notes_go_with_the_director(built_world):
    director = built_world.users["director"]
    erasure.erase(person=director, by=built_world.users["lead"], programme=built_world.programme)
    notes = set(CoachingSession.objects.values_list("notes", flat=True))
    assert notes == {""}
    # The hours still count.
    assert sum(CoachingSession.objects.values_list("minutes", flat=True)) == 180


def test_erasing_twice_changes_nothing_more(built_world):
    person, lead = built_world.users["applicant"], built_world.users["lead"]
    erasure.erase(person=person, by=lead, programme=built_world.programme)
    first = found_anywhere([f"erased-{person.pk}@erased.invalid"])
    erasure.erase(person=person, by=lead, programme=built_world.programme)
    assert found_anywhere([f"erased-{person.pk}@erased.invalid"]) == first
    assert PersonalDataRequest.objects.count() == 2


def test_an_erased_application_keeps_its_place_in_the_intake(built_world):
    application = built_world.application
    erasure.erase(
        person=built_world.users["applicant"],
        by=built_world.users["lead"],
        programme=built_world.programme,
    )
    application.refresh_from_db()
    assert (application.status, application.intake, application.submitted_at) == (
        built_world.application.status,
        built_world.intake,
        built_world.application.submitted_at,
    )
    assert application.reference == f"X{application.pk}"
    assert application.full_name == ""
    assert isinstance(application.submitted_at, datetime.datetime)


def test_erasure_deletes_their_authenticator_app_and_recovery_codes(built_world):
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.helpers import give_authenticator_app

    coach = built_world.users["coach"]
    give_authenticator_app(coach)
    StaticDevice.objects.create(user=coach, name="Recovery codes").token_set.create(
        token="k4m9p2x7"
    )
    lead = built_world.users["lead"]
    give_authenticator_app(lead)
    erasure.erase(person=coach, by=lead, programme=built_world.programme)
    assert not TOTPDevice.objects.filter(user=coach).exists()
    assert not StaticDevice.objects.filter(user=coach).exists()
    assert not StaticToken.objects.filter(token="k4m9p2x7").exists()
    assert TOTPDevice.objects.filter(user=lead).count() == 1
