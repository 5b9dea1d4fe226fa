"""A career history entry, sent ten times with one token, is added once."""

from tests.applications.test_sections import _entry, _url
from tests.helpers import assert_saved_once
from upon.recruitment.models import CareerEntry


def test_a_career_entry(applicant_client, application):
    answers = assert_saved_once(
        applicant_client, _url("career", application), _entry(), CareerEntry.objects
    )
    assert answers[0].url == _url("career", application)
