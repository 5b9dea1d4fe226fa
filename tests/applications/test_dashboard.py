import pytest
from django.urls import reverse

from tests.factories import (
    ApplicationFactory,
    EndorsementFactory,
    IntakeFactory,
    SubmittedApplicationFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("recruitment:applications")


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(URL).url == f"{reverse('accounts:sign_in')}?next={URL}"


def test_lists_only_my_applications_and_open_intakes_i_have_not_applied_to(
    applicant_client, application, other_applicant, intake
):
    theirs = ApplicationFactory(applicant=other_applicant, intake=intake, reference="ADCS-X-9")
    another_open = IntakeFactory(name="Intake Spring")
    page = applicant_client.get(URL)
    assert [a for a, _ in page.context["rows"]] == [application]
    assert page.context["open_intakes"] == [another_open]
    html = page.content.decode()
    assert theirs.reference not in html
    assert "Complete and submit it by" in html
    assert "You have marked 0 of 11 sections as complete." in html


def test_next_step_for_a_submitted_application(applicant_client, applicant, authorities):
    submitted = SubmittedApplicationFactory(applicant=applicant)
    page = applicant_client.get(URL).content.decode()
    assert submitted.reference in page
    assert (
        "Nothing to do. We will tell you the outcome after selection, which ends on "
        f"{submitted.intake.selection_ends:%-d %B %Y}." in page
    )


@pytest.mark.parametrize("count", [1, 3])
def test_query_count_does_not_grow(applicant_client, applicant, django_assert_num_queries, count):
    for _ in range(count):
        application = ApplicationFactory(applicant=applicant, completed_sections=["about_you"])
        EndorsementFactory(application=application, status="endorsed")
        IntakeFactory()  # an open intake not applied to
    applicant_client.get(URL)  # warm the session
    # session, user, roles, count, page of applications, open intakes
    with django_assert_num_queries(6):
        response = applicant_client.get(URL)
    assert len(response.context["rows"]) == count
    assert len(response.context["open_intakes"]) == count
    assert "You have marked 2 of 11 sections as complete." in response.content.decode()


def test_paginated_at_25(applicant_client, applicant):
    for _ in range(26):
        ApplicationFactory(applicant=applicant)
    first = applicant_client.get(URL)
    assert len(first.context["rows"]) == 25
    second = applicant_client.get(URL + "?page=2")
    assert len(second.context["rows"]) == 1
    assert 'aria-label="Page 2"' in first.content.decode()
