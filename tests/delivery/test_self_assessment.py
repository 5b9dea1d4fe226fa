"""Self-assessment at the start, midpoint and end of the year, and development goals."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from upon.delivery import self_assessment
from upon.delivery.models import AssessmentPoint, DevelopmentGoal, SelfAssessment, SelfRating

OVERVIEW = reverse("delivery:self_assessment")
START = reverse("delivery:assessment", args=["start"])
MIDPOINT = reverse("delivery:assessment", args=["midpoint"])


def capabilities(cohort):
    return list(cohort.intake.capabilities.order_by("position"))


def all_rated(cohort, rating=3, **extra):
    return {f"capability_{c.pk}": str(rating) for c in capabilities(cohort)} | extra


def saved(participant, point="start"):
    return dict(
        SelfRating.objects.filter(
            assessment__participant=participant, assessment__point=point
        ).values_list("capability__position", "rating")
    )


def test_the_overview_shows_each_point_and_when_it_opens(client, participant, cohort):
    client.force_login(participant.user)
    content = client.get(OVERVIEW).content.decode()
    midpoint = cohort.starts_on + (cohort.ends_on - cohort.starts_on) / 2
    assert f'href="{START}">Start of the year</a>' in content
    assert f"{midpoint:%-d %B %Y}" in content
    assert content.count(">Not open yet</strong>") == 2
    assert content.count(">Not started</strong>") == 1


def test_the_form_shows_descriptors_for_each_capability(client, participant, cohort):
    client.force_login(participant.user)
    content = client.get(START).content.decode()
    assert content.count('class="govuk-radios__input"') == 7 * 5
    assert "Leading in complexity</h2>" in content
    assert "I make sound decisions with incomplete information in most situations." in content
    assert "5: Role model" in content


def test_ratings_can_be_saved_part_done_and_finished_later(client, participant, cohort):
    first, second, *_ = capabilities(cohort)
    client.force_login(participant.user)
    response = client.post(
        START,
        {f"capability_{first.pk}": "2", f"capability_{second.pk}": "4", "action": "save"},
        follow=True,
    )
    assert "Your ratings are saved. You can finish them later." in response.content.decode()
    assert saved(participant) == {1: 2, 2: 4}
    assessment = SelfAssessment.objects.get(participant=participant)
    assert assessment.submitted_at is None
    assert "2 of 7 rated" in response.content.decode()
    again = client.get(START).content.decode()
    assert (
        f'id="id_capability_{first.pk}_1" name="capability_{first.pk}" type="radio" value="2"'
        in again
    )


def test_submitting_with_gaps_names_each_gap_and_keeps_what_was_chosen(client, participant, cohort):
    first, *rest = capabilities(cohort)
    client.force_login(participant.user)
    response = client.post(START, {f"capability_{first.pk}": "5", "action": "submit"})
    content = response.content.decode()
    assert "<title>Error: " in content
    for capability in rest:
        assert (
            f'<a href="#id_capability_{capability.pk}_0">Select how you rate yourself on '
            f"{capability.name}</a>" in content
        )
    assert "Select how you rate yourself on " + first.name not in content
    assert f'name="capability_{first.pk}" type="radio" value="5" aria-describedby' in content
    assert f'value="5" aria-describedby="id_capability_{first.pk}_4-hint" checked' in content
    assert not SelfRating.objects.exists()


def test_a_submitted_self_assessment_is_kept_as_it_is(client, participant, cohort):
    client.force_login(participant.user)
    response = client.post(START, all_rated(cohort, 3, action="submit"), follow=True)
    assert "Self-assessment for the start of the year submitted." in response.content.decode()
    assessment = SelfAssessment.objects.get(participant=participant, point="start")
    assert assessment.submitted_at is not None
    assert saved(participant) == dict.fromkeys(range(1, 8), 3)
    # Posting again changes nothing and shows the ratings.
    content = client.post(START, all_rated(cohort, 1, action="submit")).content.decode()
    assert "You submitted this self-assessment on" in content
    assert "3: Developing" in content
    assert saved(participant) == dict.fromkeys(range(1, 8), 3)


def test_the_midpoint_opens_halfway_through_the_year(client, participant, cohort, stopped_clock):
    client.force_login(participant.user)
    content = client.post(MIDPOINT, all_rated(cohort, 4, action="submit")).content.decode()
    midpoint = cohort.starts_on + (cohort.ends_on - cohort.starts_on) / 2
    assert f"This self-assessment opens on {midpoint:%-d %B %Y}." in content
    assert not SelfRating.objects.exists()
    today = timezone.localdate()
    cohort.starts_on = today - datetime.timedelta(days=200)
    cohort.ends_on = today + datetime.timedelta(days=100)
    cohort.save()
    client.post(MIDPOINT, all_rated(cohort, 4, action="submit"))
    assert saved(participant, "midpoint") == dict.fromkeys(range(1, 8), 4)


def test_an_unknown_point_is_404(client, participant):
    client.force_login(participant.user)
    assert client.get(reverse("delivery:assessment", args=["later"])).status_code == 404


def test_the_service_refuses_what_the_rules_forbid(participant, cohort):
    first = capabilities(cohort)[0]
    with pytest.raises(self_assessment.NotOpenYet) as early:
        self_assessment.save(
            participant=participant, point="end", ratings={first.pk: 3}, submit=False
        )
    assert early.value.opens_on == cohort.ends_on - datetime.timedelta(days=28)
    with pytest.raises(self_assessment.Incomplete):
        self_assessment.save(
            participant=participant, point="start", ratings={first.pk: 3}, submit=True
        )
    with pytest.raises(ValueError, match="A rating is from 1 to 5, not 6"):
        self_assessment.save(
            participant=participant, point="start", ratings={first.pk: 6}, submit=False
        )
    ratings = {c.pk: 2 for c in capabilities(cohort)}
    self_assessment.save(participant=participant, point="start", ratings=ratings, submit=True)
    with pytest.raises(self_assessment.AlreadySubmitted):
        self_assessment.save(participant=participant, point="start", ratings=ratings, submit=True)


def test_a_capability_of_another_intake_is_ignored(participant, other_cohort):
    foreign = other_cohort.intake.capabilities.first()
    self_assessment.save(
        participant=participant, point="start", ratings={foreign.pk: 3}, submit=False
    )
    assert not SelfRating.objects.exists()


def test_each_participant_sees_only_their_own(client, participant, other_participant, cohort):
    client.force_login(participant.user)
    client.post(START, all_rated(cohort, 5, action="submit"))
    client.force_login(other_participant.user)
    content = client.get(START).content.decode()
    assert "You submitted" not in content and " checked" not in content
    client.post(START, all_rated(cohort, 1, action="submit"))
    assert saved(participant) == dict.fromkeys(range(1, 8), 5)
    assert saved(other_participant) == dict.fromkeys(range(1, 8), 1)


@pytest.mark.parametrize("url", [OVERVIEW, START, reverse("delivery:add_goal")])
def test_people_who_are_not_participants_get_403(client, team, facilitator, outsider, url):
    for person in (team, facilitator, outsider):
        client.force_login(person)
        assert client.get(url).status_code == 403


def test_a_participant_of_no_cohort_gets_404(client, participant):
    participant.delete()
    client.force_login(participant.user)
    assert client.get(OVERVIEW).status_code == 404


# Development goals


def test_a_participant_adds_a_goal_and_marks_it_achieved(
    client, participant, cohort, stopped_clock
):
    capability = capabilities(cohort)[3]
    client.force_login(participant.user)
    response = client.post(
        reverse("delivery:add_goal"),
        {"text": "Chair the partnership board.", "capability": capability.pk},
        follow=True,
    )
    assert "Goal added to your development plan." in response.content.decode()
    goal = DevelopmentGoal.objects.get()
    assert (goal.participant, goal.capability, goal.text, goal.achieved_at) == (
        participant,
        capability,
        "Chair the partnership board.",
        None,
    )
    url = reverse("delivery:edit_goal", args=[goal.pk])
    client.post(url, {"text": "Chair the partnership board.", "capability": "", "achieved": "on"})
    goal.refresh_from_db()
    assert goal.capability is None and goal.achieved_at is not None
    content = client.get(OVERVIEW).content.decode()
    assert f"Achieved {timezone.localdate():%-d %B %Y}" in content


def test_an_empty_goal_is_refused(client, participant):
    client.force_login(participant.user)
    content = client.post(reverse("delivery:add_goal"), {"text": ""}).content.decode()
    assert '<a href="#id_text">Enter your goal</a>' in content
    assert not DevelopmentGoal.objects.exists()


def test_another_participants_goal_is_404(client, participant, other_participant):
    goal = self_assessment.add_goal(participant=participant, text="Mine")
    client.force_login(other_participant.user)
    url = reverse("delivery:edit_goal", args=[goal.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "Theirs"}).status_code == 404
    goal.refresh_from_db()
    assert goal.text == "Mine"


@pytest.mark.parametrize("count", [1, 3])
def test_overview_query_count_is_the_same_for_1_and_3_goals(
    client, participant, cohort, django_assert_num_queries, count
):
    for i in range(count):
        self_assessment.add_goal(
            participant=participant, text=f"Goal {i}", capability=capabilities(cohort)[i]
        )
    self_assessment.save(
        participant=participant,
        point=AssessmentPoint.START,
        ratings={capabilities(cohort)[0].pk: 3},
        submit=False,
    )
    client.force_login(participant.user)
    client.get(OVERVIEW)
    # session, user, roles, participation, capabilities count, assessments, goals count, goals.
    with django_assert_num_queries(8):
        response = client.get(OVERVIEW)
    assert response.content.decode().count("Working on it") == count
