"""Every registered job through `manage.py run_schedule --once`, clock frozen: each does its work
on the first run, and a second run (the next hour, the next day) sends nothing twice."""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command

from tests.factories import ApplicationFactory, IntakeFactory, SubmittedApplicationFactory
from tests.selection.factories import SelectionSettingsFactory
from tests.support.factories import AppointmentFactory
from upon.recruitment import endorsements
from upon.recruitment.models import Endorsement
from upon.selection import offers
from upon.selection.models import Offer
from upon.service.models import JobRun, Submission
from upon.support import appointments

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
# 90 days before the director's support ends on 30 April 2028.
T = datetime.datetime(2028, 1, 31, 7, tzinfo=zoneinfo.ZoneInfo("Europe/London"))


@pytest.fixture
def work_due(director, programme, team, june_2026, time_machine):
    """At T: support ending in 90 days, an offer past its accept-by date, a sponsor due their
    first reminder and a form token over a week old."""
    post = AppointmentFactory(
        person=director, programme=programme, starts_on=datetime.date(2026, 5, 1)
    )
    appointments.verify(appointment=post, version=post.version, by=team)
    time_machine.move_to(T - 15 * DAY, tick=False)
    intake = IntakeFactory(programme=programme, closes_at=T + 30 * DAY)
    SelectionSettingsFactory(intake=intake, places=1, offer_days=14)
    offer = offers.send_offer(
        application=SubmittedApplicationFactory(intake=intake), now=T - 15 * DAY
    )
    endorsements.request_endorsement(
        application=ApplicationFactory(intake=intake),
        sponsor_name="Sam Sponsor",
        sponsor_email="sam@council.example",
        sponsor_role="dcs",
        now=T - 3 * DAY,
    )
    Submission.objects.create(token="6f1c1a52-5d0e-4c7e-9a43-0d6f8e0b1c2d", created_at=T - 8 * DAY)
    time_machine.move_to(T, tick=False)
    return offer


def sponsored():
    """The subject line's end of the sponsor's reminder."""
    application = Endorsement.objects.get().application
    return (
        f"{application.applicant.full_name} asks you to support their application to "
        f"{application.intake.name}"
    )


def test_each_job_does_its_work_once(work_due, team, director, time_machine, mailoutbox, capsys):
    mailoutbox.clear()
    call_command("run_schedule", "--once")
    assert capsys.readouterr().out.splitlines() == [
        "apply retention schedule: done",
        "bring session materials into the library: done",
        "forget old form tokens: done",
        "keep cohort groups in step: done",
        "lapse offers: done",
        "remind employers of check-ins due: done",
        "remind sponsors to endorse: done",
        "send daily group digests: done",
        "send weekly group digests: done",
        "tell directors their support is ending: done",
        "tell members of opportunities their alerts match: done",
        "work out the alumni's comparison for the day: done",
        "work out the register's figures for the day: done",
    ]
    assert dict(JobRun.objects.values_list("name", "outcome")) == {
        # No session has materials here; the library's own tests bring them in.
        "apply retention schedule": "0",
        "bring session materials into the library": "0",
        "forget old form tokens": "1",
        # A group for each of the 9 regions and 12 topics, and the cohort's group made and its
        # people put in it; nothing posted, so no digests.
        "keep cohort groups in step": "22",
        "lapse offers": "1",
        # No employer has been invited here; their reminders are tested in test_employers.
        "remind employers of check-ins due": "0",
        "remind sponsors to endorse": "1",
        "send daily group digests": "0",
        "send weekly group digests": "0",
        "tell directors their support is ending": "1",
        # No opportunity is posted here; alerts are tested in tests/network.
        "tell members of opportunities their alerts match": "0",
        # No alumnus is in the register here (tests/reporting/test_alumni_outcomes.py).
        "work out the alumni's comparison for the day": "0",
        # The yearly figures, tenure, and survival three ways, of an empty register.
        "work out the register's figures for the day": "5",
    }
    reference = work_due.application.reference
    assert sorted((m.to, m.subject) for m in mailoutbox) == sorted(
        [
            ([director.email], "Your support from Upon Programme ends in 90 days"),
            ([team.email], "Support ending in 90 days: Dee Director"),
            ([team.email], f"Offer lapsed: {reference}"),
            (["sam@council.example"], f"Reminder: {sponsored()}"),
        ]
    )
    work_due.refresh_from_db()
    assert work_due.status == "lapsed"
    assert not Submission.objects.exists()
    first = len(mailoutbox)

    call_command("run_schedule", "--once")  # the same moment: nothing is due
    assert capsys.readouterr().out == ""
    for later in (HOUR, DAY):  # every job runs again, and sends nothing twice
        time_machine.move_to(T + later, tick=False)
        call_command("run_schedule", "--once")
    outcomes = dict(JobRun.objects.values_list("name", "outcome"))
    # A day later the register's figures are the new day's, worked out again (kept by day).
    assert outcomes.pop("work out the register's figures for the day") == "5"
    assert set(outcomes.values()) == {"0"}
    assert len(mailoutbox) == first
    assert Offer.objects.filter(status="lapsed").count() == 1
