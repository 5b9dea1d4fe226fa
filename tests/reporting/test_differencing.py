"""The reported attack: the equality report and the adverse impact report, side by side.

A person who filled in the monitoring form and then withdrew must not be picked out by taking
one published figure from another: within a table (a row's stages, a stage's total), between
the two reports, or between questions.
"""

import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ApplicationFactory,
    IntakeFactory,
    RoleAssignmentFactory,
    SubmittedApplicationFactory,
)
from upon.accounts.models import Role
from upon.recruitment.models import ApplicationStatus
from upon.reporting.models import MonitoringResponse
from upon.selection.models import Decision, Offer, OfferStatus

pytestmark = pytest.mark.django_db

TOTAL = "Total"
STAGES = ("applied", "shortlisted", "offered", "accepted")  # the equality report's columns
# Everyone's answers to the nine questions; the withdrawn person's differ from everyone's.
USUAL = {
    "ethnicity": "white_british",
    "sex": "female",
    "gender_identity": "same",
    "sexual_orientation": "heterosexual",
    "disability": "no",
    "religion": "christian",
    "age_band": "45_54",
    "caring": "children",
    "socio_economic": "professional",
}
WITHDRAWN = {
    "ethnicity": "black_african",
    "sex": "male",
    "gender_identity": "different",
    "sexual_orientation": "gay_lesbian",
    "disability": "yes_a_lot",
    "religion": "muslim",
    "age_band": "under_35",
    "caring": "adult",
    "socio_economic": "not_working",
}


@pytest.fixture
def intake(authorities):
    return IntakeFactory()


@pytest.fixture
def lead(intake):
    return RoleAssignmentFactory(role=Role.PROGRAMME_LEAD, programme=intake.programme).user


def answered(application, answers):
    MonitoringResponse.objects.create(application=application, **answers)
    return application


@pytest.fixture
def withdrawn_applicant(intake, lead):
    """12 people apply; 6 are shortlisted and offered, 5 accept. Then 6 more who answered
    differently, and one person who filled in the form and withdrew before submitting."""
    for n in range(12):
        application = answered(SubmittedApplicationFactory(intake=intake), USUAL)
        if n < 6:
            Decision.objects.create(
                application=application, outcome="shortlist", rationale="r", decided_by=lead
            )
            status = OfferStatus.ACCEPTED if n < 5 else OfferStatus.PENDING
            Offer.objects.create(application=application, accept_by=timezone.now(), status=status)
    for _ in range(6):
        answered(SubmittedApplicationFactory(intake=intake), {**USUAL, "sex": "male"})
    return answered(
        ApplicationFactory(intake=intake, status=ApplicationStatus.WITHDRAWN), WITHDRAWN
    )


def equality_figures(page):
    """(question, group, stage) -> count, None when hidden, as the equality page shows them."""
    figures = {}
    for table in page.context["tables"]:
        for label, cells in [(row.label, row.cells) for row in table.rows] + [
            (TOTAL, table.totals)
        ]:
            for stage, cell in zip(STAGES, cells, strict=True):
                figures[table.question, label, stage] = cell.count
    return figures


def adverse_impact_figures(tables):
    figures = {}
    for table in tables:
        for group in table.groups:
            for cell in group.cells:
                figures[table.question, group.group, cell.stage.lower()] = cell.count
        for total in table.totals:
            figures[table.question, TOTAL, total.stage.lower()] = total.count
    return figures


def revealing_differences(figures, stages):
    """Pairs of shown figures whose difference is a count of 1 to 4 people."""
    found = []
    by_question = {}
    for (question, group, stage), count in figures.items():
        by_question.setdefault(question, {})[group, stage] = count
    for question, shown in by_question.items():
        groups = {group for group, _ in shown}
        for (s, early), (t, late) in itertools.combinations_with_replacement(enumerate(stages), 2):
            pairs = [((TOTAL, early), (g, late)) for g in groups if g != TOTAL or t > s]
            pairs += [((g, early), (g, late)) for g in groups if t > s and g != TOTAL]
            for whole, part in pairs:
                a, b = shown.get(whole), shown.get(part)
                if a is not None and b is not None and 0 < a - b < 5:
                    found.append((question, whole, part, a - b))
    return found


def test_the_two_reports_side_by_side_reveal_nobody(client, intake, lead, withdrawn_applicant):
    client.force_login(lead)
    equality_page = client.get(reverse("reporting:equality_report", args=[intake.pk]))
    impact_page = client.get(reverse("reporting:adverse_impact", args=[intake.pk]))
    equality = equality_figures(equality_page)
    impact = adverse_impact_figures(table for table, _chart in impact_page.context["tables"])
    stages = STAGES

    # The same figure in both reports: both hidden or equal (a group missing from one is 0).
    for key in equality.keys() | impact.keys():
        a, b = equality.get(key, 0), impact.get(key, 0)
        assert a is None or b is None or a == b, key
        assert (a is None) == (b is None), key
    assert revealing_differences(equality, stages) == []
    assert revealing_differences(impact, stages) == []
    # Every question counts the same people.
    for stage in stages:
        assert len({equality[q, TOTAL, stage] for q, g, s in equality if s == stage}) == 1

    # Nothing shown counts the withdrawn person: 18 applied, whatever the question.
    assert equality["What is your sex?", TOTAL, "applied"] == 18
    assert equality["What is your sex?", "Male", "applied"] == 6
    for text in ("Gay or lesbian", "Muslim", "Black, Black British, Caribbean or African: African"):
        for figures in (equality, impact):
            assert all(
                count in (0, None) for (_, group, _), count in figures.items() if group == text
            )
    assert "Hidden to protect a small group" in equality_page.content.decode()


def test_the_reports_never_reach_a_reviewer(client, intake, withdrawn_applicant):
    reviewer = RoleAssignmentFactory(
        role=Role.REVIEWER, programme=intake.programme, intake=intake
    ).user
    client.force_login(reviewer)
    for name in ("reporting:equality_report", "reporting:adverse_impact"):
        assert client.get(reverse(name, args=[intake.pk])).status_code == 403
