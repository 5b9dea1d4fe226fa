"""The senior leadership minimum checked against the career history when an application is
submitted: a shortfall needs the applicant's reason, and the team sees both."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from upon.recruitment import services
from upon.recruitment.algorithms.eligibility import years_and_months
from upon.recruitment.models import Application, ApplicationStatus

pytestmark = pytest.mark.django_db

REASON_ERROR = (
    "Enter why your career history shows less senior leadership than the minimum of 3 years"
)


def _url(name, application):
    return reverse(f"recruitment:{name}", kwargs={"reference": application.reference})


@pytest.fixture
def short_history(complete_draft):
    """Two years of senior leadership in the history; the applicant's pre-check said 4."""
    complete_draft.leadership_years = 4
    complete_draft.save()
    today = timezone.localdate()
    start = today.replace(year=today.year - 2)
    complete_draft.career.update(started=start, ended=None)
    return complete_draft


def test_years_and_months():
    assert years_and_months(24) == "2 years 0 months"
    assert years_and_months(13) == "1 year 1 month"
    assert years_and_months(5) == "0 years 5 months"


def test_shortfall_is_the_history_below_the_minimum(short_history, complete_draft):
    shortfall = services.leadership_shortfall(application=short_history, today=timezone.localdate())
    assert shortfall == services.LeadershipShortfall(months=24, stated_years=4, min_years=3)


def test_no_shortfall_with_enough_history(complete_draft):
    assert (
        services.leadership_shortfall(application=complete_draft, today=timezone.localdate())
        is None
    )


def test_check_answers_asks_for_a_reason(applicant_client, short_history):
    page = html.unescape(
        applicant_client.get(_url("check_answers", short_history)).content.decode()
    )
    assert "Your career history shows 2 years 0 months of senior leadership" in page
    assert 'name="leadership_reason"' in page


def test_check_answers_asks_nothing_without_a_shortfall(applicant_client, complete_draft):
    page = applicant_client.get(_url("check_answers", complete_draft)).content.decode()
    assert 'name="leadership_reason"' not in page


def test_cannot_submit_a_shortfall_without_a_reason(applicant_client, short_history, mailoutbox):
    response = applicant_client.post(_url("check_answers", short_history), {"confirmed": "on"})
    page = html.unescape(response.content.decode())
    assert "<title>Error: " in page
    assert f'<a href="#id_leadership_reason">{REASON_ERROR}</a>' in page
    assert Application.objects.get(pk=short_history.pk).status == ApplicationStatus.DRAFT
    assert mailoutbox == []


def test_the_service_refuses_a_shortfall_without_a_reason(applicant, short_history):
    with pytest.raises(services.CannotSubmit):
        services.submit_application(application=short_history, user=applicant, now=timezone.now())
    assert Application.objects.get(pk=short_history.pk).status == ApplicationStatus.DRAFT


def test_submits_a_shortfall_with_its_reason(applicant_client, short_history):
    response = applicant_client.post(
        _url("check_answers", short_history),
        {"confirmed": "on", "leadership_reason": "  I led a service as interim for 2 years.  "},
    )
    assert response.url == _url("submitted", short_history)
    fresh = Application.objects.get(pk=short_history.pk)
    assert fresh.status == ApplicationStatus.SUBMITTED
    assert fresh.leadership_reason == "I led a service as interim for 2 years."


def test_a_reason_without_a_shortfall_is_not_kept(applicant_client, complete_draft):
    applicant_client.post(
        _url("check_answers", complete_draft), {"confirmed": "on", "leadership_reason": "x"}
    )
    assert Application.objects.get(pk=complete_draft.pk).leadership_reason == ""


def test_team_detail_flags_the_shortfall(client, short_history):
    from tests.factories import RoleAssignmentFactory
    from upon.accounts.models import Role

    member = RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, programme=short_history.intake.programme
    ).user
    short_history.status = ApplicationStatus.SUBMITTED
    short_history.submitted_at = timezone.now()
    short_history.leadership_reason = "I led a service as interim for 2 years."
    short_history.save()
    client.force_login(member)
    page = html.unescape(
        client.get(
            reverse("recruitment:application_detail", kwargs={"reference": short_history.reference})
        ).content.decode()
    )
    assert (
        "Career history shows 2 years 0 months of senior leadership; the applicant said 4 years"
        in page
    )
    assert "I led a service as interim for 2 years." in page


def test_team_detail_has_no_flag_without_a_shortfall(client, complete_draft):
    from tests.factories import RoleAssignmentFactory
    from upon.accounts.models import Role

    member = RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, programme=complete_draft.intake.programme
    ).user
    client.force_login(member)
    page = client.get(
        reverse("recruitment:application_detail", kwargs={"reference": complete_draft.reference})
    ).content.decode()
    assert "Career history shows" not in page
