"""`make load`'s two database sides (bench/load_check.py): the accounts its simulated people use,
and the check that every write they were told succeeded is in the database.

The ledger here is written by hand in the shape bench/locustfile.py writes it; the database is
made with the factories. Nothing is timed.
"""

import datetime
import importlib.util
from base64 import b32decode
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import (
    PASSWORD,
    ApplicationFactory,
    CapabilityStatementFactory,
    CareerEntryFactory,
    EndorsementFactory,
    IntakeFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.selection.factories import ReviewAssignmentFactory, submitted_review
from upon.accounts.models import Role
from upon.recruitment.models import ApplicationStatus

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 10, 12, 0, tzinfo=datetime.UTC)
CHECK = Path(__file__).resolve().parents[2] / "bench" / "load_check.py"


def load_check():
    spec = importlib.util.spec_from_file_location("load_check", CHECK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def written():
    """An application drafted, endorsed and submitted, as the ledger below says."""
    application = ApplicationFactory(
        reference="ADCS-2026-00007",
        applicant=UserFactory(email="amara@example.org"),
        full_name="Load Applicant ADCS-2026-00007",
        phone="07700 900007",
        job_title="Assistant Director ADCS-2026-00007",
        status=ApplicationStatus.SUBMITTED,
        submitted_at=NOW,
    )
    first = application.intake.capabilities.get(position=1)
    CapabilityStatementFactory(application=application, capability=first, text="Finished.")
    CareerEntryFactory(application=application, job_title="Head of Service ADCS-2026-00007")
    EndorsementFactory(
        application=application,
        sponsor_email="sponsor-adcs-2026-00007@load-sponsor.example",
        status="endorsed",
        comment="Ready for it.",
    )
    return application


def ledger(reference="ADCS-2026-00007"):
    return [
        {"kind": "application", "reference": reference, "email": "amara@example.org"},
        {
            "kind": "about_you",
            "reference": reference,
            "full_name": f"Load Applicant {reference}",
            "phone": "07700 900007",
        },
        {
            "kind": "current_role",
            "reference": reference,
            "job_title": f"Assistant Director {reference}",
        },
        {
            "kind": "career_entry",
            "reference": reference,
            "job_title": f"Head of Service {reference}",
        },
        # Saved for later, then finished: the finished text is the one that must be stored.
        {"kind": "statement", "reference": reference, "position": 1, "text": "A first draft."},
        {"kind": "statement", "reference": reference, "position": 1, "text": "Finished."},
        {
            "kind": "endorsement_request",
            "reference": reference,
            "sponsor_email": f"sponsor-{reference.lower()}@load-sponsor.example",
        },
        {"kind": "endorsed", "reference": reference, "comment": "Ready for it."},
        {"kind": "submitted", "reference": reference},
    ]


def test_nothing_is_lost_when_every_write_is_stored(written):
    assert load_check().lost(ledger()) == []


def test_an_older_value_stored_over_a_newer_one_is_lost(written):
    CapabilityStatementFactory._meta.model.objects.filter(application=written).update(
        text="A first draft."
    )

    assert load_check().lost(ledger()) == [
        "statement of ADCS-2026-00007: {'kind': 'statement', 'reference': 'ADCS-2026-00007', "
        "'position': 1, 'text': 'Finished.'} is not what is stored"
    ]


def test_a_write_sent_whose_answer_never_came_may_be_the_one_stored(written):
    # The person was stopped (the end of a phase) after sending "Finished." and before the
    # answer: the database may hold it, or the draft before it, but nothing else.
    draft = {"kind": "statement", "reference": "ADCS-2026-00007", "position": 1}
    check = load_check()

    assert (
        check.lost(
            [{**draft, "text": "A first draft."}, {**draft, "text": "Finished.", "sent": True}]
        )
        == []
    )
    assert check.lost(
        [{**draft, "text": "A first draft."}, {**draft, "text": "Other.", "sent": True}]
    ) == [
        "statement of ADCS-2026-00007: {'kind': 'statement', 'reference': 'ADCS-2026-00007', "
        "'position': 1, 'text': 'A first draft.'} is not what is stored"
    ]
    assert check.lost([{**draft, "text": "Never answered.", "sent": True}]) == []


def test_a_submission_still_a_draft_and_a_missing_application_are_lost(written):
    written.status = ApplicationStatus.DRAFT
    written.save()

    problems = load_check().lost(
        ledger() + [{"kind": "application", "reference": "ADCS-2026-00099", "email": "x@y.org"}]
    )

    assert problems == [
        "submitted of ADCS-2026-00007: {'kind': 'submitted', 'reference': 'ADCS-2026-00007'} "
        "is not what is stored",
        "application ADCS-2026-00099 is missing",
    ]


def test_a_review_holds_its_last_autosave_and_stays_submitted():
    assignment = ReviewAssignmentFactory()
    review = submitted_review(assignment, [3, 2, 4, 1, 2, 3, 4])
    scores = list(review.scores.order_by("capability__position"))
    scores[0].comment = "Second thoughts."
    scores[0].save()
    first = str(scores[0].capability_id)

    def saved(comment, **more):
        return {
            "kind": "review",
            "assignment": assignment.pk,
            "scores": {first: 3},
            "comments": {first: comment},
            **more,
        }

    check = load_check()
    # Submitted, then changed by an autosave (which keeps a submitted review submitted).
    ok = [saved("First thoughts.", submitted=True), saved("Second thoughts.", submitted=False)]
    assert check.lost(ok) == []
    assert check.lost([saved("Third thoughts.", submitted=False)]) == [
        f"review of assignment {assignment.pk}, capability {first}: (3, 'Second thoughts.') "
        f"stored, (3, 'Third thoughts.') written"
    ]


def test_the_accounts_are_the_open_intakes_people_and_fresh_applicants(monkeypatch):
    check = load_check()
    monkeypatch.setattr(check, "APPLICANTS", 3)
    UserFactory(email="applicant@upon.example")  # the demo's password is copied from it
    closed = IntakeFactory(opens_at=NOW - datetime.timedelta(days=400), closes_at=NOW)
    intake = IntakeFactory(programme=closed.programme, slug="open-intake")
    ApplicationFactory(intake=intake, applicant=UserFactory(email="applied@example.org"))
    ApplicationFactory(intake=closed, applicant=UserFactory(email="last-year@example.org"))
    ReviewAssignmentFactory(reviewer__intake=intake, reviewer__user__email="rev@example.org")
    RoleAssignmentFactory(
        user__email="team@example.org", role=Role.PROGRAMME_TEAM, programme=intake.programme
    )
    RoleAssignmentFactory(user__email="someone-elses-team@example.org", role=Role.PROGRAMME_TEAM)
    RoleAssignmentFactory(
        user__email="p@example.org", role=Role.PARTICIPANT, programme=intake.programme
    )

    found = check.load_accounts(now=NOW)

    assert found == {
        "intake_pk": intake.pk,
        "intake_slug": "open-intake",
        # Who may apply: no role, not applied to it yet (the applicant of the reviewed
        # application applied already); then one made for the load.
        "applicants": [
            "applicant@upon.example",
            "last-year@example.org",
            "load-applicant-0000@upon.example",
        ],
        "reviewers": ["rev@example.org"],
        "team": ["team@example.org"],
        "participants": ["p@example.org"],
        "app_key": "UPONDEMOUPONDEMOUPONDEMOUPONDEMO",
    }
    made = UserFactory._meta.model.objects.get(email="load-applicant-0000@upon.example")
    assert made.check_password(PASSWORD)  # copied as it was hashed
    # The staff signed in as have the demo key's authenticator app; nobody else has one.
    apps = TOTPDevice.objects.filter(confirmed=True).order_by("user__email")
    assert [(app.user.email, app.bin_key) for app in apps] == [
        ("rev@example.org", b32decode("UPONDEMOUPONDEMOUPONDEMOUPONDEMO")),
        ("team@example.org", b32decode("UPONDEMOUPONDEMOUPONDEMOUPONDEMO")),
    ]
