"""Alumni as directors: tenure against every other director appointed in the same years, and
where alumni lead now, on the small register in alumni_world.py worked out by hand."""

import pytest
from django.urls import reverse

from tests.factories import ProgrammeFactory, holder
from tests.reporting.alumni_world import ALUMNI_DAYS, AS_AT, OTHER_DAYS, build_alumni
from tests.reporting.outcomes_world import NOON
from upon.accounts.models import Role
from upon.reporting import alumni_outcomes
from upon.reporting.algorithms.alumni import Shown
from upon.workforce.algorithms import survival

pytestmark = pytest.mark.django_db
MONTH = 365.25 / 12
SMALL, PROTECTING = "Fewer than 5", "Hidden to protect a small group"
FEW_FOLLOWED = "Not shown: fewer than 5 followed this long"


@pytest.fixture(autouse=True)
def december(time_machine):
    time_machine.move_to(NOON, tick=False)


@pytest.fixture
def world(programme):
    return build_alumni(programme)


def outcomes(programme, suppress):
    return alumni_outcomes.alumni_outcomes(
        programme=programme, as_at=AS_AT, suppress_small=suppress
    )


def months(days):
    return [d / MONTH for d, _ in days]


def test_the_alumni_and_the_others_tenures(programme, world):
    found = outcomes(programme, suppress=False).comparison
    assert (found.first_year.label, found.last_year.label) == ("2020/21", "2023/24")
    mine, theirs = found.alumni, found.others
    assert (mine.tenures, mine.left, mine.in_post) == (7, 4, 3)
    assert (theirs.tenures, theirs.left, theirs.in_post) == (6, 5, 1)
    assert sorted(s.days for s in found.alumni_spells) == [365, 730, 731, 1129, 1279, 2073, 2285]
    # Kaplan-Meier by hand: 6/7 after 365 days, 5/7 after 730, 4/7 after 731, 8/21 after 1,279.
    assert mine.median.time == pytest.approx(1279 / MONTH)
    assert [(a.years, a.followed) for a in mine.at_years] == [(1, 6), (2, 5), (3, 4), (5, 2)]
    assert [a.share for a in mine.at_years] == pytest.approx([6 / 7, 5 / 7, 4 / 7, 8 / 21])
    # The others: 5/6 after 183 days, 2/6 after 365, 1/6 after 730.
    assert theirs.median.time == pytest.approx(365 / MONTH)
    assert [(a.years, a.followed) for a in theirs.at_years] == [(1, 2), (2, 1), (3, 1), (5, 0)]
    assert [a.share for a in theirs.at_years] == pytest.approx([2 / 6, 1 / 6, 1 / 6, 1 / 6])


def test_the_log_rank_test_and_the_bands_are_survivals(programme, world):
    found = outcomes(programme, suppress=False).comparison
    expected = survival.logrank(
        durations_a=months(ALUMNI_DAYS),
        observed_a=[left for _, left in ALUMNI_DAYS],
        durations_b=months(OTHER_DAYS),
        observed_b=[left for _, left in OTHER_DAYS],
    )
    assert found.logrank == expected
    assert found.logrank.observed == (4.0, 5.0)
    curve = survival.kaplan_meier(
        durations=months(ALUMNI_DAYS), observed=[left for _, left in ALUMNI_DAYS]
    )
    assert found.alumni.median == curve.median
    assert found.alumni.at_years[0].lower == pytest.approx(curve.lower[1])


def test_the_funder_sees_small_counts_hidden(programme, world):
    mine, theirs = outcomes(programme, suppress=True).groups
    assert (mine.tenures, mine.left, mine.in_post) == (
        Shown(7),
        Shown(None, SMALL),
        Shown(None, SMALL),
    )
    # 7 tenures, 6 at least a year, 5 at least two: those gone sooner would be given away.
    assert [a.followed for a in mine.at_years] == [
        Shown(None, PROTECTING),
        Shown(None, PROTECTING),
        Shown(None, SMALL),
        Shown(None, SMALL),
    ]
    assert [a.share.value[0] for a in mine.at_years[:2]] == pytest.approx([6 / 7, 5 / 7])
    assert [a.share for a in mine.at_years[2:]] == [Shown(None, FEW_FOLLOWED)] * 2
    assert mine.median.value.time == pytest.approx(1279 / MONTH)
    # 6 tenures, 5 left: the 1 still in post is small, and the 5 would give it away.
    assert (theirs.tenures, theirs.left, theirs.in_post) == (
        Shown(6),
        Shown(None, PROTECTING),
        Shown(None, SMALL),
    )


def test_where_alumni_lead_now(programme, world):
    found = outcomes(programme, suppress=False)
    rows = alumni_outcomes.region_csv_rows(found)
    assert rows == [
        ["Region", "Authorities", "Led by an alumnus now", "Share (%)"],
        ["North East", 12, 1, "8.3"],
        ["North West", 24, 0, "0.0"],
        ["Yorkshire and The Humber", 15, 1, "6.7"],
        ["East Midlands", 10, 0, "0.0"],
        ["West Midlands", 14, 0, "0.0"],
        ["East of England", 11, 0, "0.0"],
        ["London", 33, 1, "3.0"],
        ["South East", 19, 0, "0.0"],
        ["South West", 15, 0, "0.0"],
        ["England", 153, 3, "2.0"],
    ]
    funder = alumni_outcomes.region_csv_rows(outcomes(programme, suppress=True))
    # The total is the alumni in post, hidden beside it as on the tenure table.
    assert funder[-1] == ["England", 153, SMALL, "Not shown"]
    assert [row[2] for row in funder[1:-1]] == [SMALL, 0, SMALL, 0, 0, 0, SMALL, 0, 0]


def test_the_known_total_protects_the_regions_beside_it(programme, world):
    from upon.organisations.models import Organisation

    london = Organisation.objects.filter(region="E12000007").order_by("pk")
    north_east = Organisation.objects.filter(region="E12000001").order_by("pk")
    led = {str(o.pk) for o in [*london[:6], *north_east[:2]]}
    rows, total = alumni_outcomes.region_rows(led=led, suppress_small=True, in_post=Shown(8))
    # London's 6 with the total 8 shown would give away the North East's 2: London is hidden.
    assert [(r.region, r.leading) for r in rows if r.leading != Shown(0)] == [
        ("North East", Shown(None, SMALL)),
        ("London", Shown(None, PROTECTING)),
    ]
    assert (total.leading, total.share) == (Shown(8), Shown(5.2))


# The page, its CSV and who reads them --------------------------------------------------------


def test_the_team_reads_the_page(client, programme, world):
    team = holder(programme, Role.PROGRAMME_TEAM, "Tess Team")
    client.force_login(team)
    response = client.get(reverse("reporting:alumni", args=[programme.pk]))
    assert response.status_code == 200
    test = response.context["outcomes"].comparison.logrank
    assert response.context["summary"] == [
        "Alumni: 7 tenures, median 42.0 months (95% interval 12.0 to not reached). Every other "
        "director appointed in 2020/21 to 2023/24: 6 tenures, median 12.0 months (95% interval "
        "6.0 to not reached).",
        f"Log-rank test: chi-squared {test.statistic:.2f} on 1 degree of freedom, "
        f"p = {test.p_value:.3f}: no clear evidence of a difference (p of 0.05 or more).",
    ]
    assert response.context["rows"][:4] == [
        ("Tenures", "7", "6"),
        ("Left", "4", "5"),
        ("Still in post", "3", "1"),
        (
            "Median time in post (95% interval)",
            "42.0 months (12.0 to not reached)",
            "12.0 months (6.0 to not reached)",
        ),
    ]
    page = response.content.decode()
    assert "Sheffield" not in page and "Director 1" not in page


def test_the_funder_reads_the_page(client, programme, world):
    funder = holder(programme, Role.FUNDER, "Fern Funder")
    client.force_login(funder)
    response = client.get(reverse("reporting:alumni", args=[programme.pk]))
    assert response.context["suppress"] is True
    assert response.context["rows"][:3] == [
        ("Tenures", "7", "6"),
        ("Left", SMALL, PROTECTING),
        ("Still in post", SMALL, SMALL),
    ]
    assert response.context["rows"][4:6] == [
        ("In post at least 1 year so far", PROTECTING, SMALL),
        ("Still in post after 1 year (95% interval)", response.context["rows"][5][1], FEW_FOLLOWED),
    ]
    assert response.context["summary"][1].startswith("Log-rank test: ")


def test_the_tenure_csv(client, programme, world):
    funder = holder(programme, Role.FUNDER, "Fern Funder")
    client.force_login(funder)
    response = client.get(reverse("reporting:alumni_tenure_csv", args=[programme.pk]))
    assert response["Content-Disposition"] == (
        'attachment; filename="upon-programme-alumni-tenure.csv"'
    )
    lines = b"".join(response.streaming_content).decode().lstrip("\ufeff").split("\r\n")
    assert lines[0] == (
        "Group,Tenures,Left,Still in post,Median months in post,Median: lower 95% limit,"
        "Median: upper 95% limit,"
        + ",".join(
            f"Followed {y} years,Still in post after {y} years (%),"
            f"After {y} years: lower 95% limit (%),After {y} years: upper 95% limit (%)"
            for y in (1, 2, 3, 5)
        )
    )
    curve = survival.kaplan_meier(
        durations=months(ALUMNI_DAYS), observed=[left for _, left in ALUMNI_DAYS]
    )
    # The band at 1 year is the curve's after 365 days (index 1), at 2 years after 730 (2).
    band = [f"{100 * curve.lower[i]:.1f},{100 * curve.upper[i]:.1f}" for i in (1, 2)]
    assert lines[1] == (
        "The programme's alumni,7,Fewer than 5,Fewer than 5,42.0,12.0,not reached,"
        f"Hidden to protect a small group,85.7,{band[0]},"
        f"Hidden to protect a small group,71.4,{band[1]},"
        f"Fewer than 5,{FEW_FOLLOWED},,,Fewer than 5,{FEW_FOLLOWED},,"
    )
    assert lines[2] == (
        "Every other director appointed in the same years,6,Hidden to protect a small group,"
        "Fewer than 5,12.0,6.0,not reached,"
        + ",".join(f"Fewer than 5,{FEW_FOLLOWED},," for _ in range(3))
        + f",0,{FEW_FOLLOWED},,"
    )
    assert lines[3:] == [""]


PAGES = ("reporting:alumni", "reporting:alumni_tenure_csv", "reporting:alumni_regions_csv")


@pytest.mark.parametrize("name", PAGES)
def test_who_reads_the_pages(client, programme, world, name):
    url = reverse(name, args=[programme.pk])
    other = ProgrammeFactory(name="Another programme")
    for person, status in (
        (holder(programme, Role.PROGRAMME_LEAD, "Lee Lead"), 200),
        (holder(programme, Role.PROGRAMME_TEAM, "Tess Team"), 200),
        (holder(programme, Role.FUNDER, "Fern Funder"), 200),
        (holder(other, Role.PROGRAMME_TEAM, "Otto Otherteam"), 404),
        (holder(other, Role.FUNDER, "Fay Otherfunder"), 404),
        (holder(programme, Role.REVIEWER, "Rae Reviewer"), 403),
    ):
        client.force_login(person)
        assert client.get(url).status_code == status, person
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("linked", [1, 3])
def test_the_page_queries_do_not_grow_with_alumni(
    client, programme, linked, django_assert_num_queries
):
    from tests.delivery.factories import CohortFactory, ParticipantFactory
    from tests.reporting.alumni_world import D, tenure
    from tests.reporting.outcomes_world import intake_of
    from tests.workforce.factories import DirectorFactory
    from upon.delivery.models import ParticipantStatus

    cohort = CohortFactory(intake=intake_of(programme, 2019), starts_on=D(2019, 11, 1))
    for where in ("Hartlepool", "Camden", "Leeds")[:linked]:
        user = ParticipantFactory(cohort=cohort, status=ParticipantStatus.COMPLETED).user
        tenure(DirectorFactory(user=user), where, D(2020, 6, 1))
        tenure(DirectorFactory(), where, D(2015, 6, 1), D(2020, 5, 31))
    client.force_login(holder(programme, Role.FUNDER, "Fern Funder"))
    # Session, user, roles, the programme; the alumni, their register entries, the register's
    # state, the register (the first time only: then the comparison is cached), the authorities.
    url = reverse("reporting:alumni", args=[programme.pk])
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.context["outcomes"].comparison.alumni.tenures == linked
    with django_assert_num_queries(8):
        again = client.get(url)
    assert [again.context[name] for name in ("summary", "rows", "chart", "region_rows")] == [
        response.context[name] for name in ("summary", "rows", "chart", "region_rows")
    ]


def test_the_kept_comparison_follows_links_made_and_undone_and_cohorts_completed(client, programme):
    """The comparison is kept under the register's state and the alumni: linking an entry (a
    change to the director, not to a tenure) or completing a cohort is seen at once."""
    from tests.delivery.factories import CohortFactory, ParticipantFactory
    from tests.reporting.alumni_world import D, tenure
    from tests.reporting.outcomes_world import intake_of
    from tests.workforce.factories import DirectorFactory
    from upon.delivery.models import ParticipantStatus
    from upon.workforce.models import Director

    cohort = CohortFactory(intake=intake_of(programme, 2019), starts_on=D(2019, 11, 1))
    done = ParticipantFactory(cohort=cohort, status=ParticipantStatus.COMPLETED).user
    still = ParticipantFactory(cohort=cohort, status=ParticipantStatus.ACTIVE)
    tenure(DirectorFactory(user=done), "Hartlepool", D(2020, 6, 1))
    unlinked = DirectorFactory()
    tenure(unlinked, "Camden", D(2020, 9, 1))
    tenure(DirectorFactory(user=still.user), "Leeds", D(2021, 1, 4))
    client.force_login(holder(programme, Role.PROGRAMME_TEAM, "Tess Team"))
    url = reverse("reporting:alumni", args=[programme.pk])

    def alumni_tenures():
        return client.get(url).context["outcomes"].comparison.alumni.tenures

    assert alumni_tenures() == 1
    other = ParticipantFactory(cohort=cohort, status=ParticipantStatus.COMPLETED).user
    Director.objects.filter(pk=unlinked.pk).update(user=other)  # linked: no tenure changes
    assert alumni_tenures() == 2
    still.status = ParticipantStatus.COMPLETED
    still.save(update_fields=["status"])
    assert alumni_tenures() == 3
    Director.objects.filter(pk=unlinked.pk).update(user=None)
    assert alumni_tenures() == 2


def test_the_schedule_works_out_the_days_comparison_before_its_first_reader(
    client, programme, other_programme, django_assert_num_queries
):
    from django.utils import timezone

    from tests.delivery.factories import CohortFactory, ParticipantFactory
    from tests.reporting.alumni_world import D, tenure
    from tests.reporting.outcomes_world import intake_of
    from tests.workforce.factories import DirectorFactory
    from upon.delivery.models import ParticipantStatus

    cohort = CohortFactory(intake=intake_of(programme, 2019), starts_on=D(2019, 11, 1))
    done = ParticipantFactory(cohort=cohort, status=ParticipantStatus.COMPLETED).user
    tenure(DirectorFactory(user=done), "Hartlepool", D(2020, 6, 1))
    # One programme with alumni in the register; the other has none.
    assert alumni_outcomes.refresh_for_the_day(now=timezone.now()) == 1
    client.force_login(holder(programme, Role.FUNDER, "Fern Funder"))
    with django_assert_num_queries(8):  # as in the test above, without reading the register
        response = client.get(reverse("reporting:alumni", args=[programme.pk]))
    assert response.context["outcomes"].comparison.alumni.tenures == 1


def test_the_chart_draws_both_curves_for_the_team_and_cuts_them_for_the_funder(
    client, programme, world
):
    from tests.charts import drawn_step_chart

    client.force_login(holder(programme, Role.PROGRAMME_TEAM, "Tess Team"))
    chart = drawn_step_chart(
        client.get(reverse("reporting:alumni", args=[programme.pk])).content.decode(),
        "tenure-chart",
    )
    assert chart.title == "Share still in post, by years in post"
    assert chart.legend == (
        "The programme's alumni",
        "Every other director appointed in the same years",
    )
    assert (len(chart.lines), chart.bands, chart.censored) == (2, 2, 2)
    assert chart.summary.startswith(
        "Kaplan-Meier curves of the programme's alumni and every other director appointed in "
        "the same years, with 95% bands. Alumni: 7 tenures, median 42.0 months"
    )
    series = alumni_outcomes.alumni.chart_series(
        outcomes(programme, suppress=True).comparison.alumni, label="Alumni", suppress=True
    )
    # In post just before: 365 days 7, 730 days 6, 731 days 5, 1,129 days 4: cut there.
    assert [round(t * 12 * MONTH) for t in series.times] == [0, 365, 730, 731]
    assert series.survival == pytest.approx((1, 6 / 7, 5 / 7, 4 / 7)) and series.censored == ()
    client.force_login(holder(programme, Role.FUNDER, "Fern Funder"))
    chart = drawn_step_chart(
        client.get(reverse("reporting:alumni", args=[programme.pk])).content.decode(),
        "tenure-chart",
    )
    # The others' 6 tenures drop below 5 at risk at 183 days: still drawn to there.
    assert (len(chart.lines), chart.censored) == (2, 0)
