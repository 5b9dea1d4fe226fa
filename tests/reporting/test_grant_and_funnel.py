"""The grant and the funnel, on the small programme in outcomes_world.py worked out by hand."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.factories import RoleAssignmentFactory
from tests.reporting.outcomes_world import NOON, build_funnel, build_grant, intake_of
from upon.accounts.models import Role
from upon.reporting import funnel, grant
from upon.reporting.models import Spend

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def december(time_machine):
    time_machine.move_to(NOON, tick=False)


@pytest.fixture
def world(programme, team):
    intake, later = build_funnel(programme, team)
    lines = build_grant(programme, team)
    return intake, later, lines


def figures(found):
    return [(f.key, f.count, f.hidden) for f in found.figures]


# The funnel --------------------------------------------------------------------------------


def test_the_team_sees_every_stage_of_each_intake(programme, world):
    intake, later, _ = world
    first, second = funnel.intake_funnels(programme=programme, suppress=False)
    assert (first.intake, second.intake) == (later, intake)
    assert figures(second) == [
        ("applied", 11, ""),
        ("eligible", 9, ""),
        ("shortlisted", 7, ""),
        ("offered", 6, ""),
        ("accepted", 5, ""),
        ("completed", 4, ""),
        ("within_1", 2, ""),
        ("within_2", 3, ""),
        ("within_3", 3, ""),
        ("within_5", 3, ""),
    ]
    # Median of 0, 63 and 610 days: 63 days, in months of 365.25 / 12 days.
    assert second.median_months == pytest.approx(63 / (365.25 / 12))
    assert figures(first) == [
        ("applied", 3, ""),
        ("eligible", 3, ""),
        *((key, 0, "") for key in ("shortlisted", "offered", "accepted", "completed")),
        *((f"within_{y}", 0, "") for y in (1, 2, 3, 5)),
    ]
    assert first.median_months is None


def test_the_funder_sees_small_counts_and_what_gives_them_away_hidden(programme, world):
    first, second = funnel.intake_funnels(programme=programme, suppress=True)
    small, protecting = "Fewer than 5", "Hidden to protect a small group"
    # Eligible is 2 fewer than applied, shortlisted 4 fewer, accepted 1 fewer than offered.
    assert figures(second) == [
        ("applied", 11, ""),
        ("eligible", None, protecting),
        ("shortlisted", None, protecting),
        ("offered", 6, ""),
        ("accepted", None, protecting),
        ("completed", None, small),
        *((f"within_{y}", None, small) for y in (1, 2, 3, 5)),
    ]
    assert second.median_months is None
    assert second.median_hidden == "Not shown: fewer than 5 people appointed"
    assert figures(first)[:3] == [
        ("applied", None, small),
        ("eligible", None, small),
        ("shortlisted", 0, ""),
    ]


def test_the_funnel_page_for_the_team_and_the_funder(client, programme, world, team, funder):
    client.force_login(team)
    response = client.get(reverse("reporting:funnel", args=[programme.pk]))
    assert response.status_code == 200
    assert response.context["suppress"] is False
    assert "2.1 months" in response.content.decode()
    client.force_login(funder)
    response = client.get(reverse("reporting:funnel", args=[programme.pk]))
    assert response.context["suppress"] is True
    page = response.content.decode()
    assert "Hidden to protect a small group" in page
    assert "2.1 months" not in page


def test_the_funnel_csv(client, programme, world, funder):
    client.force_login(funder)
    response = client.get(reverse("reporting:funnel_csv", args=[programme.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="upon-programme-funnel.csv"'
    lines = b"".join(response.streaming_content).decode().lstrip("\ufeff").split("\r\n")
    assert lines[0].startswith("Intake,Applied,Eligible,Shortlisted,Offered a place,")
    assert lines[1] == ("Intake 2022,Fewer than 5,Fewer than 5,0,0,0,0,0,0,0,0,")
    assert lines[2] == (
        "Intake 2021,11,Hidden to protect a small group,Hidden to protect a small group,6,"
        "Hidden to protect a small group,Fewer than 5,Fewer than 5,Fewer than 5,Fewer than 5,"
        "Fewer than 5,Not shown: fewer than 5 people appointed"
    )


# The grant ---------------------------------------------------------------------------------


def test_budget_against_spend_by_line_and_period(programme, world):
    figures = grant.budget_against_spend(programme=programme)
    assert (figures.budget, figures.spent, figures.left) == (
        Decimal("1200000"),
        Decimal("420000"),
        Decimal("780000"),
    )
    first, second = figures.periods
    assert (first.starts_on, first.ends_on) == (
        datetime.date(2021, 4, 1),
        datetime.date(2022, 3, 31),
    )
    assert [(f.line.name, f.budget, f.spent, f.left) for f in first.lines] == [
        ("Delivery", Decimal("600000"), Decimal("300000"), Decimal("300000")),
        ("Evaluation", Decimal("100000"), Decimal("0"), Decimal("100000")),
    ]
    assert (first.budget, first.spent) == (Decimal("700000"), Decimal("300000"))
    assert [(f.line.name, f.spent, f.left) for f in second.lines] == [
        ("Delivery", Decimal("120000"), Decimal("380000"))
    ]


def test_cost_per_person(programme, world):
    costs = grant.costs_per(programme=programme, spent=Decimal("420000"), suppress=False)
    assert [(c.key, c.count, c.cost) for c in costs] == [
        ("participants", 5, Decimal("84000")),
        ("completers", 4, Decimal("105000")),
        ("directors", 4, Decimal("105000")),
    ]
    costs = grant.costs_per(programme=programme, spent=Decimal("420000"), suppress=True)
    # The 5 who took a place would give away the funnel's hidden 5 who accepted (offered 6).
    assert [(c.key, c.count, c.cost, c.hidden) for c in costs] == [
        ("participants", None, None, "Hidden to protect a small group"),
        ("completers", None, None, "Fewer than 5"),
        ("directors", None, None, "Fewer than 5"),
    ]


def test_the_team_sees_the_grant_page_with_spend(client, programme, world, team):
    client.force_login(team)
    response = client.get(reverse("reporting:grant", args=[programme.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The grant is £1,200,000. So far £420,000 has been spent, leaving £780,000." in page
    assert "£250,000.50" in page and "Taught days" in page
    assert "£84,000" in page and "£105,000" in page
    for _, _, definition in grant.COSTS:
        assert escape(definition) in page


def test_the_funder_sees_figures_but_no_spend_descriptions(client, programme, world, funder):
    client.force_login(funder)
    response = client.get(reverse("reporting:grant", args=[programme.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "£420,000" in page
    assert "Taught days" not in page and "Record spend" not in page
    assert "Not shown: fewer than 5 people" in page
    assert "Not shown: hidden to protect a small group" in page
    assert "£105,000" not in page and "£84,000" not in page


# Who sees what ------------------------------------------------------------------------------

PAGES = ("reporting:grant", "reporting:funnel", "reporting:funnel_csv")


@pytest.mark.parametrize("name", PAGES)
def test_who_reads_the_pages(
    client, programme, world, lead, funder, other_team, other_funder, name
):
    url = reverse(name, args=[programme.pk])
    for person, status in ((lead, 200), (funder, 200), (other_team, 404), (other_funder, 404)):
        client.force_login(person)
        assert client.get(url).status_code == status, person
    outsider = RoleAssignmentFactory(role=Role.REVIEWER, programme=programme).user
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_who_records_spend(client, programme, world, lead, funder, other_team):
    url = reverse("reporting:record_spend", args=[programme.pk])
    for person, status in ((lead, 200), (funder, 403), (other_team, 404)):
        client.force_login(person)
        assert client.get(url).status_code == status
        assert client.post(url, {}).status_code == status
    assert Spend.objects.count() == 3


# Recording spend ---------------------------------------------------------------------------


def spend_form(line, **changes):
    data = {
        "budget_line": line.pk,
        "spent_on_0": "1",
        "spent_on_1": "3",
        "spent_on_2": "2022",
        "amount": "£1,250.50",
        "description": "Venue hire for the second taught day",
        "submission": "3c6a9c58-2c53-4e1f-9c64-5f3f0d9e6d11",
    } | changes
    return data


def test_the_team_records_spend(client, programme, world, team):
    delivery_1 = world[2][0]
    client.force_login(team)
    url = reverse("reporting:record_spend", args=[programme.pk])
    response = client.post(url, spend_form(delivery_1))
    assert response.status_code == 302
    spend = Spend.objects.get(description="Venue hire for the second taught day")
    assert (spend.budget_line, spend.spent_on, spend.amount, spend.recorded_by) == (
        delivery_1,
        datetime.date(2022, 3, 1),
        Decimal("1250.50"),
        team,
    )
    assert spend.history.get().history_user == team
    # Sent twice, saved once.
    client.post(url, spend_form(delivery_1))
    assert Spend.objects.filter(description=spend.description).count() == 1


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"amount": "-20"}, "amount", "Amount must be more than £0"),
        ({"amount": "0"}, "amount", "Amount must be more than £0"),
        ({"amount": "twelve"}, "amount", "Amount must be a number in pounds, like 1250 or 1250.50"),
        ({"amount": ""}, "amount", "Enter the amount"),
        (
            {"amount": "12.345"},
            "amount",
            "Amount must be in pounds and pence, with no more than 2 decimal places, like 1250.50",
        ),
        (
            {"spent_on_2": "2020"},
            "spent_on",
            "The date spent must be within the grant, 1 April 2021 to 31 March 2023",
        ),
        (
            {"spent_on_1": "5"},
            "spent_on",
            "The date spent must be within the budget line's period, 1 April 2021 to "
            "31 March 2022, or choose another line",
        ),
        (
            {"spent_on_2": "2027"},
            "spent_on",
            "The date spent must be today or in the past",
        ),
        ({"description": ""}, "description", "Enter what it was for"),
        ({"budget_line": ""}, "budget_line", "Select the budget line it was spent against"),
    ],
)
def test_bad_spend_is_refused_beside_the_field(
    client, programme, world, team, changes, field, message
):
    client.force_login(team)
    url = reverse("reporting:record_spend", args=[programme.pk])
    data = spend_form(world[2][0], **changes)
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    page = response.content.decode()
    assert page.count(escape(message)) == 2  # the summary and beside the field
    assert f'value="{escape(data["amount"])}"' in page  # what was typed is kept
    assert page.count("<title>Error: ") == 1
    assert Spend.objects.count() == 3


def test_a_line_of_another_programme_cannot_be_chosen(
    client, programme, world, team, other_programme
):
    from tests.reporting.outcomes_world import build_grant as other_grant

    theirs = other_grant(other_programme, team)[0]
    client.force_login(team)
    response = client.post(
        reverse("reporting:record_spend", args=[programme.pk]), spend_form(theirs)
    )
    assert response.context["form"].errors == {
        "budget_line": ["Select one of the grant's budget lines"]
    }


# Query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("intakes", [1, 3])
def test_the_funnel_page_queries_do_not_grow_with_intakes(
    client, programme, team, intakes, django_assert_num_queries
):
    build_funnel(programme, team)  # two intakes
    for year in range(2030, 2030 + intakes - 1):
        intake_of(programme, year)
    client.force_login(team)
    # Session, user, roles; then the intakes, applications, completions and completers.
    with django_assert_num_queries(8):
        response = client.get(reverse("reporting:funnel", args=[programme.pk]))
    assert len(response.context["funnels"]) == intakes + 1


@pytest.mark.parametrize("lines", [1, 3])
def test_the_grant_page_queries_do_not_grow_with_lines(
    client, programme, team, lines, django_assert_num_queries
):
    from upon.reporting.models import BudgetLine

    for n in range(lines):
        line = BudgetLine.objects.create(
            programme=programme,
            name=f"Line {n}",
            amount=1000,
            starts_on=datetime.date(2021 + n, 4, 1),
            ends_on=datetime.date(2022 + n, 3, 31),
        )
        Spend.objects.create(
            budget_line=line, spent_on=line.starts_on, amount=10, description=f"Spend {n}"
        )
    client.force_login(team)
    with django_assert_num_queries(8):
        response = client.get(reverse("reporting:grant", args=[programme.pk]))
    assert len(response.context["figures"].periods) == lines


def test_the_outcomes_list(client, programme, other_programme, team, django_assert_num_queries):
    RoleAssignmentFactory(user=team, role=Role.FUNDER, programme=other_programme)
    client.force_login(team)
    response = client.get(reverse("reporting:outcomes"))
    assert response.context["programmes"] == [other_programme, programme]


# The cost page beside the funnel page ---------------------------------------------------------


def test_the_cost_page_never_shows_what_the_funnel_hides(client, programme, world, funder):
    """Every count the funder reads on the cost page is one the funnel page's figures do not
    hide: here the funnel hides the 5 who accepted a place, so the cost page hides the 5 who
    took one."""
    client.force_login(funder)
    funnel_page = client.get(reverse("reporting:funnel", args=[programme.pk]))
    [_, first] = funnel_page.context["funnels"]
    hidden = {f.key for f in first.figures if f.count is None}
    assert {"accepted", "completed", "within_5"} <= hidden
    costs = client.get(reverse("reporting:grant", args=[programme.pk])).context["costs"]
    assert [c.count for c in costs] == [None, None, None]


def test_beside_the_funnel_the_cost_counts_follow_its_figures():
    from upon.reporting.algorithms.funnel import PROTECTING, SHOWN, SMALL, hide_beside

    def state(counts, **published):
        return hide_beside(
            counts, published=published, depends=grant.DEPENDS, nested=grant.NESTED_WITH_FUNNEL
        )

    every = {"accepted": [14, 10], "completed": [10, 8], "within_5": [9, 0]}
    counts = {"participants": 24, "completers": 18, "directors": 9}
    assert state(counts, **every) == dict.fromkeys(counts, SHOWN)
    # Took a place 22 of 24 who accepted: the 2 who never took one would be given away.
    assert state(counts | {"participants": 22}, **every) == {
        "participants": PROTECTING,
        "completers": SHOWN,
        "directors": SHOWN,
    }
    # Directors 12 beside the funnel's 9 appointed within 5 years: the 3 others, hidden.
    assert state(counts | {"directors": 12}, **every)["directors"] == PROTECTING
    # An intake's completers hidden on the funnel hides everything worked out with them.
    found = state(counts, **(every | {"completed": [10, None]}))
    assert found == {"participants": PROTECTING, "completers": PROTECTING, "directors": SHOWN}
    assert state(counts | {"directors": 3}, **every)["directors"] == SMALL
