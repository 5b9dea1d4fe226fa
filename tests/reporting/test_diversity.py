"""Diversity through the funnel (lead only), on the programme of outcomes_world.py with
monitoring answers given by hand:

- Female: the five who accepted (four completed, three appointed) and the two not eligible.
- Male: the other three of intake 2021's eligible (two shortlisted, one offered, who declined),
  and two of intake 2022's three.
- Prefer not to say: the third of intake 2022. The one who withdrew answered nothing.

Stages (each inside the one before): applied 14, eligible 12, shortlisted 7, offered 6,
accepted 5, completed 4, appointed 3.
"""

import pytest
from django.urls import reverse

from tests.factories import ProgrammeFactory, holder
from tests.reporting.outcomes_world import NOON, build_funnel
from upon.accounts.models import Role
from upon.recruitment.models import Application, ApplicationStatus
from upon.reporting import diversity
from upon.reporting.algorithms.suppression import (
    HIDDEN_TEXT,
    PROTECTING,
    SHOWN,
    SMALL,
    TOTAL,
    _first_exposed,
    suppress,
)
from upon.reporting.equality_reads import Reading
from upon.reporting.models import MonitoringResponse

READING = Reading(None, "Tests")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def december(time_machine):
    time_machine.move_to(NOON, tick=False)


@pytest.fixture
def world(programme):
    team = holder(programme, Role.PROGRAMME_TEAM, "Tess Team")
    first, later = build_funnel(programme, team)
    submitted = Application.objects.filter(intake=first).exclude(status=ApplicationStatus.DRAFT)
    eligible = list(
        submitted.filter(leadership_years__gte=3)
        .exclude(status=ApplicationStatus.WITHDRAWN)
        .order_by("pk")
    )
    not_eligible = list(submitted.filter(leadership_years=2))
    answers = [(a, "female") for a in [*eligible[:5], *not_eligible]]
    answers += [(a, "male") for a in eligible[5:]]
    theirs = list(Application.objects.filter(intake=later).order_by("pk"))
    answers += [(theirs[0], "male"), (theirs[1], "male"), (theirs[2], "prefer_not_to_say")]
    for application, sex in answers:
        MonitoringResponse.objects.create(application=application, sex=sex)
    return team


def sex_table(programme):
    return next(
        t
        for t in diversity.diversity_tables(programme=programme, reading=READING)
        if t.key == "sex"
    )


def test_each_answer_at_every_stage(programme, world):
    from upon.reporting.stages import monitoring_counts

    [(_, _, groups, rows)] = [
        q
        for q in monitoring_counts(
            applications=Application.objects.filter(intake__programme=programme),
            responses=MonitoringResponse.objects.filter(application__intake__programme=programme),
            rules=diversity.diversity_filters(programme=programme),
            response_rules=diversity.diversity_filters(programme=programme, prefix="application__"),
            stages=[key for key, _ in diversity.STAGES],
        )
        if q[0] == "sex"
    ]
    assert groups == ("Female", "Male", "Prefer not to say", "Not answered")
    assert rows == [
        [7, 5, 5, 5, 5, 4, 3],
        [5, 5, 2, 1, 0, 0, 0],
        [1, 1, 0, 0, 0, 0, 0],
        [1, 1, 0, 0, 0, 0, 0],
    ]


def test_the_totals_are_shown_and_small_answers_hidden(programme, world):
    table = sex_table(programme)
    assert [cell.count for cell in table.totals] == [14, 12, 7, 6, 5, 4, 3]
    female, male, prefer_not, _ = table.rows
    # Shortlisted to accepted, those who preferred not to say are none: zero is shown.
    assert [(c.count, c.percent) for c in prefer_not.cells[2:5]] == [(0, 0.0)] * 3
    assert [c.hidden for c in female.cells[5:]] == [HIDDEN_TEXT] * 2
    assert [c.hidden for c in male.cells[2:4]] == [HIDDEN_TEXT] * 2
    # No count from 1 to 4 is pinned by what is shown, with every total known.
    counts = [[7, 5, 5, 5, 5, 4, 3], [5, 5, 2, 1, 0, 0, 0], [1, 1, 0, 0, 0, 0, 0]]
    counts.append([1, 1, 0, 0, 0, 0, 0])
    result = suppress(counts, known_totals=True)
    state = {(g, s): result.state(g, s) for g in [TOTAL, 0, 1, 2, 3] for s in range(7)}
    assert _first_exposed(counts, state, 7, small_only=True) is None
    shown = [[c.count for c in row.cells] for row in table.rows]
    assert shown == [
        [cell if result.state(g, s) == SHOWN else None for s, cell in enumerate(row)]
        for g, row in enumerate(counts)
    ]


def test_known_totals_two_hidden_cells_of_a_known_total():
    # 4 and 4 of a known 8, both hidden with the same words: anything from 0 to 8 each.
    result = suppress([[4], [4], [0]], known_totals=True)
    assert result.cells == ((SMALL,), (SMALL,), (SHOWN,))
    assert result.totals == (SHOWN,)
    # A lone small one beside a known total takes a partner: the smallest other count.
    result = suppress([[3], [0], [9]], known_totals=True)
    assert result.cells == ((SMALL,), (SHOWN,), (PROTECTING,))


def test_the_lead_reads_the_page(client, programme, world):
    client.force_login(holder(programme, Role.PROGRAMME_LEAD, "Lee Lead"))
    response = client.get(reverse("reporting:diversity", args=[programme.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "What is your sex?" in page and "Appointed director: number" in page


def test_who_reads_the_page(client, programme, world):
    url = reverse("reporting:diversity", args=[programme.pk])
    other = ProgrammeFactory(name="Another programme")
    for person, status in (
        (holder(programme, Role.PROGRAMME_LEAD, "Lee Lead"), 200),
        (world, 403),  # the team, not the lead
        (holder(programme, Role.FUNDER, "Fern Funder"), 403),
        (holder(programme, Role.REVIEWER, "Rae Reviewer"), 403),
        (holder(other, Role.PROGRAMME_LEAD, "Otto Otherlead"), 404),
    ):
        client.force_login(person)
        assert client.get(url).status_code == status, person
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("answers", [1, 3])
def test_the_page_queries_do_not_grow_with_answers(
    client, programme, answers, django_assert_num_queries
):
    from tests.factories import SubmittedApplicationFactory
    from tests.reporting.outcomes_world import intake_of

    intake = intake_of(programme, 2021)
    for _ in range(answers):
        application = SubmittedApplicationFactory(intake=intake)
        MonitoringResponse.objects.create(application=application, sex="female")
    client.force_login(holder(programme, Role.PROGRAMME_LEAD, "Lee Lead"))
    # Session, user, roles, the programme; the totals and the answers.
    # 8: the read is logged (upon/reporting/equality_reads.py) and kept counts looked for.
    with django_assert_num_queries(8):
        response = client.get(reverse("reporting:diversity", args=[programme.pk]))
    [sex] = [t for t in response.context["tables"] if t.key == "sex"]
    assert sex.totals[0].count == answers


def test_with_known_totals_no_small_count_is_ever_pinned():
    """Random small tables (seeded): every count from 1 to 4 hidden stays unknown to a reader
    who knows every total and reads every hidden count as anything from 0 up."""
    import random

    rng = random.Random(14)
    for _ in range(300):
        table = []
        stages = rng.randint(1, 5)
        for _ in range(rng.randint(2, 5)):
            value, row = rng.randint(0, 12), []
            for _ in range(stages):
                row.append(value)
                value = rng.randint(0, value)
            table.append(row)
        result = suppress(table, known_totals=True)
        assert result.totals == (SHOWN,) * stages
        groups = [TOTAL, *range(len(table))]
        state = {(g, s): result.state(g, s) for g in groups for s in range(stages)}
        assert _first_exposed(table, state, stages, small_only=True) is None, table
        assert all(
            result.state(g, s) != SHOWN
            for g, row in enumerate(table)
            for s, count in enumerate(row)
            if 0 < count < 5
        )
