"""The team's cohort needs page: distributions, the weakest capabilities, change over the year,
and which sessions address which need."""

import datetime

import pytest
from django.urls import reverse

from tests.charts import chart_ids, drawn_chart
from tests.delivery.factories import ParticipantFactory, SessionFactory
from upon.delivery import needs, self_assessment
from upon.delivery.models import ParticipantStatus, Session

START_RATINGS = {
    "Ada Able": [1, 2, 3, 4, 5, 1, 2],
    "Ben Bright": [2, 2, 3, 4, 5, 2, 2],
    "Cal Capable": [3, 2, 4, 4, 5, 3, 3],
}


def rate(participant, ratings, point="start", submit=True):
    cohort = participant.cohort
    capabilities = list(cohort.intake.capabilities.order_by("position"))
    self_assessment.save(
        participant=participant,
        point=point,
        ratings={c.pk: r for c, r in zip(capabilities, ratings, strict=True)},
        submit=submit,
        today=cohort.ends_on,
    )


@pytest.fixture
def rated(cohort):
    """Three participants who submitted the start; one withdrawn who did; one who has not."""
    people = {}
    for name, ratings in START_RATINGS.items():
        people[name] = ParticipantFactory(cohort=cohort, user__full_name=name)
        rate(people[name], ratings)
    withdrawn = ParticipantFactory(
        cohort=cohort, user__full_name="Wes Withdrawn", status=ParticipantStatus.WITHDRAWN
    )
    rate(withdrawn, [1] * 7)
    unfinished = ParticipantFactory(cohort=cohort, user__full_name="Una Unfinished")
    rate(unfinished, [1, 1, 1, 1, 1, 1, 1], submit=False)
    return people


def needs_url(cohort, **query):
    url = reverse("delivery:needs", args=[cohort.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# Arithmetic


@pytest.mark.parametrize(
    ("counts", "median", "mean"),
    [
        ((0, 0, 0, 0, 0), None, None),
        ((1, 0, 0, 0, 0), 1.0, 1.0),
        ((1, 1, 0, 0, 0), 1.5, 1.5),
        ((0, 2, 1, 0, 1), 2.5, 3.0),
        ((1, 0, 1, 0, 1), 3.0, 3.0),
    ],
)
def test_median_and_mean_from_counts(counts, median, mean):
    assert needs.median_of(counts) == median
    assert needs.mean_of(counts) == mean


# What the team sees


def test_distributions_count_only_submitted_assessments_of_people_taking_part(cohort, rated):
    result = needs.cohort_needs(cohort=cohort)
    assert result.point == "start"
    assert result.participants == 4
    assert result.submitted == {"start": 3}
    assert [n.at("start").counts for n in result.capabilities] == [
        (1, 1, 1, 0, 0),
        (0, 3, 0, 0, 0),
        (0, 0, 2, 1, 0),
        (0, 0, 0, 3, 0),
        (0, 0, 0, 0, 3),
        (1, 1, 1, 0, 0),
        (0, 2, 1, 0, 0),
    ]
    assert [n.capability.position for n in result.weakest] == [1, 2, 6]
    assert result.summary == [
        "Self-assessments submitted for the start of the year: 3 of 4 participants.",
        "The weakest capabilities are Personal leadership qualities and resilience (median 2, "
        "average 2), Systems leadership, building alliances and partnerships (median 2, "
        "average 2) and Delivering results (median 2, average 2).",
    ]
    assert result.change_summary == [
        "Change over the year shows once a second self-assessment has been submitted."
    ]


def test_change_over_the_year(cohort, rated):
    rate(rated["Ada Able"], [3] * 7, point="midpoint")
    rate(rated["Ben Bright"], [4] * 7, point="midpoint")
    result = needs.cohort_needs(cohort=cohort)
    assert result.point == "midpoint"
    assert result.points_with_data == ("start", "midpoint")
    assert [n.at("midpoint").mean for n in result.capabilities] == [3.5] * 7
    assert result.change_summary == [
        "From the start of the year to the midpoint, the average rating rose most for Personal "
        "leadership qualities and resilience: 2 to 3.5.",
        "From the start of the year to the midpoint, it fell most for Engaging communities: "
        "5 to 3.5.",
        "Across all capabilities the average rating rose by 0.5.",
    ]
    earlier = needs.cohort_needs(cohort=cohort, point="start")
    assert earlier.point == "start"
    assert needs.cohort_needs(cohort=cohort, point="end").point == "midpoint"


def test_no_submissions_yet(cohort, participant):
    result = needs.cohort_needs(cohort=cohort)
    assert (result.point, result.weakest, result.summary) == (
        None,
        [],
        ["No one has submitted a self-assessment yet."],
    )
    assert needs.distribution_chart(result) is None
    assert needs.change_chart(result) is None


def test_the_page_has_charts_tables_and_no_names(client, team, cohort, rated):
    rate(rated["Ada Able"], [3] * 7, point="midpoint")
    client.force_login(team)
    content = client.get(needs_url(cohort, point="start")).content.decode()
    assert "Self-assessments submitted for the start of the year: 3 of 4 participants." in content
    assert chart_ids(content) == ["ratings-chart", "change-chart"]
    ratings = drawn_chart(content, "ratings-chart")
    assert (ratings.title, ratings.labelled_by) == (
        "Self-ratings at the start of the year",
        "ratings-chart-title ratings-chart-desc",
    )
    assert ratings.legend == (
        "1: Just starting",
        "2: Emerging",
        "3: Developing",
        "4: Established",
        "5: Role model",
    )
    # The first capability: Ada 1, Ben 2, Cal 3; a stacked bar per rating given.
    assert ratings.rows[0].bars == 3
    assert ratings.rows[0].texts == ("1", "1", "1")
    assert ratings.rows[1].bars == 1 and ratings.rows[1].texts == ("3",)
    change = drawn_chart(content, "change-chart")
    assert change.legend == ("Start of the year", "Midpoint")
    assert change.rows[0].texts == ("2", "3")
    assert "data:image" not in content
    assert (
        '<th scope="row" class="govuk-table__header">Systems leadership, building alliances and '
        "partnerships</th>\n      "
        + "".join(
            f'<td class="govuk-table__cell govuk-table__cell--numeric">{n}</td>'
            for n in (0, 3, 0, 0, 0)
        )
        in content
    )
    assert "Show the midpoint" in content
    for name in [*START_RATINGS, "Wes Withdrawn", "Una Unfinished"]:
        assert name not in content


def test_charts_are_the_same_for_the_same_figures(cohort, rated):
    first = needs.distribution_chart(needs.cohort_needs(cohort=cohort))
    second = needs.distribution_chart(needs.cohort_needs(cohort=cohort))
    assert first == second


def test_another_programme_gets_404_and_other_roles_403(
    client, other_team, participant, facilitator, cohort
):
    client.force_login(other_team)
    assert client.get(needs_url(cohort)).status_code == 404
    for person in (participant.user, facilitator):
        client.force_login(person)
        assert client.get(needs_url(cohort)).status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_needs_page_query_count_is_the_same_for_1_and_3_people_and_sessions(
    client, team, cohort, django_assert_num_queries, count
):
    capability = cohort.intake.capabilities.first()
    for i in range(count):
        rate(ParticipantFactory(cohort=cohort), [i + 1] * 7)
        SessionFactory(cohort=cohort).addresses.add(capability)
    client.force_login(team)
    client.get(needs_url(cohort))
    # session, user, roles, cohort, capabilities, ratings, submitted, people, sessions.
    with django_assert_num_queries(9):
        response = client.get(needs_url(cohort))
    assert response.content.decode().count(", " + cohort.starts_on.strftime("%-d %B %Y")) == count


# Which sessions address which need


def test_the_team_records_which_sessions_address_a_need(client, team, cohort, other_cohort):
    capability = cohort.intake.capabilities.get(position=4)
    first = SessionFactory(cohort=cohort, title="Decisions under pressure")
    second = SessionFactory(
        cohort=cohort,
        title="Risk and the board",
        starts_at=first.starts_at + datetime.timedelta(days=30),
        ends_at=first.ends_at + datetime.timedelta(days=30),
    )
    elsewhere = SessionFactory(cohort=other_cohort, title="Another programme's day")
    url = reverse("delivery:need_sessions", args=[cohort.pk, capability.pk])
    client.force_login(team)
    content = client.get(url).content.decode()
    assert "Sessions that address Leading in complexity</h1>" in content
    assert "Decisions under pressure, taught day, " in content
    assert "Another programme&#x27;s day" not in content
    refused = client.post(url, {"sessions": [first.pk, elsewhere.pk]})
    assert "Select a valid choice" in refused.content.decode()
    assert not Session.addresses.through.objects.exists()
    response = client.post(url, {"sessions": [first.pk, second.pk]}, follow=True)
    assert "Sessions that address Leading in complexity saved." in response.content.decode()
    assert list(needs.sessions_addressing(cohort=cohort, capability=capability)) == [first, second]
    client.post(url, {"sessions": [second.pk]})
    assert list(needs.sessions_addressing(cohort=cohort, capability=capability)) == [second]
    assert "Risk and the board, " in client.get(needs_url(cohort)).content.decode()


def test_a_capability_of_another_intake_is_404(client, team, cohort, other_cohort):
    foreign = other_cohort.intake.capabilities.first()
    client.force_login(team)
    url = reverse("delivery:need_sessions", args=[cohort.pk, foreign.pk])
    assert client.get(url).status_code == 404


def test_another_programme_cannot_record_sessions(client, other_team, participant, cohort):
    capability = cohort.intake.capabilities.first()
    session = SessionFactory(cohort=cohort)
    url = reverse("delivery:need_sessions", args=[cohort.pk, capability.pk])
    client.force_login(other_team)
    assert client.post(url, {"sessions": [session.pk]}).status_code == 404
    client.force_login(participant.user)
    assert client.post(url, {"sessions": [session.pk]}).status_code == 403
    assert not session.addresses.exists()
