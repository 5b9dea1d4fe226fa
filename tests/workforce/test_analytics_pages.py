"""The register's analytics pages (issue 14, item 3), checked against a small register worked
out by hand. Today is 1 June 2026 (conftest), so the last complete reporting year is 2025/26.

The register (three authorities, eight tenures; A to F are people):

    Hartlepool (North East, unitary)       A permanent  1 Apr 2020 - 30 Jun 2023
                                           B interim    1 Jul 2023 - 31 Dec 2023
                                           B permanent  1 Jan 2024 - in post
    Barnsley (Yorkshire, metropolitan)     C permanent  1 Apr 2020 - 31 Dec 2023, twin hat
                                           A permanent  1 Jan 2024 - in post
    Camden (London, London borough)        E permanent  1 Apr 2021 - 30 Apr 2025
                                           D interim    1 May 2025 - 31 Oct 2025
                                           F permanent  1 Nov 2025 - in post

By reporting year: 2020/21 and 2021/22 only fill empty authorities (no change). 2023/24: B's
interim (interim), B made permanent, A moving to Barnsley 183 days after leaving Hartlepool
(moved): 3 changes in 2 authorities. 2025/26: D (interim), F (new permanent): 2 changes in 1.
"""

import datetime

import numpy as np
import pytest
from django.core.cache import cache

from tests.charts import drawn_chart, drawn_step_chart
from tests.workforce.analytics_world import build_small_register
from tests.workforce.conftest import authority
from tests.workforce.factories import DirectorFactory, TenureFactory
from upon.workforce.algorithms.logrank_groups import logrank_groups
from upon.workforce.algorithms.survival import kaplan_meier

pytestmark = pytest.mark.django_db
D = datetime.date
MONTH = 365.25 / 12


@pytest.fixture
def small_register(authorities):
    build_small_register()


def content(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


PAGES = [
    "/outcomes/register/",
    "/outcomes/register/years/",
    "/outcomes/register/years.csv",
    "/outcomes/register/tenure/",
    "/outcomes/register/survival/",
    "/outcomes/register/survival/?by=region",
    "/outcomes/register/survival.csv?by=type",
]


def test_the_team_of_any_programme_the_lead_and_the_funder_read_them_and_see_no_names(
    client, today, team, other_team, lead, funder, outsider, small_register
):
    for person, status in [(team, 200), (other_team, 200), (lead, 200), (funder, 200)]:
        client.force_login(person)
        for url in PAGES:
            response = client.get(url)
            assert response.status_code == status, (person, url)
            assert "Director " not in content(response), url  # aggregates only
    client.force_login(outsider)
    assert [client.get(url).status_code for url in PAGES] == [403] * len(PAGES)
    client.logout()
    assert client.get("/outcomes/register/years/").url == (
        "/account/sign-in/?next=/outcomes/register/years/"
    )


# By hand, each year's averages at 31 March (days / 30.4375):
# 2023/24, in one authority: B 275 days (1 Jul 2023 on), A 91 (Barnsley), E 1,096: 16.0;
#   across posts, A 1,186 in Hartlepool + 91: (1,277 + 275 + 1,096) / 3 = 29.0.
# 2025/26, in one authority: B 1,005, A 821, F 151: 21.7; across posts: A 1,186 + 821, B 1,005,
#   F 151: 34.6.
YEARS_CSV = (
    "\ufeffReporting year,Changes of director,Authorities with a change,Interim appointments,"
    "Interim made permanent,Moved from another authority,Experienced director,New permanent,"
    "Authorities with a director at 31 March,Interims in post at 31 March,Twin hat at 31 March,"
    "Average months in post in one authority at 31 March,"
    "Average months as a director across posts at 31 March\r\n"
    "2020/21,0,0,0,0,0,0,0,2,0,1,12.0,12.0\r\n"
    "2021/22,0,0,0,0,0,0,0,3,0,1,20.0,20.0\r\n"
    "2022/23,0,0,0,0,0,0,0,3,0,1,32.0,32.0\r\n"
    "2023/24,3,2,1,1,1,0,0,3,0,0,16.0,29.0\r\n"
    "2024/25,0,0,0,0,0,0,0,3,0,0,28.0,41.0\r\n"
    "2025/26,2,1,1,0,0,0,1,3,0,0,21.7,34.6\r\n"
)


def test_the_yearly_figures_csv_is_the_register_worked_by_hand(client, today, team, small_register):
    client.force_login(team)
    response = client.get("/outcomes/register/years.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="register-years.csv"'
    assert content(response) == YEARS_CSV


def test_the_yearly_page_shows_the_table_a_summary_and_a_chart(
    client, today, funder, small_register
):
    client.force_login(funder)
    response = client.get("/outcomes/register/years/")
    rows = response.context["rows"]
    assert [row[:4] for row in rows] == [
        ("2025/26", 2, 1, 1),
        ("2024/25", 0, 0, 0),
        ("2023/24", 3, 2, 1),
        ("2022/23", 0, 0, 0),
        ("2021/22", 0, 0, 0),
        ("2020/21", 0, 0, 0),
    ]
    assert response.context["summary"] == (
        "In 2025/26, the latest complete reporting year, there were 2 changes of director in 1 "
        "authorities: 1 interim appointments, 1 new permanent directors and 0 moves from another "
        "authority. On 31 March 2026, 0 authorities had an interim director and 0 a twin-hat "
        "director."
    )
    chart = drawn_chart(content(response), "years-chart")
    assert chart.legend == ("Changes of director", "Authorities with a change")
    assert [(row.label, row.texts) for row in chart.rows] == [
        ("2020/21", ("0", "0")),
        ("2021/22", ("0", "0")),
        ("2022/23", ("0", "0")),
        ("2023/24", ("3", "2")),
        ("2024/25", ("0", "0")),
        ("2025/26", ("2", "1")),
    ]
    assert chart.summary.endswith("the most changes were 3 in 2023/24, the fewest 0 in 2024/25.")


# Tenure as at 1 June 2026, in days, by hand. In one authority: D 184 (left), F 213, A in
# Barnsley 883, B 1,067 (in post), A in Hartlepool 1,186, C 1,370, E 1,491 (left). Across posts,
# A's two posts are one career (183 days apart): 1,186 + 883 = 2,069 (in post); the rest as above.
IN_AUTHORITY = ([184, 213, 883, 1067, 1186, 1370, 1491], [1, 0, 0, 0, 1, 1, 1])
ACROSS_POSTS = ([184, 213, 1067, 1370, 1491, 2069], [1, 0, 0, 1, 1, 0])


def km(days, observed):
    return kaplan_meier(durations=np.array(days) / MONTH, observed=np.array(observed, dtype=bool))


def test_the_tenure_page_gives_each_measure_on_both_bases(client, today, lead, small_register):
    client.force_login(lead)
    response = client.get("/outcomes/register/tenure/")
    one, across = km(*IN_AUTHORITY).median, km(*ACROSS_POSTS).median
    assert (round(one.time * MONTH), round(across.time * MONTH)) == (1370, 1491)
    assert (round(one.lower * MONTH), round(one.upper * MONTH), across.upper) == (
        184,
        1491,
        float("inf"),
    )

    assert response.context["rows"] == [
        (
            "Average time in post so far, directors in post on 31 March 2026",
            "21.7 months (3 directors)",
            "34.6 months (3 directors)",
        ),
        (
            "Average time in post so far, permanent directors on 31 March 2026",
            "21.7 months (3 directors)",
            "34.6 months (3 directors)",
        ),
        (
            "Average time in post so far, interim directors on 31 March 2026",
            "None in post",
            "None in post",
        ),
        (
            "Median length of tenure (Kaplan-Meier)",
            "45.0 months (95% interval 6.0 months to 49.0 months)",
            "49.0 months (95% interval 6.0 months to not reached)",
        ),
        # (184 + 1,186 + 1,370 + 1,491) / 4 and (184 + 1,370 + 1,491) / 3 days.
        (
            "Average length of tenures that have ended",
            "34.8 months (4 ended)",
            "33.3 months (3 ended)",
        ),
        ("Tenures counted", "7", "6"),
    ]
    assert response.context["trend"][0] == ("2025/26", "21.7", "34.6")
    page = content(response)
    assert "47 months" in page and "26 to 37 months" in page


def test_survival_of_all_directors_on_both_bases(client, today, team, small_register):
    client.force_login(team)
    response = client.get("/outcomes/register/survival/")
    one, across = km(*IN_AUTHORITY), km(*ACROSS_POSTS)
    # In one authority: 6/7 after the first leaves at 184 days, to 5 years (then 0).
    assert response.context["rows"] == [
        (
            "In one authority",
            7,
            4,
            3,
            "45.0",
            f"{one.median.lower:.1f}",
            f"{one.median.upper:.1f}",
            "86%",
            "86%",
            "86%",
            "0%",
        ),
        (
            "As a director across posts",
            6,
            3,
            3,
            "49.0",
            f"{across.median.lower:.1f}",
            "Not reached",
            "83%",
            "83%",
            "83%",
            "28%",
        ),
    ]
    chart = drawn_step_chart(content(response), "survival-chart")
    assert chart.legend == ("In one authority", "As a director across posts")
    assert (len(chart.lines), chart.bands, chart.censored) == (2, 2, 2)
    assert chart.x_ticks == ("0", "1", "2", "3", "4", "5", "6")
    assert chart.summary.startswith("Half of directors had left their authority after 45.0 months")
    assert response.context["p_value"] == ""


def test_survival_by_region_and_by_type_with_the_log_rank_test(client, today, team, small_register):
    client.force_login(team)
    response = client.get("/outcomes/register/survival/", {"by": "region"})
    assert [row[:5] for row in response.context["rows"]] == [
        ("North East", 2, 1, 1, "39.0"),  # A 1,186 (left), B 1,067
        ("Yorkshire and The Humber", 2, 1, 1, "45.0"),  # C 1,370 (left), A 883
        ("London", 3, 2, 1, "49.0"),  # D 184, E 1,491 (left), F 213
    ]
    test = logrank_groups(
        [
            (np.array([1186, 1067]) / MONTH, [True, False]),
            (np.array([1370, 883]) / MONTH, [True, False]),
            (np.array([184, 1491, 213]) / MONTH, [True, True, False]),
        ]
    )
    assert response.context["p_value"] == f"p = {test.p_value:.3f}"
    assert (
        f"chi-squared {test.statistic:.2f} with 2 degrees of freedom" in response.context["summary"]
    )
    chart = drawn_step_chart(content(response), "survival-chart")
    assert chart.legend == ("North East", "Yorkshire and The Humber", "London")
    by_type = client.get("/outcomes/register/survival/", {"by": "type"}).context["rows"]
    assert [row[0] for row in by_type] == [
        "Unitary authority",
        "Metropolitan district",
        "London borough",
    ]


def test_the_survival_csv_is_the_table(client, today, funder, small_register):
    client.force_login(funder)
    response = client.get("/outcomes/register/survival.csv", {"by": "region"})
    assert response["Content-Disposition"] == 'attachment; filename="register-survival-region.csv"'
    london = km([184, 1491, 213], [1, 1, 0]).median
    assert content(response) == (
        "\ufeffGroup,Tenures,Left,Still in post,Median months,Median lower 95%,Median upper 95%,"
        "Still in post after 1 year,Still in post after 2 years,Still in post after 3 years,"
        "Still in post after 5 years\r\n"
        "North East,2,1,1,39.0,39.0,39.0,100%,100%,100%,0%\r\n"
        "Yorkshire and The Humber,2,1,1,45.0,45.0,45.0,100%,100%,100%,0%\r\n"
        f"London,3,2,1,49.0,{london.lower:.1f},{london.upper:.1f},67%,67%,67%,0%\r\n"
    )


def test_an_unknown_grouping_is_an_error_beside_the_field_and_shows_all(
    client, today, team, small_register
):
    client.force_login(team)
    response = client.get("/outcomes/register/survival/", {"by": "<b>party</b>"})
    page = content(response)
    assert response.status_code == 200
    assert "<title>Error: Directors still in post over time" in page
    assert page.count("Select all directors, region or type of authority") == 2  # summary, field
    assert "<b>party</b>" not in page
    assert [row[0] for row in response.context["rows"]] == [
        "In one authority",
        "As a director across posts",
    ]


def test_an_empty_register_says_so(client, today, team):
    client.force_login(team)
    assert client.get("/outcomes/register/years/").context["summary"] == (
        "The register has no complete reporting year yet."
    )
    survival = client.get("/outcomes/register/survival/", {"by": "region"})
    assert (survival.context["chart"], survival.context["rows"]) == (None, [])
    assert client.get("/outcomes/register/tenure/").status_code == 200


def test_the_figures_follow_a_change_to_the_register(client, today, team, small_register):
    client.force_login(team)
    before = client.get("/outcomes/register/years.csv")
    assert content(before) == YEARS_CSV
    TenureFactory(
        authority=authority("E09000007"),
        started_on=D(2026, 5, 1),
        basis="interim",
        director=DirectorFactory(),
    )
    from upon.workforce.models import Tenure

    Tenure.objects.filter(
        authority__gss_code="E09000007", ended_on=None, started_on=D(2025, 11, 1)
    ).update(ended_on=D(2026, 4, 30), leaving_reason="retired")
    survival = client.get("/outcomes/register/survival/").context["rows"]
    assert survival[0][:4] == ("In one authority", 8, 5, 3)


@pytest.mark.parametrize("items", [1, 3])
def test_each_page_takes_the_same_queries_for_1_or_3_tenures(
    client, today, team, hartlepool, django_assert_num_queries, items
):
    for place in range(items):
        TenureFactory(
            started_on=D(2010 + place, 1, 1),
            ended_on=D(2010 + place, 12, 31),
            leaving_reason="retired",
        )
    client.force_login(team)
    client.get("/outcomes/register/")
    for url in PAGES[1:]:
        cache.clear()  # worked out afresh: the register's state, then the register, once
        with django_assert_num_queries(5):  # the session, the user, their roles, then ours
            content(client.get(url))
        with django_assert_num_queries(4):  # from the cache: the register's state only
            content(client.get(url))
