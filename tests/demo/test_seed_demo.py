import hashlib
import re

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.core.management.base import CommandError

from upon.accounts.models import INTAKE_SCOPED_ROLES, Role, RoleAssignment, User
from upon.organisations.models import Organisation, OrganisationKind
from upon.recruitment.capabilities import DEFAULT_CAPABILITIES
from upon.recruitment.models import (
    Application,
    ApplicationStatus,
    CapabilityStatement,
    CareerEntry,
    Endorsement,
    EndorsementStatus,
    Intake,
    Programme,
)
from upon.reporting.models import MonitoringResponse
from upon.service.demo.common import DEMO_PASSWORD
from upon.service.demo.people import SIGN_INS, SIGN_INS_FILE, sign_ins_table

pytestmark = pytest.mark.django_db


def seed(**options):
    call_command("seed_demo", verbosity=0, **options)


def digest() -> str:
    """What must not change between two runs with one seed: references, statuses, people."""
    rows = Application.objects.order_by("reference").values_list(
        "reference", "status", "applicant__email", "full_name", "employer__name"
    )
    statements = CapabilityStatement.objects.order_by(
        "application__reference", "capability__position"
    ).values_list("application__reference", "text")
    endorsements = Endorsement.objects.order_by("application__reference").values_list(
        "application__reference", "status", "sponsor_email"
    )
    return hashlib.sha256(
        repr((list(rows), list(statements), list(endorsements))).encode()
    ).hexdigest()


def wipe() -> None:
    """Back to a fresh database: only the migrated local authorities remain."""
    RoleAssignment.objects.all().delete()
    Application.objects.all().delete()
    Intake.objects.all().delete()
    Programme.objects.all().delete()
    User.objects.all().delete()
    Organisation.objects.exclude(kind=OrganisationKind.LOCAL_AUTHORITY).delete()


def test_demo_scale_open_intake_has_every_status_and_is_open_now(authorities):
    seed(seed=7)

    programme = Programme.objects.get()
    assert (programme.slug, programme.name) == (
        "aspiring-directors",
        "Aspiring Directors of Children's Services",
    )
    last, open_intake = Intake.objects.order_by("opens_at")
    assert open_intake.is_open() and not last.is_open()
    assert open_intake.capacity == 40
    assert open_intake.applications.count() == 150
    assert set(open_intake.applications.values_list("status", flat=True)) == set(
        ApplicationStatus.values
    )
    assert set(last.applications.values_list("status", flat=True)) >= {
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.DECLINED,
        ApplicationStatus.UNSUCCESSFUL,
    }
    for intake in (last, open_intake):
        assert list(intake.capabilities.values_list("name", flat=True)) == [
            name for name, _text, _limit in DEFAULT_CAPABILITIES
        ]
    assert set(Endorsement.objects.values_list("status", flat=True)) == set(
        EndorsementStatus.values
    )


def test_demo_scale_references_run_in_order_within_each_intake(authorities):
    seed(seed=7)

    for intake in Intake.objects.all():
        references = list(
            intake.applications.order_by("created_at", "reference").values_list(
                "reference", flat=True
            )
        )
        year = intake.opens_at.year
        assert references == [f"ADCS-{year}-{n:05d}" for n in range(1, len(references) + 1)]


def test_demo_scale_content_is_plausible_and_within_limits(authorities):
    seed(seed=7)

    submitted = Application.objects.exclude(status=ApplicationStatus.DRAFT)
    for application in submitted.prefetch_related("career", "statements__capability"):
        assert 1 <= len(application.career.all()) <= 3
        assert len(application.statements.all()) == 7
        for statement in application.statements.all():
            assert 0 < len(statement.text.split()) <= statement.capability.word_limit
        assert application.submitted_at is not None
    employers = Organisation.objects.filter(applications__isnull=False).distinct()
    assert set(employers.values_list("kind", flat=True)) == {
        OrganisationKind.LOCAL_AUTHORITY,
        OrganisationKind.NHS_TRUST,
        OrganisationKind.VOLUNTARY,
        OrganisationKind.PRIVATE,
    }
    answers = MonitoringResponse.objects.values_list("ethnicity", flat=True)
    assert 0.5 * Application.objects.count() < len(answers) < Application.objects.count()
    assert "prefer_not_to_say" in set(answers) and "" in set(answers)


def test_demo_scale_has_a_sign_in_for_every_role_with_the_shared_password(authorities):
    seed(seed=7)

    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    for email, _label, role in SIGN_INS:
        user = User.objects.get(email=email)
        assert user.email_confirmed_at is not None
        assert check_password(DEMO_PASSWORD, user.password)
        if role:
            assignment = user.roles.get(role=role)
            assert (assignment.intake_id is not None) == (role in INTAKE_SCOPED_ROLES)
    # One hash, made once, shared by every demo person.
    assert User.objects.values("password").distinct().count() == 1
    assert (
        RoleAssignment.objects.filter(role__in=INTAKE_SCOPED_ROLES, intake__isnull=True).count()
        == 0
    )

    draft = Application.objects.get(applicant__email="applicant@upon.example")
    assert draft.status == ApplicationStatus.DRAFT
    assert draft.completed_sections == ["about_you", "current_role", "career"]
    submitted = Application.objects.get(applicant__email="submitted@upon.example")
    assert submitted.status == ApplicationStatus.SUBMITTED
    assert submitted.intake.is_open()
    assert SIGN_INS_FILE.read_text(encoding="utf-8") == sign_ins_table()


def test_same_seed_gives_the_same_data_and_another_seed_does_not(authorities):
    seed(seed=11)
    first = digest()
    wipe()
    seed(seed=11)
    second = digest()
    wipe()
    seed(seed=12)
    third = digest()

    assert first == second
    assert third != first


def test_if_empty_is_idempotent_and_a_second_plain_run_refuses(authorities):
    seed(seed=7, if_empty=True)
    counts = (User.objects.count(), Application.objects.count(), RoleAssignment.objects.count())

    seed(seed=7, if_empty=True)
    seed(seed=8, if_empty=True)

    assert (
        User.objects.count(),
        Application.objects.count(),
        RoleAssignment.objects.count(),
    ) == counts
    assert Programme.objects.count() == 1
    with pytest.raises(CommandError, match="already has a programme"):
        seed(seed=7)


def test_national_scale_at_a_reduced_size_has_the_expected_counts(authorities):
    seed(seed=3, scale="national", applications=300)

    intakes = list(Intake.objects.order_by("opens_at"))
    # A pilot, ten autumn intakes, four spring ones, and the open one.
    assert len(intakes) == 16
    pilot, *closed, newest_closed, open_intake = intakes
    assert open_intake.is_open()
    assert pilot.applications.count() == 12
    assert newest_closed.applications.count() == 30
    assert sum(intake.applications.count() for intake in closed) == 300 - 30 - 12
    assert max(intake.applications.count() for intake in closed) < 30
    # A tenth more in the open intake, in every status, and the two demo applicants.
    assert open_intake.applications.count() == 30 + 2
    assert set(open_intake.applications.values_list("status", flat=True)) == set(
        ApplicationStatus.values
    )
    assert Application.objects.count() == 300 + 32
    # One person per application, except the three demo sign-ins who applied; 12 more staff.
    assert User.objects.count() == 332 - 3 + len(SIGN_INS) + 12
    complete = Application.objects.exclude(status=ApplicationStatus.DRAFT)
    assert CapabilityStatement.objects.filter(application__in=complete).count() == (
        7 * complete.count()
    )
    assert (
        CareerEntry.objects.filter(application__in=complete)
        .values("application")
        .distinct()
        .count()
        == complete.count()
    )
    assert Endorsement.objects.filter(application__in=complete).count() == complete.count()
    assert (
        len(set(Application.objects.values_list("reference", flat=True)))
        == Application.objects.count()
    )
    spring = [intake for intake in intakes if intake.reference_prefix == "ADCSS"]
    assert len(spring) == 4
    assert all(
        re.fullmatch(rf"ADCSS-{i.opens_at.year}-\d{{5}}", a.reference)
        for i in spring
        for a in i.applications.all()
    )
