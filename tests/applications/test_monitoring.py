"""Equality monitoring: optional, stored only in MonitoringResponse, never shown back."""

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory
from upon.recruitment.models import Application
from upon.reporting.models import QUESTIONS, MonitoringResponse

pytestmark = pytest.mark.django_db

ANSWERS = {
    "ethnicity": "white_gypsy",
    "sex": "female",
    "gender_identity": "prefer_not_to_say",
    "sexual_orientation": "bisexual",
    "disability": "yes_a_little",
    "religion": "sikh",
    "age_band": "45_54",
    "caring": "children",
    "socio_economic": "small_business",
}


def _url(application):
    return reverse("reporting:monitoring_form", kwargs={"reference": application.reference})


def test_every_question_has_prefer_not_to_say_and_explains_who_sees_it(
    applicant_client, application
):
    page = applicant_client.get(_url(application)).content.decode()
    assert page.count('value="prefer_not_to_say"') == len(QUESTIONS)
    assert "Reviewers and the people who select the cohort never see them" in page
    assert "Only the programme lead sees them, and only as anonymous totals" in page


def test_answers_are_saved_only_in_monitoring_response(applicant_client, application):
    before = {
        f.name: getattr(application, f.name)
        for f in Application._meta.concrete_fields
        if f.name not in ("completed_sections", "updated_at")
    }
    response = applicant_client.post(_url(application), ANSWERS)
    assert response.url == reverse(
        "recruitment:task_list", kwargs={"reference": application.reference}
    )
    stored = MonitoringResponse.objects.get(application=application)
    assert {key: getattr(stored, key) for key in QUESTIONS} == ANSWERS
    fresh = Application.objects.get(pk=application.pk)
    assert {
        f.name: getattr(fresh, f.name)
        for f in Application._meta.concrete_fields
        if f.name not in ("completed_sections", "updated_at")
    } == before
    # The application only knows that the applicant chose to answer.
    assert fresh.completed_sections == ["equality"]


def test_answers_never_appear_on_task_list_or_check_answers(applicant_client, application):
    applicant_client.post(_url(application), ANSWERS)
    for name in ("task_list", "check_answers"):
        page = applicant_client.get(
            reverse(f"recruitment:{name}", kwargs={"reference": application.reference})
        ).content.decode()
        for label in ("Gypsy", "Bisexual", "Sikh", "45 to 54", "Small business", "Female"):
            assert label not in page, (name, label)
    check = applicant_client.get(
        reverse("recruitment:check_answers", kwargs={"reference": application.reference})
    ).content.decode()
    assert "Answered" in check


def test_all_optional_and_no_answer_keeps_nothing(applicant_client, application):
    applicant_client.post(_url(application), ANSWERS)
    applicant_client.post(_url(application), {})
    assert not MonitoringResponse.objects.exists()
    assert Application.objects.get(pk=application.pk).completed_sections == []


def test_some_answers_prefilled_when_coming_back(applicant_client, application):
    applicant_client.post(_url(application), {"sex": "male"})
    page = applicant_client.get(_url(application)).content.decode()
    assert 'value="male" checked' in page
    stored = MonitoringResponse.objects.get(application=application)
    assert (stored.sex, stored.ethnicity) == ("male", "")


def test_invalid_choice_is_refused(applicant_client, application):
    response = applicant_client.post(_url(application), {"sex": "unknown"})
    assert "Select one of the options, or leave it" in response.content.decode()
    assert not MonitoringResponse.objects.exists()


def test_draft_only(applicant_client, application):
    application.status = "submitted"
    application.save()
    response = applicant_client.post(_url(application), ANSWERS)
    assert response.url == reverse(
        "recruitment:task_list", kwargs={"reference": application.reference}
    )
    assert not MonitoringResponse.objects.exists()


def test_another_applicants_form_is_404(applicant_client, application, other_applicant):
    theirs = ApplicationFactory(applicant=other_applicant, intake=application.intake)
    assert applicant_client.get(_url(theirs)).status_code == 404
    assert applicant_client.post(_url(theirs), ANSWERS).status_code == 404
    assert not MonitoringResponse.objects.exists()
