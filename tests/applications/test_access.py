"""Only the applicant reaches their application: everyone else gets 404, anonymous signs in."""

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, CareerEntryFactory, RoleAssignmentFactory
from upon.accounts.models import Role
from upon.recruitment.models import Application

pytestmark = pytest.mark.django_db

NAMES = [
    ("recruitment:task_list", {}),
    ("recruitment:about_you", {}),
    ("recruitment:current_role", {}),
    ("recruitment:career", {}),
    ("recruitment:career_entry", {"pk": None}),
    ("recruitment:career_entry_delete", {"pk": None}),
    ("recruitment:statement", {"position": 1}),
    ("recruitment:endorsement", {}),
    ("recruitment:check_answers", {}),
    ("recruitment:submitted", {}),
    ("recruitment:withdraw", {}),
    ("reporting:monitoring_form", {}),
]


@pytest.fixture
def urls(application):
    entry = CareerEntryFactory(application=application)
    result = []
    for name, kwargs in NAMES:
        kwargs = {k: (entry.pk if v is None else v) for k, v in kwargs.items()}
        result.append(reverse(name, kwargs={"reference": application.reference, **kwargs}))
    return result


def _unchanged(application):
    fresh = Application.objects.get(pk=application.pk)
    return (fresh.status, fresh.full_name, fresh.phone, fresh.completed_sections) == (
        application.status,
        application.full_name,
        application.phone,
        application.completed_sections,
    )


def test_another_applicant_gets_404_everywhere(client, urls, application, other_applicant):
    ApplicationFactory(applicant=other_applicant, intake=application.intake)
    client.force_login(other_applicant)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "continue", "reason": "x"}).status_code == 404, url
    assert _unchanged(application)
    assert application.career.count() == 1


def test_team_member_of_the_programme_gets_404(client, urls, application):
    team = RoleAssignmentFactory(
        role=Role.PROGRAMME_LEAD, programme=application.intake.programme
    ).user
    client.force_login(team)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "continue"}).status_code == 404, url
    assert _unchanged(application)


def test_anonymous_is_sent_to_sign_in(client, urls, application):
    sign_in = reverse("accounts:sign_in")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == f"{sign_in}?next={url}", url
        assert client.post(url, {"action": "continue"}).url.startswith(sign_in), url
    assert _unchanged(application)


def test_owner_reaches_every_page(applicant_client, urls):
    statuses = {url: applicant_client.get(url).status_code for url in urls}
    submitted_url = urls[9]
    # The confirmation page of a draft sends the applicant back to the task list.
    assert statuses.pop(submitted_url) == 302
    assert set(statuses.values()) == {200}


def test_another_applicants_career_entry_is_404(applicant_client, application, other_applicant):
    theirs = CareerEntryFactory(
        application=ApplicationFactory(applicant=other_applicant, intake=application.intake)
    )
    for name in ("recruitment:career_entry", "recruitment:career_entry_delete"):
        url = reverse(name, kwargs={"reference": application.reference, "pk": theirs.pk})
        assert applicant_client.get(url).status_code == 404
        assert applicant_client.post(url).status_code == 404
    assert theirs.__class__.objects.filter(pk=theirs.pk).exists()


def test_unknown_statement_position_is_404(applicant_client, application):
    url = reverse(
        "recruitment:statement", kwargs={"reference": application.reference, "position": 8}
    )
    assert applicant_client.get(url).status_code == 404
