"""After the team changes the register, a background task works the analytics out again
(upon/workforce/tasks.py), so the first reader after a change reads them from the cache; and the
one reader of the register (`analytics.Reading`) that the partner API and the funder's report
share with the pages. On the small register of tests/workforce/test_analytics_pages.py."""

import dataclasses
import datetime
import zoneinfo

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.workforce.analytics_world import build_small_register
from tests.workforce.conftest import authority
from tests.workforce.test_analytics_pages import PAGES, content
from tests.workforce.test_imports import row
from tests.workforce.test_imports import run as import_rows
from upon.partners import published
from upon.reporting import report_figures
from upon.service import schedule
from upon.service.models import JobRun
from upon.workforce import analytics, charts, register, tasks
from upon.workforce.algorithms.turnover import ReportingYear
from upon.workforce.models import Basis, Tenure

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def small_register(authorities):
    build_small_register()


def cached_years(today) -> tuple | None:
    return cache.get(analytics.Reading().key("years", today))


def assert_every_page_reads_the_cache(client, django_assert_num_queries, team):
    client.force_login(team)
    client.get("/outcomes/register/")  # the session saved
    for url in PAGES[1:]:
        with django_assert_num_queries(4):  # the session, the user, their roles, the state
            content(client.get(url))


def test_ending_and_adding_a_tenure_refresh_every_page_once_committed(
    client,
    today,
    team,
    small_register,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    camden = authority("E09000007")
    in_post = Tenure.objects.get(authority=camden, ended_on=None)
    with django_capture_on_commit_callbacks() as waiting:
        register.end_tenure(
            tenure=in_post,
            version=in_post.version,
            ended_on=D(2026, 4, 30),
            leaving_reason="retired",
            today=today,
            by=team,
        )
        assert cached_years(today) is None  # nothing runs before the commit
    assert len(waiting) == 1
    for callback in waiting:
        callback()
    assert [f.year.label for f in cached_years(today)][-1] == "2025/26"
    with django_capture_on_commit_callbacks(execute=True) as refreshed:
        register.add_tenure(
            authority=camden,
            name="Director G",
            started_on=D(2026, 5, 1),
            basis=Basis.INTERIM,
            twin_hat=False,
            shared=False,
            today=today,
            by=team,
        )
    assert len(refreshed) == 1
    assert_every_page_reads_the_cache(client, django_assert_num_queries, team)
    survival = client.get("/outcomes/register/survival/").context["rows"]
    assert survival[0][:4] == ("In one authority", 8, 5, 3)  # as the pages' own test works out


def test_changing_a_tenure_refreshes(
    client,
    today,
    team,
    small_register,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    first = Tenure.objects.get(authority=authority("E06000001"), started_on=D(2020, 4, 1))
    with django_capture_on_commit_callbacks(execute=True) as refreshed:
        register.change_tenure(
            tenure=first,
            version=first.version,
            today=today,
            by=team,
            started_on=D(2019, 4, 1),
        )
    assert len(refreshed) == 1
    assert [f.year.label for f in cached_years(today)][0] == "2019/20"
    assert_every_page_reads_the_cache(client, django_assert_num_queries, team)


def test_an_import_refreshes_only_when_it_changed_something(
    today, team, authorities, django_capture_on_commit_callbacks
):
    rows = [row(start="2018-04-01", end="2022-03-31", reason="Retired")]
    with django_capture_on_commit_callbacks(execute=True) as refreshed:
        _, imported = import_rows(rows, today, team)
    assert (imported.created, len(refreshed)) == (1, 1)
    assert [f.year.label for f in cached_years(today)] == [
        "2018/19",
        "2019/20",
        "2020/21",
        "2021/22",
        "2022/23",
        "2023/24",
        "2024/25",
        "2025/26",
    ]
    with django_capture_on_commit_callbacks(execute=True) as again:
        _, imported = import_rows(rows, today, team)
    assert (imported.unchanged, len(again)) == (1, 0)


def test_the_task_runs_at_once_in_tests_and_gives_the_state_it_filled(today, small_register):
    result = tasks.refresh_analytics.enqueue()
    assert result.return_value == analytics.Reading().state
    for name in ("years", "tenure:10", "survival:all", "survival:region", "survival:type"):
        assert cache.get(analytics.Reading().key(name, today)) is not None, name


def test_the_register_keeps_the_state_asked_before_it_was_read(
    today, team, authorities, django_assert_num_queries, time_machine
):
    with django_assert_num_queries(2):  # the state first, then the register
        empty = analytics.Reading()
        assert empty.register.tenures == ()
    assert empty.register.state == analytics.state() == "0:None:None:None"
    build_small_register()
    built = analytics.state()
    # A change of a detail alone (no tenure added or ended) moves it: the latest changed.
    time_machine.shift(datetime.timedelta(minutes=1))
    tenure = Tenure.objects.order_by("pk").first()
    register.change_tenure(
        tenure=tenure,
        version=tenure.version,
        today=today,
        by=team,
        started_on=tenure.started_on,
        twin_hat=True,
    )
    changed = analytics.Reading()
    assert changed.register.state == analytics.state() not in (empty.register.state, built)
    assert analytics.state().startswith("8:")
    assert len(changed.register.tenures) == 8 and changed.state != empty.state


def test_the_partner_api_and_the_funders_report_read_the_pages_figures(
    today, small_register, django_assert_num_queries
):
    tasks.refresh_analytics.enqueue()
    with django_assert_num_queries(1):  # the state: the years come from the pages' cache
        years = published.yearly_figures(today=today)
    assert [y.year.label for y in years] == [f.year.label for f in cached_years(today)]
    with django_assert_num_queries(1):  # the state: the figures come from the pages' cache
        found = report_figures.register_figures(
            starts_on=D(2019, 4, 1), ends_on=D(2024, 3, 31), today=today
        )
    figures = {f.key: f.value for f in found[-1].figures}
    assert found[-1].label == "2023/24"
    assert (figures["changes"], figures["in_post_at_end"]) == (None, None)  # 3: hidden
    assert [y.label for y in found] == ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]
    # 2019/20 is before the register's first year: nothing, as the year-by-year loop gave.
    assert analytics.figures_for(years=[ReportingYear(2019)], today=today)[0].changes == 0
    with pytest.raises(ValueError, match="Only the reporting years to 2025/26 have ended"):
        analytics.figures_for(years=[ReportingYear(2026)], today=today)


def test_the_schedule_works_out_each_new_days_figures_before_their_first_reader(
    client, today, team, small_register, time_machine, django_assert_num_queries
):
    """The figures are kept under the day: the job on the schedule (run_schedule) works out
    the new day's a minute after midnight, so its first reader reads them from the cache."""
    job = "work out the register's figures for the day"
    london = zoneinfo.ZoneInfo("Europe/London")
    assert schedule.run_due(now=timezone.now())[job] is True
    # The yearly figures, tenure, and survival for all, by region and by type of authority.
    assert JobRun.objects.get(name=job).outcome == "5"
    assert cached_years(today) is not None
    tomorrow = today + datetime.timedelta(days=1)
    assert cached_years(tomorrow) is None
    after_midnight = datetime.datetime.combine(tomorrow, datetime.time(0, 1), tzinfo=london)
    time_machine.move_to(after_midnight, tick=False)
    assert schedule.run_due(now=timezone.now())[job] is True
    assert cached_years(tomorrow) == analytics._years(analytics.Reading().register, tomorrow)
    assert_every_page_reads_the_cache(client, django_assert_num_queries, team)
    # With the figures there, the job asks only the register's state.
    later = after_midnight + datetime.timedelta(minutes=15)
    with django_assert_num_queries(1):
        assert tasks.refresh_for_the_day(now=later) == 0


def test_the_survival_chart_is_laid_out_once_a_day_and_state(client, today, team, small_register):
    """Thousands of steps a curve at national scale: the page keeps its chart with the figures,
    and draws the kept one while the register is unchanged."""
    client.force_login(team)
    key = analytics.Reading().key("survival-chart:region", today)
    assert cache.get(key) is None
    first = content(client.get("/outcomes/register/survival/?by=region"))
    expected = charts.survival_chart(analytics.survival(today=today, by="region"))
    assert cache.get(key) == expected
    cache.set(key, dataclasses.replace(expected, title="The kept chart"))
    again = content(client.get("/outcomes/register/survival/?by=region"))
    assert "The kept chart" in again and "The kept chart" not in first
