from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.factories import IntakeFactory
from upon.recruitment.eligibility import eligibility_answers

pytestmark = pytest.mark.django_db

ELIGIBLE_ANSWERS = [
    ("leadership-years", {"leadership_years": "5"}),
    ("sector", {"sector": "health"}),
    ("role-level", {"role_level": "service_manager"}),
    ("director-potential", {"director_potential": "yes"}),
    ("employer-support", {"employer_support": "not_asked"}),
]


def question_url(intake, question: str) -> str:
    return reverse(
        "recruitment:eligibility_question", kwargs={"slug": intake.slug, "question": question}
    )


def result_url(intake) -> str:
    return reverse("recruitment:eligibility_result", kwargs={"slug": intake.slug})


def answers_in_session(client, intake):
    return eligibility_answers(SimpleNamespace(session=client.session), intake)


def answer_all(client, intake, answers=ELIGIBLE_ANSWERS):
    for question, data in answers:
        response = client.post(question_url(intake, question), data)
        assert response.status_code == 302, response.content.decode()


def test_start_goes_to_the_first_question(client, open_intake):
    response = client.get(f"/intakes/{open_intake.slug}/eligibility/")
    assert response.url == question_url(open_intake, "leadership-years")


def test_the_whole_journey_leads_to_you_can_apply(client, open_intake):
    expected_next = [question_url(open_intake, q) for q, _ in ELIGIBLE_ANSWERS[1:]]
    expected_next.append(result_url(open_intake))
    for (question, data), next_url in zip(ELIGIBLE_ANSWERS, expected_next, strict=True):
        response = client.post(question_url(open_intake, question), data)
        assert response.url == next_url

    assert answers_in_session(client, open_intake) == {
        "leadership_years": 5,
        "sector": "health",
        "role_level": "service_manager",
        "director_potential": True,
        "employer_support": "not_asked",
    }
    page = client.get(result_url(open_intake)).content.decode()
    assert '<h1 class="govuk-heading-l">You can apply</h1>' in page
    assert (
        f'href="{reverse("recruitment:start_application", kwargs={"slug": open_intake.slug})}"'
        in page
    )
    assert "Talk to your line manager or director before you apply." in page
    assert '<dd class="govuk-summary-list__value">Service manager</dd>' in page
    assert '<dd class="govuk-summary-list__value">I have not asked yet</dd>' in page


def test_not_eligible_result_says_exactly_why_and_offers_no_way_to_apply(client, open_intake):
    answer_all(
        client,
        open_intake,
        [
            ("leadership-years", {"leadership_years": "2"}),
            ("sector", {"sector": "local_government"}),
            ("role-level", {"role_level": "team_manager"}),
            ("director-potential", {"director_potential": "yes"}),
            ("employer-support", {"employer_support": "no"}),
        ],
    )
    page = client.get(result_url(open_intake)).content.decode()
    assert '<h1 class="govuk-heading-l">You cannot apply to this intake</h1>' in page
    assert (
        escape(
            "You need at least 3 years of senior leadership experience. You told us 2. You could "
            "apply to a future intake, or ask the programme team about other leadership programmes."
        )
        in page
    )
    assert "You told us your role is at team manager level or below." in page
    assert "You told us your employer does not support it." in page
    assert reverse("recruitment:start_application", kwargs={"slug": open_intake.slug}) not in page


def test_a_blank_answer_shows_the_error_summary_and_inline_error(client, open_intake):
    response = client.post(question_url(open_intake, "leadership-years"), {"leadership_years": ""})
    page = response.content.decode()
    assert response.status_code == 200
    message = "Enter the number of years of senior leadership and management experience you have"
    assert f'<a href="#id_leadership_years">{message}</a>' in page
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}' in page
    assert "<title>Error: " in page
    assert answers_in_session(client, open_intake) is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("two", "Years must be a whole number"),
        ("2.5", "Years must be a whole number"),
        ("61", "Years must be 60 or fewer"),
        ("-1", "Years must be 0 or more"),
    ],
)
def test_bad_years_are_kept_with_the_error(client, open_intake, typed, message):
    response = client.post(
        question_url(open_intake, "leadership-years"), {"leadership_years": typed}
    )
    page = response.content.decode()
    assert f'<a href="#id_leadership_years">{message}</a>' in page
    assert f'value="{typed}"' in page
    assert client.session.get("eligibility") is None


def test_radio_question_without_an_answer_links_the_error_to_the_first_option(client, open_intake):
    client.post(question_url(open_intake, "leadership-years"), {"leadership_years": "3"})
    page = client.post(question_url(open_intake, "sector"), {}).content.decode()
    assert '<a href="#id_sector_0">Select the sector you work in</a>' in page


def test_a_choice_that_is_not_offered_is_refused(client, open_intake):
    answer_all(client, open_intake, ELIGIBLE_ANSWERS[:3])
    page = client.post(
        question_url(open_intake, "director-potential"), {"director_potential": "maybe"}
    ).content.decode()
    assert "Select a valid choice." in page
    assert "director_potential" not in client.session["eligibility"][str(open_intake.pk)]


def test_answering_out_of_order_goes_to_the_first_unanswered_question(client, open_intake):
    response = client.get(question_url(open_intake, "role-level"))
    assert response.url == question_url(open_intake, "leadership-years")
    answer_all(client, open_intake, ELIGIBLE_ANSWERS[:1])
    response = client.post(
        question_url(open_intake, "employer-support"), {"employer_support": "yes"}
    )
    assert response.url == question_url(open_intake, "sector")
    assert answers_in_session(client, open_intake) is None
    assert client.get(result_url(open_intake)).url == question_url(open_intake, "sector")


def test_questions_show_back_links_and_stored_answers(client, open_intake):
    answer_all(client, open_intake, ELIGIBLE_ANSWERS[:2])
    first = client.get(question_url(open_intake, "leadership-years")).content.decode()
    assert f'<a href="/intakes/{open_intake.slug}/" class="govuk-back-link">Back</a>' in first
    assert 'value="5"' in first
    second = client.get(question_url(open_intake, "sector")).content.decode()
    assert (
        f'<a href="{question_url(open_intake, "leadership-years")}" class="govuk-back-link">'
        in second
    )
    assert 'value="health" checked' in second
    assert "question 2 of 5" in second


def test_the_director_question_uses_the_intakes_horizon(client):
    intake = IntakeFactory(director_horizon_years="two to four")
    answer_all(client, intake, ELIGIBLE_ANSWERS[:3])
    page = client.get(question_url(intake, "director-potential")).content.decode()
    assert (
        '<h1 class="govuk-fieldset__heading">Could you become a director of children&#x27;s '
        "services in two to four years?</h1>" in page
    )


def test_changing_an_answer_from_the_result_returns_to_the_result(client, open_intake):
    answer_all(client, open_intake)
    response = client.post(question_url(open_intake, "leadership-years"), {"leadership_years": "1"})
    assert response.url == result_url(open_intake)
    assert answers_in_session(client, open_intake)["leadership_years"] == 1
    page = client.get(result_url(open_intake)).content.decode()
    assert "You told us 1." in page


def test_answers_are_kept_apart_for_each_intake(client, open_intake):
    other = IntakeFactory()
    answer_all(client, open_intake)
    assert answers_in_session(client, other) is None
    response = client.get(f"/intakes/{other.slug}/eligibility/")
    assert response.url == question_url(other, "leadership-years")


def test_an_intake_not_taking_applications_sends_people_to_its_page(
    client, closed_intake, upcoming_intake
):
    for intake in (closed_intake, upcoming_intake):
        intake_url = f"/intakes/{intake.slug}/"
        assert client.get(f"/intakes/{intake.slug}/eligibility/").url == intake_url
        assert client.get(question_url(intake, "sector")).url == intake_url
        assert client.get(result_url(intake)).url == intake_url
        response = client.post(question_url(intake, "leadership-years"), {"leadership_years": "9"})
        assert response.url == intake_url
    assert client.session.get("eligibility") is None


def test_unknown_question_or_intake_is_not_found(client, open_intake):
    assert client.get(question_url(open_intake, "favourite-colour")).status_code == 404
    assert client.get("/intakes/no-such-intake/eligibility/").status_code == 404
