"""The moderation panel over more than one page: where the cut line falls, and saying which
applications a page shows."""

import numpy as np
import pytest
from django.urls import reverse

from tests.factories import SubmittedApplicationFactory
from tests.selection.factories import (
    ReviewAssignmentFactory,
    ReviewerFactory,
    SelectionSettingsFactory,
    submitted_review,
)
from upon.selection import moderation

CUT_ROW = "Cut line: the applications above this line would be offered the"


def test_the_cut_line_falls_after_the_last_shown_application_within_the_places():
    assert moderation.cut_after(np.arange(10), places=3) == 2
    # Filtered: positions 1 and 4 and 7 are shown, ranks 2, 5 and 8.
    assert moderation.cut_after(np.array([1, 4, 7]), places=3) == 0
    assert moderation.cut_after(np.array([1, 4, 7]), places=5) == 1


def test_no_cut_line_inside_a_list_wholly_above_or_below_it():
    assert moderation.cut_after(np.arange(10), places=10) is None
    assert moderation.cut_after(np.arange(10), places=12) is None
    assert moderation.cut_after(np.array([4, 7]), places=3) is None
    assert moderation.cut_after(np.array([], dtype=np.int64), places=3) is None


@pytest.fixture
def ranked(intake):
    """27 applications with equal scores: ranked in the order they were made (ties by id)."""
    reviewer = ReviewerFactory(intake=intake)
    applications = [SubmittedApplicationFactory(intake=intake) for _ in range(27)]
    for application in applications:
        submitted_review(
            ReviewAssignmentFactory(reviewer=reviewer, application=application), [3] * 7
        )
    return applications


def _panel(client, intake, **query):
    response = client.get(reverse("selection:moderation", args=[intake.pk]), query)
    return " ".join(response.content.decode().split())


def _rows(content):
    """References in the ranking, with the cut line where it is drawn."""
    body = content.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
    rows = []
    for row in body.split("<tr ")[1:]:
        if CUT_ROW in row:
            rows.append("cut")
        else:
            rows.append(row.split('class="govuk-link"')[1].split(">")[1].split("<")[0])
    return rows


def test_the_cut_line_shows_on_the_second_page_where_it_falls(client, team, intake, ranked):
    SelectionSettingsFactory(intake=intake, places=26)
    client.force_login(team)
    first = _panel(client, intake)
    second = _panel(client, intake, page=2)
    assert "cut" not in _rows(first)
    assert (
        'The cut line, after the last of the 26 places, is on <a class="govuk-link" '
        'href="?page=2">page 2</a>.' in first
    )
    assert _rows(second) == [ranked[25].reference, "cut", ranked[26].reference]
    assert "The cut line, after the last of the 26 places, is on this page." in second
    assert f"{CUT_ROW} 26 places." in second


def test_a_cut_line_at_the_foot_of_a_page_shows_there(client, team, intake, ranked):
    SelectionSettingsFactory(intake=intake, places=25)
    client.force_login(team)
    first = _rows(_panel(client, intake))
    assert first == [a.reference for a in ranked[:25]] + ["cut"]
    assert "cut" not in _rows(_panel(client, intake, page=2))


def test_each_page_says_which_applications_it_shows(client, team, intake, ranked):
    SelectionSettingsFactory(intake=intake, places=2)
    client.force_login(team)
    assert "Showing 1 to 25 of 27 applications" in _panel(client, intake)
    assert "Showing 26 to 27 of 27 applications" in _panel(client, intake, page=2)


def test_the_cut_line_keeps_the_filter_in_its_link(client, team, intake, ranked):
    SelectionSettingsFactory(intake=intake, places=26)
    client.force_login(team)
    content = _panel(client, intake, show="undecided")
    assert 'href="?show=undecided&amp;page=2">page 2</a>' in content


def test_no_cut_line_when_every_application_would_be_offered_a_place(client, team, intake, ranked):
    SelectionSettingsFactory(intake=intake, places=30)
    client.force_login(team)
    content = _panel(client, intake, page=2)
    assert "cut" not in _rows(content)
    assert "Every application shown is within the 30 places." in content
