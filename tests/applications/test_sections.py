"""Each section: validation messages, typed input kept, saving for later, completion."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory
from upon.organisations.models import Organisation, OrganisationKind, Region
from upon.recruitment.models import Application, CapabilityStatement, CareerEntry

pytestmark = pytest.mark.django_db


def _url(name, application, **kwargs):
    return reverse(f"recruitment:{name}", kwargs={"reference": application.reference, **kwargs})


def _fresh(application):
    return Application.objects.get(pk=application.pk)


# About you --------------------------------------------------------------------------------


def test_about_you_errors_keep_what_was_typed(applicant_client, application):
    response = applicant_client.post(
        _url("about_you", application),
        {"full_name": "", "phone": "call me maybe", "action": "continue"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: About you" in page
    assert "Enter your full name" in page
    assert "Enter a phone number, like 01632 960 001" in page
    assert 'value="call me maybe"' in page
    assert _fresh(application).phone == ""
    assert _fresh(application).completed_sections == []


def test_about_you_save_for_later_keeps_what_is_valid(applicant_client, application):
    response = applicant_client.post(
        _url("about_you", application),
        {"full_name": "Amara Okafor", "phone": "", "action": "later"},
    )
    assert response.url == _url("task_list", application)
    fresh = _fresh(application)
    assert (fresh.full_name, fresh.phone, fresh.completed_sections) == ("Amara Okafor", "", [])


def test_about_you_save_for_later_with_a_bad_phone_saves_the_name(applicant_client, application):
    response = applicant_client.post(
        _url("about_you", application),
        {"full_name": "Amara O", "phone": "12", "action": "later"},
    )
    assert response.status_code == 200
    assert 'value="12"' in response.content.decode()
    assert (_fresh(application).full_name, _fresh(application).phone) == ("Amara O", "")


def test_about_you_complete(applicant_client, application):
    applicant_client.post(
        _url("about_you", application),
        {"full_name": " Amara Okafor ", "phone": "+44 808 157 0192", "action": "continue"},
    )
    fresh = _fresh(application)
    assert (fresh.full_name, fresh.phone, fresh.completed_sections) == (
        "Amara Okafor",
        "+44 808 157 0192",
        ["about_you"],
    )


# Current role -----------------------------------------------------------------------------

ROLE = {
    "job_title": "Head of Service",
    "role_level": "assistant_director",
    "sector": "voluntary",
    "employer_kind": OrganisationKind.VOLUNTARY,
    "local_authority": "",
    "employer_name": "Children First  Trust",
    "region": Region.NORTH_WEST,
    "role_started_0": "3",
    "role_started_1": "2",
    "role_started_2": "2022",
    "action": "continue",
}


def test_current_role_required_messages(applicant_client, application, authorities):
    response = applicant_client.post(
        _url("current_role", application),
        {"employer_kind": "nhs_trust", "action": "continue", "job_title": "Head of Care"},
    )
    page = response.content.decode()
    for message in (
        "Select the level of your current role",
        "Select the sector you work in",
        "Enter the name of your employer",
        "Select the region you mainly work in",
        "Enter the date you started your current role",
    ):
        assert message in page
    assert 'value="Head of Care"' in page
    assert 'value="nhs_trust" checked' in page
    assert _fresh(application).job_title == ""


def test_current_role_local_authority_needs_one_chosen(applicant_client, application, authorities):
    response = applicant_client.post(
        _url("current_role", application),
        {**ROLE, "employer_kind": "local_authority", "employer_name": "", "region": ""},
    )
    assert "Select your local authority" in response.content.decode()


def test_current_role_bad_date_keeps_the_parts(applicant_client, application, authorities):
    response = applicant_client.post(
        _url("current_role", application),
        {**ROLE, "role_started_0": "31", "role_started_1": "2", "role_started_2": "2022"},
    )
    page = response.content.decode()
    assert "The date you started your current role must be a real date" in page
    assert 'value="31"' in page


def test_current_role_future_date_refused(applicant_client, application, authorities):
    future = timezone.localdate() + datetime.timedelta(days=40)
    response = applicant_client.post(
        _url("current_role", application),
        {
            **ROLE,
            "role_started_0": str(future.day),
            "role_started_1": str(future.month),
            "role_started_2": str(future.year),
        },
    )
    assert "must be today or in the past" in response.content.decode()


def test_current_role_other_employer_found_or_created_once(
    applicant_client, application, authorities
):
    existing = OrganisationFactory(name="Children First Trust", kind=OrganisationKind.VOLUNTARY)
    before = Organisation.objects.count()
    applicant_client.post(_url("current_role", application), ROLE)
    fresh = _fresh(application)
    assert fresh.employer == existing
    assert Organisation.objects.count() == before
    assert (fresh.region, fresh.sector, fresh.role_started) == (
        Region.NORTH_WEST,
        "voluntary",
        datetime.date(2022, 2, 3),
    )
    assert fresh.completed_sections == ["current_role"]


def test_current_role_new_employer_created(applicant_client, application, authorities):
    applicant_client.post(
        _url("current_role", application), {**ROLE, "employer_name": "Brand New CIC"}
    )
    employer = _fresh(application).employer
    assert (employer.name, employer.kind) == ("Brand New CIC", OrganisationKind.VOLUNTARY)


def test_current_role_local_authority_brings_its_region(applicant_client, application, authorities):
    leeds = Organisation.objects.get(name="Leeds")
    applicant_client.post(
        _url("current_role", application),
        {
            **ROLE,
            "employer_kind": "local_authority",
            "local_authority": leeds.pk,
            "region": Region.LONDON,  # ignored: the authority's region wins
        },
    )
    fresh = _fresh(application)
    assert (fresh.employer, fresh.region) == (leeds, Region.YORKSHIRE)
    page = applicant_client.get(_url("current_role", application)).content.decode()
    assert f'<option value="{leeds.pk}" selected>Leeds</option>' in page


def test_current_role_save_for_later(applicant_client, application, authorities):
    response = applicant_client.post(
        _url("current_role", application),
        {"job_title": "Head of Service", "action": "later"},
    )
    assert response.url == _url("task_list", application)
    fresh = _fresh(application)
    assert (fresh.job_title, fresh.employer, fresh.completed_sections) == (
        "Head of Service",
        None,
        [],
    )


# Career history ---------------------------------------------------------------------------


def _entry(**overrides):
    data = {
        "form": "entry",
        "employer_name": "Northtown Council",
        "job_title": "Head of Early Help",
        "started_0": "1",
        "started_1": "1",
        "started_2": "2019",
        "ended_0": "",
        "ended_1": "",
        "ended_2": "",
        "senior_leadership": "on",
        "summary": "",
    }
    return {**data, **overrides}


def test_career_entry_errors_keep_what_was_typed(applicant_client, application):
    response = applicant_client.post(
        _url("career", application),
        _entry(
            employer_name="",
            job_title="",
            started_0="",
            started_1="",
            started_2="",
            ended_2="2018",
            summary="word " * 101,
        ),
    )
    page = response.content.decode()
    for message in (
        "Enter the employer",
        "Enter the job title",
        "Enter the start date",
        "The end date must include a day and month",
        "Main responsibilities must be 100 words or fewer",
    ):
        assert message in page
    assert 'value="2018"' in page
    assert CareerEntry.objects.count() == 0


def test_career_end_before_start_refused(applicant_client, application):
    response = applicant_client.post(
        _url("career", application), _entry(ended_0="1", ended_1="1", ended_2="2018")
    )
    assert "The end date must be the same as or after the start date" in (response.content.decode())


def test_career_add_edit_remove(applicant_client, application):
    applicant_client.post(_url("career", application), _entry())
    entry = CareerEntry.objects.get(application=application)
    assert (entry.employer_name, entry.started, entry.ended, entry.senior_leadership) == (
        "Northtown Council",
        datetime.date(2019, 1, 1),
        None,
        True,
    )
    response = applicant_client.post(
        _url("career_entry", application, pk=entry.pk),
        _entry(job_title="Director", ended_0="31", ended_1="12", ended_2="2020"),
    )
    assert response.url == _url("career", application)
    entry.refresh_from_db()
    assert (entry.job_title, entry.ended) == ("Director", datetime.date(2020, 12, 31))
    page = applicant_client.get(_url("career", application)).content.decode()
    assert "<strong>2 years</strong>" in page

    applicant_client.post(_url("career", application), {"action": "continue"})
    assert _fresh(application).completed_sections == ["career"]
    applicant_client.post(_url("career_entry_delete", application, pk=entry.pk))
    assert CareerEntry.objects.count() == 0
    assert _fresh(application).completed_sections == []


def test_career_needs_one_entry_to_complete(applicant_client, application):
    response = applicant_client.post(_url("career", application), {"action": "continue"})
    assert "Add at least one role to your career history" in response.content.decode()
    assert _fresh(application).completed_sections == []


# Statements -------------------------------------------------------------------------------


def test_statement_over_the_limit_is_kept_with_an_error(applicant_client, application):
    text = "word " * 301
    for action in ("continue", "later"):
        response = applicant_client.post(
            _url("statement", application, position=1), {"text": text, "action": action}
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "Personal leadership qualities and resilience must be 300 words or fewer" in page
        assert text.strip() in page
        saved = CapabilityStatement.objects.get(application=application)
        assert saved.text == text
    assert _fresh(application).completed_sections == []
    task_list = applicant_client.get(_url("task_list", application)).content.decode()
    assert "In progress" in task_list


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "word " * 601,
            "Personal leadership qualities and resilience must be 300 words or fewer. It has "
            "601 words, too many to save: shorten it to 600 or fewer to save a draft",
        ),
        (
            "x" * 10_001,
            "Personal leadership qualities and resilience must be 10,000 characters or fewer",
        ),
    ],
    ids=["twice-the-words", "a-megabyte-pasted"],
)
def test_a_statement_far_over_the_limit_is_refused_and_the_saved_draft_kept(
    applicant_client, application, text, error
):
    url = _url("statement", application, position=1)
    applicant_client.post(url, {"text": "My saved draft.", "action": "later"})
    for action in ("continue", "later"):
        response = applicant_client.post(url, {"text": text, "action": action})
        assert response.status_code == 200
        assert response.context["form"].errors == {"text": [error]}
        assert text.strip() in response.content.decode()  # what was typed is on the page
    assert CapabilityStatement.objects.get(application=application).text == "My saved draft."


def test_a_statement_up_to_twice_the_limit_is_kept_as_a_draft(applicant_client, application):
    text = "word " * 600
    applicant_client.post(
        _url("statement", application, position=1), {"text": text, "action": "later"}
    )
    assert CapabilityStatement.objects.get(application=application).text == text


def test_statement_empty_refused(applicant_client, application):
    response = applicant_client.post(
        _url("statement", application, position=2), {"text": "  ", "action": "continue"}
    )
    assert "Enter your statement for Systems leadership, building alliances and partnerships" in (
        response.content.decode()
    )


def test_statement_character_count_in_words(applicant_client, application):
    page = applicant_client.get(_url("statement", application, position=1)).content.decode()
    assert 'data-maxwords="300"' in page
    assert "govuk-character-count" in page


def test_statement_exactly_at_the_limit_completes(applicant_client, application):
    applicant_client.post(
        _url("statement", application, position=1),
        {"text": "word " * 300, "action": "continue"},
    )
    assert _fresh(application).completed_sections == ["statement_1"]


def test_statement_save_for_later(applicant_client, application):
    response = applicant_client.post(
        _url("statement", application, position=3), {"text": "A start.", "action": "later"}
    )
    assert response.url == _url("task_list", application)
    assert CapabilityStatement.objects.get(application=application).text == "A start."
    assert _fresh(application).completed_sections == []


# Locked once submitted --------------------------------------------------------------------


def test_sections_are_read_only_after_submission(applicant_client, application):
    application.status = "submitted"
    application.save()
    for name, kwargs in [
        ("about_you", {}),
        ("current_role", {}),
        ("career", {}),
        ("statement", {"position": 1}),
        ("check_answers", {}),
    ]:
        response = applicant_client.post(
            _url(name, application, **kwargs),
            {"full_name": "Changed", "phone": "07700 900982", "action": "continue"},
        )
        assert response.url == _url("task_list", application)
    assert _fresh(application).full_name == application.full_name
    page = applicant_client.get(_url("task_list", application)).content.decode()
    assert "You cannot change this application" in page
    assert "govuk-task-list" not in page
