"""The retention schedule, with the clock frozen: unsuccessful applications anonymised 12
months after their intake closed, equality answers deleted after 36 with their counts kept (the
reports read the same figures after), by the scheduler's job and by `apply_retention`."""

import datetime
import io

import pytest
from django.core.management import call_command

from tests.delivery.factories import CohortFactory, ParticipantFactory
from tests.factories import IntakeFactory, SubmittedApplicationFactory, UserFactory
from upon.privacy import retention
from upon.privacy.models import Anonymised
from upon.recruitment.models import Application, ApplicationStatus
from upon.reporting import diversity
from upon.reporting.equality_reads import Reading
from upon.reporting.models import EqualityRead, EqualitySnapshot, MonitoringResponse
from upon.reporting.stages import monitoring_tables
from upon.service import schedule

pytestmark = pytest.mark.django_db
OPENED = datetime.datetime(2024, 9, 16, 9, tzinfo=datetime.UTC)
CLOSED = datetime.datetime(2024, 10, 14, 17, tzinfo=datetime.UTC)
READING = Reading(None, "Tests")


@pytest.fixture
def intake(authorities, time_machine):
    time_machine.move_to(OPENED, tick=False)
    intake = IntakeFactory(opens_at=OPENED, closes_at=CLOSED)
    placed = SubmittedApplicationFactory(
        intake=intake, full_name="Pat Placed", status=ApplicationStatus.ACCEPTED
    )
    ParticipantFactory(
        cohort=CohortFactory(intake=intake), user=placed.applicant, application=placed
    )
    refused = SubmittedApplicationFactory(
        intake=intake, full_name="Una Unsuccessful", status=ApplicationStatus.UNSUCCESSFUL
    )
    for application, sex in ((placed, "female"), (refused, "male")):
        MonitoringResponse.objects.create(application=application, sex=sex, ethnicity="arab")
    return intake


def run_command(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_nothing_is_due_a_day_before_twelve_months(intake, time_machine):
    time_machine.move_to(CLOSED + datetime.timedelta(days=364), tick=False)
    assert run_command("--dry-run") == "Nothing is due\n"
    assert run_command() == "Nothing is due\n"


def test_the_dry_run_says_what_would_go_and_changes_nothing(intake, time_machine):
    time_machine.move_to(datetime.datetime(2025, 10, 14, 17, tzinfo=datetime.UTC), tick=False)
    refused = Application.objects.get(full_name="Una Unsuccessful")
    assert run_command("--dry-run") == (
        f"Would anonymise application {refused.reference} ({intake.name})\n"
        "Dry run: 1 application and the answers of 0 intakes would go; nothing was changed\n"
    )
    assert set(Application.objects.values_list("full_name", flat=True)) == {
        "Pat Placed",
        "Una Unsuccessful",
    }
    assert Anonymised.objects.count() == 0


def test_twelve_months_on_the_unsuccessful_application_is_anonymised(intake, time_machine):
    time_machine.move_to(datetime.datetime(2025, 10, 14, 17, tzinfo=datetime.UTC), tick=False)
    refused = Application.objects.get(full_name="Una Unsuccessful")
    before = monitoring_tables(intake=intake, reading=READING)
    output = run_command()
    assert output.splitlines()[0] == f"Anonymising application {refused.reference} ({intake.name})"
    refused.refresh_from_db()
    assert (refused.full_name, refused.phone, refused.reference, refused.status) == (
        "",
        "",
        f"X{refused.pk}",
        ApplicationStatus.UNSUCCESSFUL,
    )
    assert refused.history.count() == 0
    assert Application.objects.get(full_name="Pat Placed").applicant.is_active
    assert [t.counts for t in monitoring_tables(intake=intake, reading=READING)] == [
        t.counts for t in before
    ]
    # Run again at the same moment: nothing more is due.
    assert run_command() == "Nothing is due\n"


def test_thirty_six_months_on_the_answers_go_and_the_reports_keep_their_figures(
    intake, time_machine
):
    time_machine.move_to(datetime.datetime(2027, 10, 14, 16, tzinfo=datetime.UTC), tick=False)
    before = [t.counts for t in monitoring_tables(intake=intake, reading=READING)]
    funnel = diversity.diversity_tables(programme=intake.programme, reading=READING)
    assert (
        retention.plan(now=datetime.datetime(2027, 10, 14, 16, tzinfo=datetime.UTC)).intakes == []
    )
    time_machine.move_to(datetime.datetime(2027, 10, 14, 17, tzinfo=datetime.UTC), tick=False)
    assert run_command("--dry-run").splitlines()[-2:] == [
        f"Would delete 2 equality answers of {intake.name}, keeping its counts",
        "Dry run: 1 application and the answers of 1 intake would go; nothing was changed",
    ]
    assert MonitoringResponse.objects.count() == 2
    run_command()
    assert MonitoringResponse.objects.count() == 0
    assert EqualitySnapshot.objects.get().intake == intake
    assert [t.counts for t in monitoring_tables(intake=intake, reading=READING)] == before
    assert diversity.diversity_tables(programme=intake.programme, reading=READING) == funnel
    # The schedule's own read of the answers (to count them) is logged, as the service's.
    assert (
        EqualityRead.objects.filter(read_by=None, purpose=retention.SCHEDULE.purpose).count() == 1
    )


def test_a_later_intakes_answers_still_count_beside_an_earlier_intakes_kept_counts(
    intake, time_machine
):
    time_machine.move_to(datetime.datetime(2027, 10, 15, tzinfo=datetime.UTC), tick=False)
    retention.apply_due(now=datetime.datetime(2027, 10, 15, tzinfo=datetime.UTC))
    later = IntakeFactory(programme=intake.programme)
    application = SubmittedApplicationFactory(intake=later, applicant=UserFactory())
    MonitoringResponse.objects.create(application=application, sex="male")
    _, _, groups, rows = next(
        q
        for q in diversity.diversity_counts(programme=intake.programme, reading=READING)
        if q[0] == "sex"
    )
    applied = {group: row[0] for group, row in zip(groups, rows, strict=True)}
    assert (applied["Female"], applied["Male"]) == (1, 2)


def test_the_scheduler_runs_it_daily(intake, time_machine):
    job = next(job for job in schedule.jobs() if job.name == "apply retention schedule")
    assert job.every == datetime.timedelta(days=1)
    now = datetime.datetime(2025, 10, 15, tzinfo=datetime.UTC)
    assert schedule.run_due(now=now)["apply retention schedule"] is True
    assert Application.objects.filter(full_name="Una Unsuccessful").count() == 0


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime.datetime(2025, 3, 31, tzinfo=datetime.UTC), 1, datetime.date(2025, 2, 28)),
        (datetime.datetime(2025, 1, 15, tzinfo=datetime.UTC), 12, datetime.date(2024, 1, 15)),
        (datetime.datetime(2024, 2, 29, tzinfo=datetime.UTC), 36, datetime.date(2021, 2, 28)),
    ],
)
def test_months_before(moment, months, expected):
    assert retention.months_before(moment, months).date() == expected
