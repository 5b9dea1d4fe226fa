"""The small rules behind the team's pages, without the database."""

from upon.recruitment.team_queries import region_label, status_tag_class


def test_labels():
    assert region_label("E12000007") == "London"
    assert region_label("") == ""
    assert status_tag_class("accepted") == "govuk-tag--green"
    assert status_tag_class("unknown") == "govuk-tag--grey"
