"""Check answers and submit: what stops a submission, the declaration, submitting once."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from upon.recruitment import services
from upon.recruitment.models import Application, ApplicationStatus, CapabilityStatement

pytestmark = pytest.mark.django_db


def _url(name, application):
    return reverse(f"recruitment:{name}", kwargs={"reference": application.reference})


def _status(application):
    return Application.objects.get(pk=application.pk).status


def test_check_answers_shows_answers_with_change_links(applicant_client, complete_draft):
    page = html.unescape(
        applicant_client.get(_url("check_answers", complete_draft)).content.decode()
    )
    assert "Check your answers before submitting your application" in page
    assert "govuk-summary-list" in page
    assert f'href="{_url("about_you", complete_draft)}?return=check">Change' in page
    assert "07700 900982" in page
    assert "Leeds" in page
    assert "Equality monitoring</dt>" in page
    assert "Not answered" in page
    assert "You cannot submit your application yet" not in page


def test_change_link_comes_back_to_check_answers(applicant_client, complete_draft):
    response = applicant_client.post(
        _url("about_you", complete_draft) + "?return=check",
        {"full_name": "Amara N Okafor", "phone": "07700 900982", "action": "continue"},
    )
    assert response.url == _url("check_answers", complete_draft)
    assert Application.objects.get(pk=complete_draft.pk).full_name == "Amara N Okafor"


def test_declaration_required(applicant_client, complete_draft, mailoutbox):
    response = applicant_client.post(_url("check_answers", complete_draft), {})
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "Confirm that the information in your application is true and complete" in page
    assert _status(complete_draft) == ApplicationStatus.DRAFT
    assert mailoutbox == []


def test_incomplete_sections_are_named_with_links(applicant_client, application):
    response = applicant_client.post(_url("check_answers", application), {"confirmed": "on"})
    page = html.unescape(response.content.decode())
    assert "You cannot submit your application yet" in page
    assert f'<a href="{_url("about_you", application)}">Complete the section: About you</a>' in (
        page
    )
    assert "Complete the section: Career history" in page
    assert "Complete the section: Leading in complexity" in page
    assert "Ask your sponsor to endorse your application" in page
    assert _status(application) == ApplicationStatus.DRAFT


def test_declined_endorsement_blocks_submission(applicant_client, complete_draft):
    complete_draft.endorsement.status = "declined"
    complete_draft.endorsement.save()
    response = applicant_client.post(_url("check_answers", complete_draft), {"confirmed": "on"})
    assert "Sam Sponsor does not support your application: talk to the programme team" in (
        response.content.decode()
    )
    assert _status(complete_draft) == ApplicationStatus.DRAFT


def test_unconfirmed_email_blocks_submission(applicant_client, applicant, complete_draft):
    applicant.email_confirmed_at = None
    applicant.save()
    response = applicant_client.post(_url("check_answers", complete_draft), {"confirmed": "on"})
    page = response.content.decode()
    assert "Confirm your email address (amara@council.example)" in page
    assert f'<a href="{reverse("accounts:home")}">Confirm your email address' in page
    assert _status(complete_draft) == ApplicationStatus.DRAFT


def test_closed_window_blocks_submission(applicant_client, complete_draft, mailoutbox):
    intake = complete_draft.intake
    intake.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    intake.save()
    response = applicant_client.post(_url("check_answers", complete_draft), {"confirmed": "on"})
    assert f"Applications for {intake.name} closed at" in response.content.decode()
    assert _status(complete_draft) == ApplicationStatus.DRAFT
    assert mailoutbox == []


def test_statement_edited_over_the_limit_after_completion_blocks(applicant_client, complete_draft):
    CapabilityStatement.objects.filter(application=complete_draft, capability__position=4).update(
        text="word " * 301
    )
    response = applicant_client.post(_url("check_answers", complete_draft), {"confirmed": "on"})
    assert "Complete the section: Leading in complexity" in response.content.decode()
    assert _status(complete_draft) == ApplicationStatus.DRAFT


def test_submit_then_submit_again(applicant_client, applicant, complete_draft, mailoutbox):
    response = applicant_client.post(_url("check_answers", complete_draft), {"confirmed": "on"})
    assert response.url == _url("submitted", complete_draft)
    fresh = Application.objects.get(pk=complete_draft.pk)
    assert fresh.status == ApplicationStatus.SUBMITTED
    assert fresh.submitted_at == fresh.declaration_confirmed_at
    # A second click (or a second tab) does not submit or email again.
    again = applicant_client.post(_url("check_answers", complete_draft), {"confirmed": "on"})
    assert again.url == _url("task_list", complete_draft)
    with pytest.raises(services.CannotSubmit):
        services.submit_application(application=fresh, user=applicant, now=timezone.now())
    assert Application.objects.get(pk=complete_draft.pk).submitted_at == fresh.submitted_at
    assert len(mailoutbox) == 1
    assert fresh.history.filter(status=ApplicationStatus.SUBMITTED).count() == 1


def test_task_list_check_answers_cannot_start_until_ready(applicant_client, application):
    page = applicant_client.get(_url("task_list", application)).content.decode()
    assert "govuk-task-list__status--cannot-start-yet" in page
    assert _url("check_answers", application) not in page


def test_task_list_check_answers_linked_when_ready(applicant_client, complete_draft):
    page = applicant_client.get(_url("task_list", complete_draft)).content.decode()
    assert _url("check_answers", complete_draft) in page
    assert "You have completed 11 of 11 sections" in page
