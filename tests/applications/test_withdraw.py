import pytest
from django.urls import reverse

from upon.recruitment.models import Application, ApplicationStatus

pytestmark = pytest.mark.django_db


def _url(application):
    return reverse("recruitment:withdraw", kwargs={"reference": application.reference})


def test_reason_required_and_kept(applicant_client, application, mailoutbox):
    response = applicant_client.post(_url(application), {"reason": "  "})
    assert "Enter why you are withdrawing your application" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFT
    assert mailoutbox == []


@pytest.mark.parametrize("status", [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED])
def test_withdraw(applicant_client, application, mailoutbox, status):
    application.status = status
    application.save()
    response = applicant_client.post(_url(application), {"reason": "A new job came up."})
    assert response.url == reverse("recruitment:applications")
    fresh = Application.objects.get(pk=application.pk)
    assert (fresh.status, fresh.withdrawal_reason) == (
        ApplicationStatus.WITHDRAWN,
        "A new job came up.",
    )
    assert fresh.withdrawn_at is not None
    assert fresh.history.first().status == ApplicationStatus.WITHDRAWN
    assert [m.to for m in mailoutbox] == [["amara@council.example"]]
    assert mailoutbox[0].subject == f"Application withdrawn: {application.reference}"


def test_withdrawn_cannot_change(applicant_client, application, mailoutbox):
    applicant_client.post(_url(application), {"reason": "Changed my mind."})
    again = applicant_client.post(_url(application), {"reason": "Second time."})
    assert again.url == reverse(
        "recruitment:task_list", kwargs={"reference": application.reference}
    )
    about = applicant_client.post(
        reverse("recruitment:about_you", kwargs={"reference": application.reference}),
        {"full_name": "New", "phone": "07700 900982", "action": "continue"},
    )
    assert about.url == again.url
    fresh = Application.objects.get(pk=application.pk)
    assert (fresh.withdrawal_reason, fresh.full_name) == ("Changed my mind.", "Amara Okafor")
    assert len(mailoutbox) == 1
