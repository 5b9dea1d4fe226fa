"""The grant's budget lines (views_budget.py): the team adds and changes them, with history and a
stale edit refused; the funder and another programme's team cannot. On the grant worked out in
outcomes_world.py (2021-22 Delivery £600,000 with £300,000 spent, Evaluation £100,000; 2022-23
Delivery £500,000 with £120,000 spent)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.factories import RoleAssignmentFactory
from tests.reporting.outcomes_world import NOON, build_grant
from upon.accounts.models import Role
from upon.reporting import grant
from upon.reporting.models import BudgetLine

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def december(time_machine):
    time_machine.move_to(NOON, tick=False)


D = datetime.date
TOKEN = "3c6a9c58-2c53-4e1f-9c64-5f3f0d9e6d11"


@pytest.fixture
def lines(programme, team):
    return build_grant(programme, team)


def line_form(**changes) -> dict:
    return {
        "name": "Coaching for new directors",
        "amount": "£200,000",
        "starts_on_0": "1",
        "starts_on_1": "4",
        "starts_on_2": "2022",
        "ends_on_0": "31",
        "ends_on_1": "3",
        "ends_on_2": "2023",
        "submission": TOKEN,
    } | changes


def change_form(line, **changes) -> dict:
    data = line_form(
        name=line.name,
        amount=str(line.amount),
        starts_on_0=str(line.starts_on.day),
        starts_on_1=str(line.starts_on.month),
        starts_on_2=str(line.starts_on.year),
        ends_on_0=str(line.ends_on.day),
        ends_on_1=str(line.ends_on.month),
        ends_on_2=str(line.ends_on.year),
        version=str(line.version),
    )
    del data["submission"]
    return data | changes


def saved(line) -> tuple:
    line.refresh_from_db()
    return (line.name, line.amount, line.starts_on, line.ends_on, line.version)


# Adding --------------------------------------------------------------------------------------


def test_the_team_adds_a_line_once_and_the_grant_shows_it(client, programme, lines, team):
    client.force_login(team)
    url = reverse("reporting:add_budget_line", args=[programme.pk])
    response = client.post(url, line_form())
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:grant", args=[programme.pk])
    line = BudgetLine.objects.get(name="Coaching for new directors")
    assert (line.programme, line.amount, line.starts_on, line.ends_on, line.version) == (
        programme,
        Decimal("200000.00"),
        D(2022, 4, 1),
        D(2023, 3, 31),
        1,
    )
    assert [(h.history_type, h.history_user) for h in line.history.all()] == [("+", team)]
    # Sent twice, saved once.
    client.post(url, line_form())
    assert BudgetLine.objects.filter(programme=programme).count() == 4
    figures = grant.budget_against_spend(programme=programme)
    assert figures.budget == Decimal("1400000.00")
    page = client.get(reverse("reporting:grant", args=[programme.pk])).content.decode()
    assert f'href="{reverse("reporting:budget_line", args=[line.pk])}"' in page
    assert f'href="{url}"' in page


BAD = [
    ({"name": ""}, "name", "Enter what the line is for"),
    ({"name": "x" * 201}, "name", "What it is for must be 200 characters or fewer"),
    ({"amount": ""}, "amount", "Enter the budget"),
    ({"amount": "-1"}, "amount", "Budget must be £0 or more"),
    ({"amount": "lots"}, "amount", "Budget must be a number in pounds, like 1250 or 1250.50"),
    (
        {"ends_on_2": "2022", "ends_on_1": "1"},
        "ends_on",
        "The last day must be on or after the first day, 1 April 2022",
    ),
    (
        {"name": "delivery", "starts_on_2": "2021", "ends_on_2": "2022"},
        "name",
        "The grant already has a line called delivery for 1 April 2021 to 31 March 2022: "
        "change that line, or name this one differently",
    ),
]


@pytest.mark.parametrize("changes, field, message", BAD)
def test_bad_input_is_refused_beside_the_field_keeping_what_was_typed(
    client,
    programme,
    lines,
    team,
    changes,
    field,
    message,
):
    client.force_login(team)
    data = line_form(**changes)
    response = client.post(reverse("reporting:add_budget_line", args=[programme.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    page = response.content.decode()
    assert page.count(escape(message)) == 2  # the summary and beside the field
    kept = "name" if field == "amount" else "amount"
    assert f'value="{escape(data[kept])}"' in page  # what was typed is kept
    if field in ("name", "amount") and data[field]:
        assert f'value="{escape(data[field])}"' in page
    assert page.count("<title>Error: ") == 1
    assert BudgetLine.objects.count() == 3


def test_a_zero_budget_is_a_line(client, programme, lines, team):
    client.force_login(team)
    client.post(reverse("reporting:add_budget_line", args=[programme.pk]), line_form(amount="0"))
    assert BudgetLine.objects.get(name="Coaching for new directors").amount == Decimal("0.00")


def test_html_in_a_name_is_shown_as_text(client, programme, lines, team):
    client.force_login(team)
    client.post(
        reverse("reporting:add_budget_line", args=[programme.pk]),
        line_form(name="<b>Venues</b>"),
    )
    line = BudgetLine.objects.get(name="<b>Venues</b>")
    page = client.get(reverse("reporting:budget_line", args=[line.pk])).content.decode()
    assert "&lt;b&gt;Venues&lt;/b&gt;" in page
    assert "<b>Venues</b>" not in page


# Changing ------------------------------------------------------------------------------------


def test_the_team_changes_a_line_and_its_history_says_who_and_what(
    client,
    lines,
    team,
    lead,
    time_machine,
):
    evaluation = lines[1]  # added by the grant's set-up, by no one signed in
    client.force_login(team)
    url = reverse("reporting:change_budget_line", args=[evaluation.pk])
    response = client.post(url, change_form(evaluation, amount="120000"))
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:budget_line", args=[evaluation.pk])
    assert saved(evaluation) == (
        "Evaluation",
        Decimal("120000.00"),
        D(2021, 4, 1),
        D(2022, 3, 31),
        2,
    )
    assert (evaluation.changed_by, evaluation.changed_at) == (team, NOON)
    time_machine.move_to(NOON + datetime.timedelta(hours=2), tick=False)
    client.force_login(lead)
    client.post(url, change_form(evaluation, name="Evaluation and reporting", ends_on_0="30"))
    assert saved(evaluation)[:4] == (
        "Evaluation and reporting",
        Decimal("120000.00"),
        D(2021, 4, 1),
        D(2022, 3, 30),
    )
    response = client.get(reverse("reporting:budget_line", args=[evaluation.pk]))
    assert [(c["record"].history_user, c["changed"]) for c in response.context["changes"]] == [
        (lead, ["What it is for", "Last day"]),
        (team, ["Budget"]),
        (None, []),
    ]
    page = response.content.decode()
    assert "Changed what it is for, last day" in page
    assert "Changed budget" in page
    assert "Added" in page


def test_a_stale_change_is_refused_keeping_what_was_typed(client, lines, team, lead):
    evaluation = lines[1]
    opened = change_form(evaluation)
    client.force_login(lead)
    client.post(
        reverse("reporting:change_budget_line", args=[evaluation.pk]),
        opened | {"amount": "90000"},
    )
    client.force_login(team)
    response = client.post(
        reverse("reporting:change_budget_line", args=[evaluation.pk]),
        opened | {"amount": "150000"},
    )
    assert response.status_code == 409
    assert saved(evaluation)[1:] == (Decimal("90000.00"), D(2021, 4, 1), D(2022, 3, 31), 2)
    form = response.context["form"]
    assert [(d.label, d.saved, d.typed) for d in form.stale.differences] == [
        ("Budget, in pounds", "90000.00", "150000")
    ]
    page = response.content.decode()
    assert 'value="150000"' in page
    assert "<title>Error: " in page
    # Saving again, on the version saved now, applies what they typed.
    again = client.post(
        reverse("reporting:change_budget_line", args=[evaluation.pk]),
        opened | {"amount": "150000", "version": "2"},
    )
    assert again.status_code == 302
    assert saved(evaluation)[1] == Decimal("150000.00")


def test_a_line_keeps_its_spend_inside_its_period(client, lines, team):
    delivery_1 = lines[0]  # spend on 1 November 2021 and 1 February 2022
    client.force_login(team)
    url = reverse("reporting:change_budget_line", args=[delivery_1.pk])
    response = client.post(url, change_form(delivery_1, ends_on_1="1", ends_on_0="15"))
    assert response.context["form"].errors == {
        "ends_on": [
            "Spend was recorded against this line on 1 February 2022: the line's period must "
            "include it"
        ]
    }
    response = client.post(url, change_form(delivery_1, starts_on_1="12"))
    assert response.context["form"].errors == {
        "starts_on": [
            "Spend was recorded against this line on 1 November 2021: the line's period must "
            "include it"
        ]
    }
    assert saved(delivery_1) == ("Delivery", Decimal("600000.00"), D(2021, 4, 1), D(2022, 3, 31), 1)


def test_a_line_may_keep_its_own_name(client, lines, team):
    delivery_2 = lines[2]
    client.force_login(team)
    client.post(
        reverse("reporting:change_budget_line", args=[delivery_2.pk]),
        change_form(delivery_2, amount="510000"),
    )
    assert saved(delivery_2)[1:] == (Decimal("510000.00"), D(2022, 4, 1), D(2023, 3, 31), 2)


# Who may -------------------------------------------------------------------------------------


def test_who_adds_lines(client, programme, lines, lead, funder, other_team):
    url = reverse("reporting:add_budget_line", args=[programme.pk])
    reviewer = RoleAssignmentFactory(role=Role.REVIEWER, programme=programme).user
    for person, status in ((lead, 200), (funder, 403), (other_team, 404), (reviewer, 403)):
        client.force_login(person)
        assert client.get(url).status_code == status
        if status != 200:
            assert client.post(url, line_form()).status_code == status
    client.logout()
    assert client.get(url).status_code == 302
    assert BudgetLine.objects.count() == 3


@pytest.mark.parametrize("name", ["reporting:budget_line", "reporting:change_budget_line"])
def test_who_reads_and_changes_a_line(client, programme, lines, lead, funder, other_team, name):
    evaluation = lines[1]
    url = reverse(name, args=[evaluation.pk])
    reviewer = RoleAssignmentFactory(role=Role.REVIEWER, programme=programme).user
    for person, status in ((lead, 200), (funder, 403), (other_team, 404), (reviewer, 403)):
        client.force_login(person)
        assert client.get(url).status_code == status
        if status != 200:
            assert client.post(url, change_form(evaluation, amount="1")).status_code == status
    client.logout()
    assert client.get(url).status_code == 302
    assert saved(evaluation)[1] == Decimal("100000.00")


def test_the_funder_sees_no_links_to_the_lines(client, programme, lines, funder):
    client.force_login(funder)
    page = client.get(reverse("reporting:grant", args=[programme.pk])).content.decode()
    assert "Evaluation" in page
    assert "/team/budget-lines/" not in page
    assert "Add a budget line" not in page


# Query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("changes", [1, 3])
def test_the_line_page_queries_do_not_grow_with_changes(
    client,
    lines,
    team,
    changes,
    django_assert_num_queries,
):
    evaluation = lines[1]
    for n in range(changes):
        grant.change_budget_line(
            line=evaluation,
            version=evaluation.version,
            by=team,
            name="Evaluation",
            amount=Decimal(1000 + n),
            starts_on=evaluation.starts_on,
            ends_on=evaluation.ends_on,
        )
    client.force_login(team)
    # Session, user, roles; the line; the count of changes, the spend and the changes.
    with django_assert_num_queries(7):
        response = client.get(reverse("reporting:budget_line", args=[evaluation.pk]))
    assert len(response.context["changes"]) == changes + 1  # and the line's being added
