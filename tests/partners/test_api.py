"""The partner API, endpoint by endpoint, on small worlds worked out by hand (register_world.py,
tests/reporting/outcomes_world.py): exact answers, the funder's suppression, tokens, scope."""

import datetime

import pytest
from django.urls import reverse

from tests.partners.conftest import bearer
from tests.partners.register_world import D, build_tenure, build_years, ended
from tests.reporting.outcomes_world import build_funnel, build_grant
from tests.workforce.factories import TenureFactory
from upon.organisations.models import Region
from upon.partners import services
from upon.reporting.models import FunderReport, ReportStatus
from upon.workforce.algorithms.survival import kaplan_meier

pytestmark = pytest.mark.django_db

SMALL = {"value": None, "hidden": "Fewer than 5"}
PROTECTING = {"value": None, "hidden": "Hidden to protect a small group"}


def shown(value):
    return {"value": value, "hidden": ""}


def get(client, name, secret, **query):
    return client.get(reverse(f"partners:{name}"), query, **bearer(secret))


def test_the_years_of_the_register_worked_out_by_hand(client, issued, now):
    build_years()
    response = get(client, "api_register_years", issued.secret, from_year=2024, to_year=2024)
    assert response.status_code == 200
    assert response.json() == {
        "years": [
            {
                "year": "2024/25",
                "starts_on": "2024-04-01",
                "ends_on": "2025-03-31",
                "changes": shown(6),
                # One interim and five first-time directors: the interim is fewer than 5, and
                # the five would give it away (6 - 5), so both are hidden.
                "changes_by_kind": {
                    "interim": SMALL,
                    "interim_made_permanent": shown(0),
                    "moved_from_another_authority": shown(0),
                    "experienced_director": shown(0),
                    "new_permanent": PROTECTING,
                },
                "authorities_with_change": shown(6),
                "at_31_march": {
                    "authorities_with_director": shown(10),
                    "interim": SMALL,
                    "twin_hat": shown(0),
                },
                "tenure_in_authority_months": {
                    "all": shown(29.1),
                    "permanent": PROTECTING,
                    "interim": SMALL,
                },
                "tenure_as_director_months": {
                    "all": shown(29.1),
                    "permanent": PROTECTING,
                    "interim": SMALL,
                },
            }
        ]
    }


def test_every_complete_year_from_the_first_and_the_first_year_in_full(client, issued, now):
    build_years()
    years = get(client, "api_register_years", issued.secret).json()["years"]
    # Today is 1 June 2026: 2025/26 has ended, 2026/27 has not.
    assert [y["year"] for y in years] == [
        "2020/21",
        "2021/22",
        "2022/23",
        "2023/24",
        "2024/25",
        "2025/26",
    ]
    first = years[0]
    assert first["changes"] == shown(0)
    assert first["at_31_march"] == {
        "authorities_with_director": shown(10),
        "interim": shown(0),
        "twin_hat": shown(0),
    }
    # 365 days each: 12.0 months; nobody interim, so no interim mean (and nothing hidden).
    assert first["tenure_in_authority_months"] == {
        "all": shown(12.0),
        "permanent": shown(12.0),
        "interim": shown(None),
    }


def test_an_empty_register_and_years_out_of_range(client, issued, now):
    assert get(client, "api_register_years", issued.secret).json() == {"years": []}
    build_years()
    assert get(client, "api_register_years", issued.secret, from_year=2030).json() == {"years": []}
    assert get(
        client, "api_register_years", issued.secret, from_year=2025, to_year=2024
    ).json() == {"years": []}


def test_the_figures_follow_the_register_as_it_changes(client, issued, now):
    build_years()
    before = get(client, "api_register_years", issued.secret, from_year=2025).json()
    assert before["years"][0]["changes"] == shown(0)
    from upon.workforce.models import Tenure

    # The interim in the sixth authority is made permanent in 2025/26: one change.
    interim = Tenure.objects.get(basis="interim")
    Tenure.objects.filter(pk=interim.pk).update(ended_on=D(2025, 5, 31), leaving_reason="other")
    TenureFactory(authority=interim.authority, director=interim.director, started_on=D(2025, 6, 1))
    after = get(client, "api_register_years", issued.secret, from_year=2025).json()
    assert after["years"][0]["changes"] == SMALL


def months(days):
    return round(days / (365.25 / 12), 1)


def test_tenure_by_region_worked_out_by_hand(client, issued, now):
    build_tenure()
    response = get(client, "api_register_tenure", issued.secret)
    assert response.status_code == 200
    body = response.json()
    assert (body["as_at"], body["basis"]) == ("2026-06-01", "authority")
    north_east_days = [100, 200, 300, 400, 500, 600, 700]
    england = kaplan_meier(
        durations=[d / (365.25 / 12) for d in north_east_days + [2253] * 6],
        observed=[True] * 7 + [False] * 6,
    ).median
    north_east = kaplan_meier(
        durations=[d / (365.25 / 12) for d in north_east_days], observed=[True] * 7
    ).median

    def interval(value):
        return shown(None if value == float("inf") else round(value, 1))

    none = shown(None)
    expected = [
        {
            "region": "England",
            "spells": shown(13),
            "ended": shown(7),
            "median_months": shown(months(700)),
            "median_lower_months": interval(england.lower),
            "median_upper_months": interval(england.upper),
        }
    ]
    for code, label in Region.choices:
        if code == Region.NORTH_EAST:
            row = (shown(7), shown(7), shown(months(400)))
            band = (interval(north_east.lower), interval(north_east.upper))
        elif code == Region.LONDON:  # nobody has left: the median is not reached
            row, band = (shown(6), shown(0), none), (none, none)
        else:
            row, band = (shown(0), shown(0), none), (none, none)
        expected.append(
            {
                "region": label,
                "spells": row[0],
                "ended": row[1],
                "median_months": row[2],
                "median_lower_months": band[0],
                "median_upper_months": band[1],
            }
        )
    assert body["groups"] == expected
    assert (months(700), months(400)) == (23.0, 13.1)
    # Each director held one post: across posts, the same spells.
    by_director = get(client, "api_register_tenure", issued.secret, basis="director").json()
    assert by_director["basis"] == "director"
    assert by_director["groups"] == expected


def test_a_small_region_is_hidden_and_cannot_be_worked_out(client, issued, now):
    build_tenure()
    # Two more London boroughs' directors leave: London has 8 spells, 2 ended.
    ended("E09000007", D(2021, 4, 1), D(2022, 3, 31))
    ended("E09000008", D(2021, 4, 1), D(2023, 3, 31))
    groups = get(client, "api_register_tenure", issued.secret).json()["groups"]
    by_region = {g["region"]: g for g in groups}
    london = by_region["London"]
    assert london["ended"] == SMALL
    assert london["median_months"] == london["median_lower_months"] == SMALL
    # Neither England's ended nor the other regions' leave London's to work out.
    ended_column = [g["ended"] for g in groups[1:]]
    assert (
        groups[0]["ended"]["value"] is None
        or sum(1 for figure in ended_column if figure["value"] is None) >= 2
    )


FUNNEL_2021 = [
    ("applied", "Applied", shown(11)),
    ("eligible", "Eligible", PROTECTING),
    ("shortlisted", "Shortlisted", PROTECTING),
    ("offered", "Offered a place", shown(6)),
    ("accepted", "Accepted a place", PROTECTING),
    ("completed", "Completed the programme", SMALL),
    ("within_1", "Appointed director within 1 year", SMALL),
    ("within_2", "Appointed director within 2 years", SMALL),
    ("within_3", "Appointed director within 3 years", SMALL),
    ("within_5", "Appointed director within 5 years", SMALL),
]


def test_the_programme_funnel_with_the_funders_suppression(client, issued, programme, lead, now):
    build_funnel(programme, lead)
    response = get(client, "api_programme_funnel", issued.secret)
    assert response.status_code == 200
    later = [(key, label, shown(3 if key == "applied" else 0)) for key, label, _ in FUNNEL_2021]
    # Intake 2022: three applied, all three eligible; nobody further.
    later[0], later[1] = ("applied", "Applied", SMALL), ("eligible", "Eligible", SMALL)
    assert response.json() == {
        "programme": "Upon Programme",
        "intakes": [
            {
                "intake": "Intake 2022",
                "opens_on": "2022-09-15",
                "stages": [{"key": k, "label": lab, "count": c} for k, lab, c in later],
                "median_months_to_appointment": shown(None),
            },
            {
                "intake": "Intake 2021",
                "opens_on": "2021-09-15",
                "stages": [{"key": k, "label": lab, "count": c} for k, lab, c in FUNNEL_2021],
                "median_months_to_appointment": {
                    "value": None,
                    "hidden": "Not shown: fewer than 5 people appointed",
                },
            },
        ],
    }


def test_the_grant_with_costs_hidden_behind_small_counts(client, issued, programme, lead, now):
    build_grant(programme, lead)
    build_funnel(programme, lead)
    response = get(client, "api_programme_grant", issued.secret)
    assert response.status_code == 200
    body = response.json()
    assert body | {"costs": None} == {
        "programme": "Upon Programme",
        "periods": [
            {
                "starts_on": "2021-04-01",
                "ends_on": "2022-03-31",
                "lines": [
                    {
                        "name": "Delivery",
                        "budget": "600000.00",
                        "spent": "300000.00",
                        "left": "300000.00",
                    },
                    {
                        "name": "Evaluation",
                        "budget": "100000.00",
                        "spent": "0.00",
                        "left": "100000.00",
                    },
                ],
                "budget": "700000.00",
                "spent": "300000.00",
                "left": "400000.00",
            },
            {
                "starts_on": "2022-04-01",
                "ends_on": "2023-03-31",
                "lines": [
                    {
                        "name": "Delivery",
                        "budget": "500000.00",
                        "spent": "120000.00",
                        "left": "380000.00",
                    },
                ],
                "budget": "500000.00",
                "spent": "120000.00",
                "left": "380000.00",
            },
        ],
        "budget": "1200000.00",
        "spent": "420000.00",
        "left": "780000.00",
        "costs": None,
    }
    assert [(c["key"], c["people"], c["cost"]) for c in body["costs"]] == [
        ("participants", PROTECTING, None),
        ("completers", SMALL, None),
        ("directors", SMALL, None),
    ]
    # What was spent on what (the team's descriptions) is never in the answer.
    assert "Taught days" not in response.content.decode()


def test_published_reports_are_the_finished_versions(
    client, issued, programme, other_programme, lead, now
):
    assert get(client, "api_programme_reports", issued.secret).json() == {
        "programme": "Upon Programme",
        "reports": [],
    }

    def version(on, number, status, **finished):
        FunderReport.objects.create(
            programme=on,
            version=number,
            starts_on=datetime.date(2025, 4, 1),
            ends_on=datetime.date(2026, 3, 31),
            narrative="Written by the team",
            status=status,
            created_by=lead,
            created_at=now,
            **finished,
        )

    version(programme, 1, ReportStatus.DONE, finished_at=now - datetime.timedelta(days=2))
    version(programme, 2, ReportStatus.FAILED)
    version(programme, 3, ReportStatus.DONE, finished_at=now)
    version(programme, 4, ReportStatus.RUNNING)
    version(other_programme, 1, ReportStatus.DONE, finished_at=now)
    response = get(client, "api_programme_reports", issued.secret)
    assert response.json() == {
        "programme": "Upon Programme",
        "reports": [
            {
                "title": f"Report to the funder, version {number}",
                "period_starts_on": "2025-04-01",
                "period_ends_on": "2026-03-31",
                "published_at": published.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            for number, published in ((3, now), (1, now - datetime.timedelta(days=2)))
        ],
    }
    assert lead.full_name not in response.content.decode()


def test_no_one_is_named_anywhere(client, issued, programme, lead, now):
    build_years()
    build_funnel(programme, lead)
    build_grant(programme, lead)
    names = ["Director 1", lead.full_name, "Taught days"]
    for name in (
        "api_register_years",
        "api_register_tenure",
        "api_programme_funnel",
        "api_programme_grant",
        "api_programme_reports",
    ):
        content = get(client, name, issued.secret).content.decode()
        assert not [n for n in names if n in content], name


def test_a_token_reads_its_own_programme_only(client, issued, other_programme, lead, now):
    other = services.add_partner(programme=other_programme, name="Elsewhere", by=lead, now=now)
    theirs = services.issue_token(partner=other, name="Theirs", by=lead, now=now)
    build_funnel(other_programme, lead)
    assert get(client, "api_programme_funnel", issued.secret).json() == {
        "programme": "Upon Programme",
        "intakes": [],
    }
    assert len(get(client, "api_programme_funnel", theirs.secret).json()["intakes"]) == 2
