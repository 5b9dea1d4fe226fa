"""One schedule (upon/service/schedule.py and `manage.py run_schedule`): only due jobs run, each
once an interval however many workers look, a failure is logged and the others still run, and
the loop stops cleanly on SIGTERM."""

import datetime
import logging
import os
import signal
import zoneinfo

import pytest
from django.core.management import call_command

from upon.service import schedule
from upon.service.models import JobRun

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
NOON = datetime.datetime(2026, 6, 1, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


@pytest.fixture
def clock(time_machine):
    """Noon on 1 June 2026, the clock stopped; `clock.shift(delta)` moves it on."""
    time_machine.move_to(NOON, tick=False)
    return time_machine


class Ran(list):
    """The (job name, now) of each run of the test jobs `add` registers."""

    def add(self, name, every, fails=False):
        def job(*, now):
            self.append((name, now))
            if fails:
                raise RuntimeError(f"{name} broke")
            return 1

        schedule.register(name, every=every, job=job)


@pytest.fixture
def ran(monkeypatch):
    """An empty schedule, and the runs of the jobs the test adds."""
    monkeypatch.setattr(schedule, "_jobs", {})
    return Ran()


def test_every_app_registers_its_jobs():
    assert {
        job.name: (job.every, job.job.__module__, job.job.__name__) for job in schedule.jobs()
    } == {
        "bring session materials into the library": (
            HOUR,
            "upon.network.library",
            "sync_session_materials",
        ),
        "apply retention schedule": (DAY, "upon.privacy.retention", "apply_due"),
        "forget old form tokens": (DAY, "upon.service.once", "purge"),
        "keep cohort groups in step": (HOUR, "upon.network.groups", "sync_all_cohort_groups"),
        "lapse offers": (HOUR, "upon.selection.offers", "lapse_due_offers"),
        "remind employers of check-ins due": (
            HOUR,
            "upon.support.employers",
            "send_check_in_reminders",
        ),
        "remind sponsors to endorse": (
            HOUR,
            "upon.recruitment.endorsements",
            "send_due_reminders",
        ),
        "send daily group digests": (HOUR, "upon.network.groups", "send_daily_digests"),
        "send weekly group digests": (HOUR, "upon.network.groups", "send_weekly_digests"),
        "tell directors their support is ending": (
            HOUR,
            "upon.support.ending_soon",
            "send_ending_notices",
        ),
        "tell members of opportunities their alerts match": (
            HOUR,
            "upon.network.opportunities",
            "send_opportunity_alerts",
        ),
        "work out the alumni's comparison for the day": (
            datetime.timedelta(minutes=15),
            "upon.reporting.alumni_outcomes",
            "refresh_for_the_day",
        ),
        "work out the register's figures for the day": (
            datetime.timedelta(minutes=15),
            "upon.workforce.tasks",
            "refresh_for_the_day",
        ),
    }


def test_a_job_runs_first_time_then_once_each_interval(ran, clock):
    ran.add("hourly", HOUR)
    ran.add("daily", DAY)
    assert schedule.run_due(now=NOON) == {"daily": True, "hourly": True}
    assert schedule.run_due(now=NOON) == {}  # a second run at the same moment runs nothing
    assert schedule.run_due(now=NOON + HOUR - datetime.timedelta(seconds=1)) == {}
    assert schedule.run_due(now=NOON + HOUR) == {"hourly": True}
    assert schedule.run_due(now=NOON + DAY) == {"daily": True, "hourly": True}
    assert ran == [
        ("daily", NOON),
        ("hourly", NOON),
        ("hourly", NOON + HOUR),
        ("daily", NOON + DAY),
        ("hourly", NOON + DAY),
    ]
    hourly = JobRun.objects.get(name="hourly")
    assert (hourly.started_at, hourly.finished_at, hourly.outcome, hourly.error) == (
        NOON + DAY,
        NOON,  # the clock stood still at noon while the job ran
        "1",
        "",
    )


def test_a_second_worker_or_a_restart_in_the_interval_runs_nothing(ran, clock):
    ran.add("hourly", HOUR)
    job = schedule.jobs()[0]
    assert schedule.claim(job, now=NOON) is True
    # Another worker, a moment later, and a restarted one half an hour on: the run is taken.
    assert schedule.claim(job, now=NOON + datetime.timedelta(seconds=1)) is False
    assert schedule.claim(job, now=NOON + HOUR / 2) is False
    assert schedule.claim(job, now=NOON + HOUR) is True
    assert JobRun.objects.filter(name="hourly").count() == 1


def test_a_failure_is_logged_kept_and_does_not_stop_the_others(ran, clock, caplog):
    ran.add("a broken job", HOUR, fails=True)
    ran.add("a working job", HOUR)
    with caplog.at_level(logging.ERROR, logger="upon.service.schedule"):
        assert schedule.run_due(now=NOON) == {"a broken job": False, "a working job": True}
    assert [r.getMessage() for r in caplog.records] == ["Scheduled job 'a broken job' failed"]
    assert "RuntimeError: a broken job broke" in caplog.records[0].exc_text
    broken = JobRun.objects.get(name="a broken job")
    assert broken.outcome == "failed"
    assert "RuntimeError: a broken job broke" in broken.error
    # Tried again when its next interval comes, not before.
    assert schedule.run_due(now=NOON + HOUR / 2) == {}
    assert schedule.run_due(now=NOON + HOUR) == {"a broken job": False, "a working job": True}


def test_the_command_runs_only_the_due_jobs_once(ran, clock, capsys):
    ran.add("hourly", HOUR)
    ran.add("daily", DAY)
    call_command("run_schedule", "--once")
    assert capsys.readouterr().out.splitlines() == ["daily: done", "hourly: done"]
    clock.shift(HOUR)
    call_command("run_schedule", "--once")
    assert capsys.readouterr().out.splitlines() == ["hourly: done"]
    call_command("run_schedule", "--once")
    assert capsys.readouterr().out == ""
    assert [name for name, _ in ran] == ["daily", "hourly", "hourly"]


def test_the_loop_stops_cleanly_on_sigterm(ran, clock, capsys):
    before = signal.getsignal(signal.SIGTERM)

    def stop(*, now):
        os.kill(os.getpid(), signal.SIGTERM)  # as `kill` or a process manager would
        return 0

    schedule.register("stop the worker", every=HOUR, job=stop)
    ran.add("hourly", HOUR)
    call_command("run_schedule", "--every", "3600")
    assert capsys.readouterr().out.splitlines() == [
        "Running scheduled jobs every 3600 seconds until stopped",
        "hourly: done",
        "stop the worker: done",
        "Stopped",
    ]
    assert signal.getsignal(signal.SIGTERM) == before


def test_make_worker_starts_the_schedule_and_the_task_worker():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    worker = makefile.split("\nworker:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py run_schedule" in worker
    assert "manage.py db_worker" in worker
