"""The subject access export: a zip of the person's rows as JSON, their history, the records
they acted on, and their files; logged."""

import datetime
import io
import json
import zipfile

import pytest

from upon.privacy import export
from upon.privacy.models import RequestKind
from upon.reporting.models import EqualityRead, MonitoringResponse

pytestmark = pytest.mark.django_db
AT = datetime.datetime(2026, 12, 3, 12, tzinfo=datetime.UTC)


def produce(world, identity):
    content, logged = export.export(
        person=world.users[identity], by=world.users["lead"], programme=world.programme, at=AT
    )
    return zipfile.ZipFile(io.BytesIO(content)), logged


def records(archive, label):
    return json.loads(archive.read(f"records/{label}.json"))


def test_the_applicants_export_holds_their_applications_and_everything_in_them(built_world):
    MonitoringResponse.objects.create(application=built_world.application, sex="female")
    archive, logged = produce(built_world, "applicant")
    applicant = built_world.users["applicant"]
    account = json.loads(archive.read("account.json"))
    assert (account["id"], account["email"], account["full_name"]) == (
        applicant.pk,
        applicant.email,
        "Ada Applicant",
    )
    assert "password" not in account
    applications = records(archive, "recruitment.Application")
    assert sorted(row["fields"]["reference"] for row in applications) == [
        "WORLD-00001",
        "WORLD-00002",
    ]
    assert [row["fields"]["sex"] for row in records(archive, "reporting.MonitoringResponse")] == [
        "female"
    ]
    assert len(records(archive, "recruitment.Endorsement")) == 1
    assert len(records(archive, "recruitment.CapabilityStatement")) == 2
    assert {r["model"] for r in records(archive, "selection.ReviewAssignment")} == {
        "selection.reviewassignment"
    }
    history = json.loads(archive.read("history/recruitment.Application.json"))
    assert {row["id"] for row in history} == {a["pk"] for a in applications}
    assert (logged.kind, logged.person, logged.done_by, logged.done_at) == (
        RequestKind.EXPORT,
        applicant,
        built_world.users["lead"],
        AT,
    )
    assert logged.rows == sum(
        len(json.loads(archive.read(name)))
        for name in archive.namelist()
        if name.startswith("records/")
    )
    # Reading their equality answers is logged with who and why.
    read = EqualityRead.objects.get()
    assert (read.read_by, read.purpose) == (
        built_world.users["lead"],
        "A subject access export for the person",
    )


def test_the_participants_export_holds_their_uploaded_file(built_world):
    archive, logged = produce(built_world, "participant")
    submission = built_world.submission
    name = (
        f"files/delivery.ChallengeSubmission/{submission.pk}/{submission.file.name.split('/')[-1]}"
    )
    with submission.file.open("rb") as handle:
        assert archive.read(name) == handle.read()
    assert logged.files == 1


def test_the_directors_export_holds_their_coaching_notes_the_coachs_does_not(built_world):
    director, _ = produce(built_world, "director")
    notes = {row["fields"]["notes"] for row in records(director, "support.CoachingSession")}
    assert notes == {"Private to the coach and the director."}
    coach, _ = produce(built_world, "coach")
    assert "records/support.CoachingSession.json" not in coach.namelist()
    assert len(records(coach, "support.CoachingRelationship")) == 1
    recorded = [
        a
        for a in json.loads(coach.read("actions.json"))
        if a["record"] == "support.CoachingSession"
    ]
    assert len(recorded) == 3
    assert {a["named_as"] for a in recorded} == {"recorded_by"}
    assert b"Private to the coach" not in b"".join(coach.read(n) for n in coach.namelist())


def test_what_the_lead_did_is_in_the_leads_export_as_actions_only(built_world):
    archive, _ = produce(built_world, "lead")
    actions = json.loads(archive.read("actions.json"))
    assert {
        "record": "selection.Decision",
        "id": built_world.decision.pk,
        "named_as": "decided_by",
    } in actions
    assert "records/selection.Decision.json" not in archive.namelist()


def test_the_second_factors_secrets_never_leave_in_an_export(built_world):
    from django_otp.plugins.otp_static.models import StaticDevice

    from tests.helpers import give_authenticator_app

    coach = built_world.users["coach"]
    app = give_authenticator_app(coach)
    codes = StaticDevice.objects.create(user=coach, name="Recovery codes")
    codes.token_set.create(token="k4m9p2x7")
    archive, _ = produce(built_world, "coach")
    [device] = records(archive, "otp_totp.TOTPDevice")
    assert device["pk"] == app.pk
    assert device["fields"]["user"] == coach.pk
    assert "key" not in device["fields"]
    [token] = records(archive, "otp_static.StaticToken")
    assert token["fields"] == {"device": codes.pk}
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert app.key.encode() not in everything
    assert b"k4m9p2x7" not in everything
