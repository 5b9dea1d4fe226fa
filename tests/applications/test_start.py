import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ApplicationFactory, IntakeFactory, UserFactory
from upon.recruitment import services
from upon.recruitment.eligibility import SESSION_KEY
from upon.recruitment.models import Application

pytestmark = pytest.mark.django_db


def start_url(intake):
    return reverse("recruitment:start_application", kwargs={"slug": intake.slug})


def test_anonymous_is_sent_to_sign_in(client, intake):
    response = client.get(start_url(intake))
    assert response.url == f"{reverse('accounts:sign_in')}?next={start_url(intake)}"
    response = client.post(start_url(intake))
    assert response.url.startswith(reverse("accounts:sign_in"))
    assert Application.objects.count() == 0


def test_before_you_start_page_says_what_you_need(applicant_client, intake):
    page = applicant_client.get(start_url(intake)).content.decode()
    assert "about 2 hours" in page
    assert "7 statements" in page
    assert "email address of your sponsor" in page
    assert Application.objects.count() == 0  # GET never creates


def test_references_are_sequential_within_the_intake(client, intake):
    first, second = UserFactory(), UserFactory()
    other_intake = IntakeFactory(reference_prefix="XYZ")
    ApplicationFactory(intake=other_intake, reference="XYZ-2026-00001")
    for person in (first, second):
        client.force_login(person)
        client.post(start_url(intake))
    year = intake.opens_at.year
    assert list(
        Application.objects.filter(intake=intake)
        .order_by("reference")
        .values_list("applicant", "reference")
    ) == [(first.pk, f"ADCS-{year}-00001"), (second.pk, f"ADCS-{year}-00002")]


def test_a_taken_reference_is_skipped(applicant, intake):
    year = intake.opens_at.year
    # One application, but it holds number 2: the count says 2 is next, which is taken.
    ApplicationFactory(intake=intake, reference=f"ADCS-{year}-00002")
    application = services.start_application(applicant=applicant, intake=intake, now=timezone.now())
    assert application.reference == f"ADCS-{year}-00003"


def test_eligibility_answers_are_copied_in(applicant_client, applicant, intake):
    session = applicant_client.session
    session[SESSION_KEY] = {
        str(intake.pk): {
            "leadership_years": 6,
            "sector": "health",
            "role_level": "assistant_director",
            "director_potential": True,
            "employer_support": "yes",
        }
    }
    session.save()
    applicant_client.post(start_url(intake))
    application = Application.objects.get(applicant=applicant)
    assert (
        application.leadership_years,
        application.sector,
        application.role_level,
        application.director_potential,
    ) == (6, "health", "assistant_director", True)


def test_without_eligibility_answers_nothing_is_copied(applicant_client, applicant, intake):
    applicant_client.post(start_url(intake))
    application = Application.objects.get(applicant=applicant)
    assert (application.leadership_years, application.sector, application.role_level) == (
        None,
        "",
        "",
    )


def test_closed_window_is_refused(applicant_client, db):
    closes = datetime.datetime(2026, 10, 1, 16, 0, tzinfo=datetime.UTC)  # 5pm in London
    intake = IntakeFactory(
        name="Intake 2026",
        opens_at=closes - datetime.timedelta(days=30),
        closes_at=closes,
    )
    page = applicant_client.get(start_url(intake))
    assert "Applications for Intake 2026 closed at 5pm on 1 October 2026." in (
        page.content.decode()
    )
    applicant_client.post(start_url(intake))
    assert Application.objects.count() == 0


def test_not_yet_open_is_refused(applicant_client, db):
    opens = timezone.now() + datetime.timedelta(days=5)
    intake = IntakeFactory(opens_at=opens, closes_at=opens + datetime.timedelta(days=20))
    page = applicant_client.get(start_url(intake)).content.decode()
    assert f"Applications for {intake.name} open at" in page
    applicant_client.post(start_url(intake))
    assert Application.objects.count() == 0


def test_second_application_goes_to_the_first(applicant_client, application, intake):
    for method in (applicant_client.get, applicant_client.post):
        response = method(start_url(intake), follow=True)
        assert response.redirect_chain[-1][0] == reverse(
            "recruitment:task_list", kwargs={"reference": application.reference}
        )
        assert f"You have already started an application to {intake.name}" in (
            response.content.decode()
        )
    assert Application.objects.count() == 1


def test_second_application_refused_by_service(applicant, application, intake):
    with pytest.raises(services.AlreadyApplied) as refused:
        services.start_application(applicant=applicant, intake=intake, now=timezone.now())
    assert refused.value.application == application


def test_unknown_intake_is_404(applicant_client):
    assert applicant_client.get("/intakes/no-such-intake/apply/").status_code == 404
