"""Session feedback: participants answer two questions; the team reads the results."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.charts import chart_ids, drawn_chart
from tests.delivery.factories import ParticipantFactory, SessionFactory
from upon.delivery.models import Attendance, SessionFeedback

CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


def table_rows(content: str, caption: str) -> list[list[str]]:
    """The text of each body cell of the table whose caption starts with `caption`."""
    table = content.split(f'caption--s">{caption}')[1].split("</table>")[0]
    body = table.split("<tbody")[1]
    return [
        [" ".join(re.sub(r"<[^>]+>", "", cell).split()) for cell in CELL.findall(row)]
        for row in body.split("</tr>")[:-1]
    ]


def feedback_url(session):
    return reverse("delivery:session_feedback", args=[session.pk])


def test_a_participant_gives_feedback_and_can_change_it(client, participant, past_day):
    client.force_login(participant.user)
    page = client.get(feedback_url(past_day)).content.decode()
    assert "How would you rate this session?" in page
    response = client.post(feedback_url(past_day), {"rating": "4", "comment": " Useful day. "})
    assert response.url == "/programme/"
    answer = SessionFeedback.objects.get()
    assert (answer.participant, answer.session, answer.rating, answer.comment) == (
        participant,
        past_day,
        4,
        "Useful day.",
    )
    home = client.get("/programme/").content.decode()
    assert "Thank you for your feedback on Leading in complexity." in home
    assert "Given (" in home
    client.post(feedback_url(past_day), {"rating": "5", "comment": ""})
    assert list(SessionFeedback.objects.values_list("rating", "comment")) == [(5, "")]


def test_a_missing_rating_is_explained_and_the_comment_kept(client, participant, past_day):
    client.force_login(participant.user)
    response = client.post(feedback_url(past_day), {"comment": "Too long a lunch"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Feedback on Leading in complexity" in content
    assert 'href="#id_rating_0">Select a rating from 1 to 5</a>' in content
    assert "Too long a lunch</textarea>" in content
    assert not SessionFeedback.objects.exists()


def test_feedback_waits_until_the_session_has_finished(client, cohort, participant):
    starts = timezone.now() - datetime.timedelta(hours=1)
    running = SessionFactory(
        cohort=cohort, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )
    client.force_login(participant.user)
    page = client.get(feedback_url(running)).content.decode()
    assert "You can give feedback once the session has finished." in page
    assert 'name="rating"' not in page
    response = client.post(feedback_url(running), {"rating": "5"})
    assert response.status_code == 400
    assert "<title>Error: " in response.content.decode()
    assert not SessionFeedback.objects.exists()


def test_someone_marked_absent_cannot_give_feedback(client, participant, past_day):
    Attendance.objects.create(session=past_day, participant=participant, status="absent")
    client.force_login(participant.user)
    response = client.post(feedback_url(past_day), {"rating": "1"})
    assert response.status_code == 400
    assert "You can only give feedback on sessions you attended." in response.content.decode()
    assert not SessionFeedback.objects.exists()


def test_another_cohorts_participant_gets_404_and_others_403(
    client, other_cohort, past_day, facilitator, team, outsider
):
    stranger = ParticipantFactory(cohort=other_cohort)
    client.force_login(stranger.user)
    assert client.get(feedback_url(past_day)).status_code == 404
    assert client.post(feedback_url(past_day), {"rating": "3"}).status_code == 404
    for person in (facilitator, team, outsider):
        client.force_login(person)
        assert client.post(feedback_url(past_day), {"rating": "3"}).status_code == 403
    assert not SessionFeedback.objects.exists()


@pytest.fixture
def answered(cohort, past_day, participant, other_participant, facilitator, other_facilitator):
    """Two sessions: Fran's with ratings 4 and 2, Fran and Ola's with a 5."""
    second = SessionFactory(
        cohort=cohort,
        title="Delivering results",
        starts_at=past_day.starts_at - datetime.timedelta(days=14),
        ends_at=past_day.ends_at - datetime.timedelta(days=14),
    )
    second.facilitators.add(facilitator, other_facilitator)
    for person in (participant, other_participant):
        Attendance.objects.create(session=past_day, participant=person, status="present")
    SessionFeedback.objects.create(
        session=past_day, participant=participant, rating=4, comment="Clear and practical"
    )
    SessionFeedback.objects.create(session=past_day, participant=other_participant, rating=2)
    SessionFeedback.objects.create(session=second, participant=participant, rating=5)
    return second


def test_the_team_reads_results_per_session_and_per_facilitator(
    client, team, cohort, past_day, answered
):
    client.force_login(team)
    content = client.get(reverse("delivery:team_feedback", args=[cohort.pk])).content
    content = content.decode()
    assert (
        "3 responses across the cohort's sessions, with a mean rating of 3.7 out of 5." in content
    )
    # Per facilitator: Fran ran both (4, 2, 5); Ola one (5).
    assert table_rows(content, "Ratings by facilitator") == [
        ["Fran Facilitator", "2", "3", "3.7", "0, 1, 0, 1, 1"],
        ["Ola Otherfacilitator", "1", "1", "5.0", "0, 0, 0, 0, 1"],
    ]
    date = timezone.localtime(past_day.starts_at)
    earlier = timezone.localtime(answered.starts_at)
    assert table_rows(content, "Ratings by session") == [
        [
            f"{date.day} {date:%b %Y}",
            "Leading in complexity",
            "Fran Facilitator",
            "2 (100% of 2 attending)",
            "3.0",
            "0, 1, 0, 1, 0",
        ],
        [
            f"{earlier.day} {earlier:%b %Y}",
            "Delivering results",
            "Fran Facilitator, Ola Otherfacilitator",
            "1",
            "5.0",
            "0, 0, 0, 0, 1",
        ],
    ]


def test_the_team_sees_the_ratings_drawn_per_facilitator_and_per_session(
    client, team, cohort, past_day, answered
):
    client.force_login(team)
    content = client.get(reverse("delivery:team_feedback", args=[cohort.pk])).content.decode()
    assert chart_ids(content) == ["facilitator-ratings", "session-ratings"]
    facilitators = drawn_chart(content, "facilitator-ratings")
    assert facilitators.legend == (
        "1: Very poor",
        "2: Poor",
        "3: Adequate",
        "4: Good",
        "5: Excellent",
    )
    # A segment per rating given: Fran's 2, 4 and 5; Ola's 5.
    assert [(row.label, row.bars, row.texts) for row in facilitators.rows] == [
        ("Fran Facilitator", 3, ("1", "1", "1")),
        ("Ola Otherfacilitator", 1, ("1",)),
    ]
    sessions = drawn_chart(content, "session-ratings")
    date = timezone.localtime(past_day.starts_at)
    assert (sessions.rows[0].label, sessions.rows[0].bars) == (
        f"Leading in complexity, {date.day} {date:%b %Y}",
        2,
    )
    assert sessions.summary == (
        "Stacked bar chart: how many responses gave each rating from 1 (very poor) to 5 "
        "(excellent), for each session on this page. The table below gives the same figures."
    )


def test_a_session_without_feedback_has_no_bar_in_the_chart(client, team, cohort, past_day):
    client.force_login(team)
    content = client.get(reverse("delivery:team_feedback", args=[cohort.pk])).content.decode()
    assert chart_ids(content) == ["session-ratings"]
    row = drawn_chart(content, "session-ratings").rows[0]
    assert (row.bars, row.note) == (0, "No feedback yet")


def test_comments_are_shown_without_names(client, team, past_day, answered):
    client.force_login(team)
    url = reverse("delivery:team_session_feedback", args=[past_day.pk])
    content = client.get(url).content.decode()
    assert "Clear and practical" in content and "No comment" in content
    assert "Pat Participant" not in content and "Quinn Colleague" not in content
    assert "2 responses from 2 attending (100%); mean rating 3.0 out of 5." in content


def test_feedback_results_are_for_the_team_of_the_programme_only(
    client, other_team, facilitator, participant, cohort, past_day
):
    urls = [
        reverse("delivery:team_feedback", args=[cohort.pk]),
        reverse("delivery:team_session_feedback", args=[past_day.pk]),
    ]
    client.force_login(other_team)
    assert [client.get(url).status_code for url in urls] == [404, 404]
    for person in (facilitator, participant.user):
        client.force_login(person)
        assert [client.get(url).status_code for url in urls] == [403, 403]


@pytest.mark.parametrize("count", [1, 3])
def test_results_query_count_is_the_same_for_1_and_3_sessions(
    client, team, cohort, participant, facilitator, django_assert_num_queries, count
):
    for i in range(count):
        starts = timezone.now() - datetime.timedelta(days=10 + i)
        session = SessionFactory(
            cohort=cohort, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
        )
        session.facilitators.add(facilitator)
        Attendance.objects.create(session=session, participant=participant, status="present")
        SessionFeedback.objects.create(session=session, participant=participant, rating=3)
    client.force_login(team)
    url = reverse("delivery:team_feedback", args=[cohort.pk])
    client.get(url)
    # session, user, roles, cohort, count, sessions, facilitators, results, attended,
    # per facilitator, overall.
    with django_assert_num_queries(11):
        response = client.get(url)
    assert response.content.decode().count("(100% of 1 attending)") == count


@pytest.mark.parametrize("count", [1, 3])
def test_comments_query_count_is_the_same_for_1_and_3_answers(
    client, team, cohort, past_day, django_assert_num_queries, count
):
    for i in range(count):
        person = ParticipantFactory(cohort=cohort)
        SessionFeedback.objects.create(
            session=past_day, participant=person, rating=4, comment=f"Comment {i}"
        )
    client.force_login(team)
    url = reverse("delivery:team_session_feedback", args=[past_day.pk])
    client.get(url)
    # session, user, roles, the session, count, answers, results, attended.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.content.decode().count("Comment ") == count
