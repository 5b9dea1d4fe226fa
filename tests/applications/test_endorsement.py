"""The sponsor's endorsement: asking, resending, the single-use link, answers, reminders."""

import datetime
import html
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import EndorsementFactory
from upon.accounts.tokens import hash_token
from upon.recruitment import endorsements
from upon.recruitment.models import Endorsement, EndorsementStatus
from upon.recruitment.tasks import send_endorsement_reminders

LIFETIME_14_DAYS = datetime.timedelta(days=14)
# The second reminder goes 7 days after the request (the rule in upon/recruitment/endorsements.py).
SECOND_REMINDER_AFTER = datetime.timedelta(days=7)

pytestmark = pytest.mark.django_db


def _url(application):
    return reverse("recruitment:endorsement", kwargs={"reference": application.reference})


def _token(message) -> str:
    return re.search(r"/endorse/([^/\s]+)/", message.body).group(1)


def _endorse(token):
    return reverse("recruitment:endorse", kwargs={"token": token})


@pytest.fixture
def requested(application, mailoutbox):
    """A request sent now to Sam; yields (endorsement, token)."""
    application.job_title = "Head of Early Help"
    application.save()
    endorsement = endorsements.request_endorsement(
        application=application,
        sponsor_name="Sam Sponsor",
        sponsor_email="sam@council.example",
        sponsor_role="dcs",
        now=timezone.now(),
    )
    token = _token(mailoutbox[-1])
    return endorsement, token


def test_sponsor_form_validation_keeps_input(applicant_client, application, mailoutbox):
    response = applicant_client.post(
        _url(application),
        {"sponsor_name": "", "sponsor_email": "sam@", "action": "send"},
    )
    page = html.unescape(response.content.decode())
    assert "Enter your sponsor's full name" in page
    assert "Enter an email address in the correct format, like name@example.com" in page
    assert "Select your sponsor's role" in page
    assert 'value="sam@"' in page
    assert mailoutbox == []
    response = applicant_client.post(
        _url(application),
        {
            "sponsor_name": "Me",
            "sponsor_email": "amara@council.example",
            "sponsor_role": "dcs",
            "action": "send",
        },
    )
    assert "Your sponsor must be someone other than you" in response.content.decode()
    assert not Endorsement.objects.exists()


def test_request_stores_only_a_hash_and_expires_in_14_days(requested, mailoutbox, application):
    endorsement, token = requested
    assert endorsement.token_hash == hash_token(token)
    assert token not in endorsement.token_hash
    assert endorsement.status == EndorsementStatus.REQUESTED
    assert endorsement.expires_at == endorsement.requested_at + LIFETIME_14_DAYS
    assert mailoutbox[0].to == ["sam@council.example"]
    assert mailoutbox[0].subject == (
        f"Amara Okafor asks you to support their application to {application.intake.name}"
    )


def test_link_expires_when_the_intake_closes_if_sooner(application):
    now = timezone.now()
    application.intake.closes_at = now + datetime.timedelta(days=2)
    application.intake.save()
    assert endorsements.link_expiry(application=application, now=now) == (
        application.intake.closes_at
    )


def test_sponsor_page_shows_the_application(client, requested, application):
    _, token = requested
    page = client.get(_endorse(token)).content.decode()
    assert "Amara Okafor" in page
    assert "Head of Early Help" in page
    assert application.intake.name in page
    assert "Do you support this application?" in page


def test_sponsor_must_choose(client, requested):
    _, token = requested
    response = client.post(_endorse(token), {"comment": "Thinking about it"})
    page = response.content.decode()
    assert "Select yes if you support this application" in page
    assert "Thinking about it" in page
    assert Endorsement.objects.get().responded_at is None


def test_sponsor_answers_once_and_the_applicant_is_told(client, requested, mailoutbox):
    endorsement, token = requested
    response = client.post(_endorse(token), {"supports": "no", "comment": " Not yet. "})
    assert "Response sent" in response.content.decode()
    endorsement.refresh_from_db()
    assert (endorsement.status, endorsement.comment) == (EndorsementStatus.DECLINED, "Not yet.")
    assert endorsement.responded_at is not None
    told = mailoutbox[-1]
    assert told.to == ["amara@council.example"]
    assert "Sam Sponsor has said they do not support your application" in told.body
    assert told.subject == "Your sponsor has responded to your application ADCS-2026-00001"

    again = client.post(_endorse(token), {"supports": "yes"})
    assert "You have already responded" in again.content.decode()
    assert "You have already responded" in client.get(_endorse(token)).content.decode()
    endorsement.refresh_from_db()
    assert endorsement.status == EndorsementStatus.DECLINED
    assert len(mailoutbox) == 2


def test_expired_link(client, requested, application):
    endorsement, token = requested
    Endorsement.objects.filter(pk=endorsement.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    for response in (
        client.get(_endorse(token)),
        client.post(_endorse(token), {"supports": "yes"}),
    ):
        page = response.content.decode()
        assert "This link has expired" in page
        assert "Ask Amara Okafor to send you a new link" in page
    assert Endorsement.objects.get().responded_at is None


def test_unknown_link_is_404(client, requested):
    assert client.get(_endorse("not-a-real-token")).status_code == 404
    assert client.post(_endorse("not-a-real-token"), {"supports": "yes"}).status_code == 404


def test_resend_makes_a_new_link_and_the_old_one_stops(
    applicant_client, client, requested, mailoutbox
):
    endorsement, old = requested
    response = applicant_client.post(_url(endorsement.application), {"action": "resend"})
    assert response.url == _url(endorsement.application)
    new = _token(mailoutbox[-1])
    assert new != old
    assert mailoutbox[-1].to == ["sam@council.example"]
    client.logout()
    assert client.get(_endorse(old)).status_code == 404
    assert "Do you support this application?" in client.get(_endorse(new)).content.decode()


def test_change_sponsor(applicant_client, requested, mailoutbox):
    endorsement, old = requested
    page = applicant_client.get(_url(endorsement.application) + "?change=1").content.decode()
    assert 'value="Sam Sponsor"' in page
    applicant_client.post(
        _url(endorsement.application),
        {
            "sponsor_name": "Pat Director",
            "sponsor_email": "pat@council.example",
            "sponsor_role": "line_manager",
            "action": "send",
        },
    )
    endorsement.refresh_from_db()
    assert (endorsement.sponsor_name, endorsement.sponsor_email, endorsement.sponsor_role) == (
        "Pat Director",
        "pat@council.example",
        "line_manager",
    )
    assert mailoutbox[-1].to == ["pat@council.example"]
    assert Endorsement.objects.filter(token_hash=hash_token(old)).count() == 0


def test_sponsor_cannot_be_changed_after_answering(applicant_client, application, mailoutbox):
    EndorsementFactory(
        application=application,
        status=EndorsementStatus.DECLINED,
        requested_at=timezone.now(),
        responded_at=timezone.now(),
    )
    applicant_client.post(
        _url(application),
        {
            "sponsor_name": "Pat",
            "sponsor_email": "pat@council.example",
            "sponsor_role": "dcs",
            "action": "send",
        },
    )
    assert Endorsement.objects.get().sponsor_name == "Sam Sponsor"
    assert mailoutbox == []
    page = applicant_client.get(_url(application)).content.decode()
    assert "Talk to the programme team" in page


def test_task_list_shows_the_status(applicant_client, requested, application):
    page = applicant_client.get(
        reverse("recruitment:task_list", kwargs={"reference": application.reference})
    ).content.decode()
    assert "Waiting for Sam Sponsor to respond" in page
    Endorsement.objects.update(expires_at=timezone.now())
    page = applicant_client.get(
        reverse("recruitment:task_list", kwargs={"reference": application.reference})
    ).content.decode()
    assert "The link expired: send it again" in page


# Reminders --------------------------------------------------------------------------------


def _request_at(application, when):
    token_hash = hash_token(f"token-{application.pk}")
    return EndorsementFactory(
        application=application,
        status=EndorsementStatus.REQUESTED,
        token_hash=token_hash,
        requested_at=when,
        expires_at=when + datetime.timedelta(days=14),
    )


def test_reminders_after_3_and_7_days_at_most_two(application, mailoutbox):
    start = timezone.now() - datetime.timedelta(days=1)
    application.intake.closes_at = start + datetime.timedelta(days=30)
    application.intake.save()
    endorsement = _request_at(application, start)

    def run(days, hours=0):
        return endorsements.send_due_reminders(
            now=start + datetime.timedelta(days=days, hours=hours)
        )

    assert run(2, 23) == 0
    assert run(3) == 1
    assert run(3, 1) == 0  # the first reminder is sent once
    assert run(6, 23) == 0
    assert run(7) == 1
    assert run(12) == 0  # never a third
    endorsement.refresh_from_db()
    assert endorsement.reminders_sent == 2
    assert endorsement.last_reminded_at == start + SECOND_REMINDER_AFTER
    assert [m.subject.startswith("Reminder:") for m in mailoutbox] == [True, True]
    assert [m.to for m in mailoutbox] == [[endorsement.sponsor_email]] * 2
    # The reminder's link works: it is the current token.
    assert endorsement.token_hash == hash_token(_token(mailoutbox[-1]))


def test_no_reminder_once_answered_expired_or_submitted(application, other_applicant, mailoutbox):
    from tests.factories import ApplicationFactory

    now = timezone.now()
    answered = _request_at(application, now - datetime.timedelta(days=4))
    Endorsement.objects.filter(pk=answered.pk).update(
        status=EndorsementStatus.ENDORSED, responded_at=now
    )
    expired = _request_at(
        ApplicationFactory(intake=application.intake), now - datetime.timedelta(days=4)
    )
    Endorsement.objects.filter(pk=expired.pk).update(expires_at=now)
    submitted = _request_at(
        ApplicationFactory(intake=application.intake, status="submitted"),
        now - datetime.timedelta(days=4),
    )
    assert endorsements.send_due_reminders(now=now) == 0
    assert mailoutbox == []
    assert {e.reminders_sent for e in Endorsement.objects.all()} == {0}
    assert submitted.pk


def test_command_and_task_send_due_reminders(application, mailoutbox, capsys):
    _request_at(application, timezone.now() - datetime.timedelta(days=3, minutes=1))
    call_command("send_endorsement_reminders")
    assert capsys.readouterr().out.strip() == "Sent 1 endorsement reminder"
    assert len(mailoutbox) == 1
    result = send_endorsement_reminders.enqueue()
    assert result.return_value == 0
    Endorsement.objects.update(requested_at=timezone.now() - datetime.timedelta(days=8))
    assert send_endorsement_reminders.enqueue().return_value == 1
    assert Endorsement.objects.get().reminders_sent == 2


def test_command_help_states_the_rule():
    from upon.recruitment.management.commands.send_endorsement_reminders import Command

    assert "3 days after the request" in Command.help
    assert "7 days after it, never more than two" in Command.help


@pytest.mark.parametrize(
    "own_address",
    ["amara+sponsor@council.example", "AMARA@council.example", "amara+x@Council.Example"],
)
def test_an_applicant_cannot_name_themselves_as_sponsor_with_a_tag(
    applicant_client, application, mailoutbox, own_address
):
    response = applicant_client.post(
        _url(application),
        {
            "sponsor_name": "Me",
            "sponsor_email": own_address,
            "sponsor_role": "dcs",
            "action": "send",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "sponsor_email": ["Your sponsor must be someone other than you"]
    }
    assert mailoutbox == []
    assert not Endorsement.objects.filter(application=application).exists()
