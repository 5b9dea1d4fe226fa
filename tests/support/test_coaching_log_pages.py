"""The coaching log's pages: the coach's and the director's log, logging a session, the
relationship check; the team's hours and counts, which never show notes, goals or themes."""

import datetime
import uuid

import pytest
from django.urls import reverse

from tests.factories import RoleAssignmentFactory, UserFactory
from tests.support.coaching_factories import coach_in, coaching, director_in
from upon.accounts.models import Role, RoleAssignment
from upon.support import coaching as relationships
from upon.support.models import CoachingSession, RelationshipCheck

pytestmark = pytest.mark.django_db

NOTES = "Talked through the Ofsted letter in confidence."
GOALS = "Chair the safeguarding partnership by spring."


@pytest.fixture
def pair(programme, authorities, june_2026):
    """Cal coaching Dee since 1 May 2026 (12 hours); Kim coaching Eve, in the same programme."""
    cal = coach_in(programme, "Cal Coach")
    dee = director_in(programme, "Dee Director")
    kim = coach_in(programme, "Kim Coach")
    eve = director_in(programme, "Eve Director", place="York")
    coaching(kim, eve)
    return coaching(cal, dee)


def add_session(relationship, *, day=20, minutes=90, notes=NOTES):
    return CoachingSession.objects.create(
        relationship=relationship,
        held_on=datetime.date(2026, 5, day),
        minutes=minutes,
        mode="online",
        themes=[4],
        notes=notes,
        goals=GOALS,
        recorded_by=relationship.coach.user,
    )


def log_url(relationship):
    return reverse("support:coaching_log", args=[relationship.pk])


def new_url(relationship):
    return reverse("support:log_session", args=[relationship.pk])


def check_url(relationship):
    return reverse("support:relationship_check", args=[relationship.pk])


def session_data(**overrides):
    data = {
        "held_on_0": "28",
        "held_on_1": "5",
        "held_on_2": "2026",
        "hours": "1",
        "minutes": "30",
        "mode": "in_person",
        "themes": ["1", "3"],
        "notes": NOTES,
        "goals": GOALS,
        "submission": str(uuid.uuid4()),
    }
    return data | overrides


def errors_of(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


@pytest.fixture
def others(programme, pair):
    """Everyone who must not find Dee's log: Kim (another coach) and Eve (another director), the
    team and the lead, Dee's employer's contact, and someone with no role."""
    kim = pair.coach.programme.coaches.get(user__full_name="Kim Coach").user
    eve = UserFactory._meta.model.objects.get(full_name="Eve Director")
    team = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, programme=programme).user
    lead = RoleAssignmentFactory(role=Role.PROGRAMME_LEAD, programme=programme).user
    employer = RoleAssignmentFactory(role=Role.EMPLOYER_CONTACT, programme=programme).user
    outsider = UserFactory(full_name="Oona Outsider")
    return {
        "another coach": kim,
        "another director": eve,
        "team": team,
        "lead": lead,
        "employer": employer,
        "outsider": outsider,
    }


# The log: the owners see it all; everyone else finds no such page


@pytest.mark.parametrize("who", ["coach", "director"])
def test_the_coach_and_the_director_see_the_sessions_newest_first_with_notes_and_goals(
    client, pair, who
):
    first = add_session(pair, day=10, minutes=60)
    second = add_session(pair, day=20, minutes=90, notes="Second session notes.")
    client.force_login(pair.coach.user if who == "coach" else pair.director)
    response = client.get(log_url(pair))
    page = response.content.decode()
    assert [s for s, _themes in response.context["sessions"]] == [second, first]
    assert NOTES in page and "Second session notes." in page and GOALS in page
    assert "2 hours 30 minutes used of 12 hours" in page
    assert "Leading in complexity" in page
    assert new_url(pair) in page


@pytest.mark.parametrize(
    "who", ["another coach", "another director", "team", "lead", "employer", "outsider"]
)
def test_everyone_else_gets_404_for_the_log_the_form_and_the_check(client, pair, others, who):
    add_session(pair)
    client.force_login(others[who])
    for url in (log_url(pair), new_url(pair), check_url(pair)):
        assert client.get(url).status_code == 404, url
    assert client.post(new_url(pair), session_data()).status_code == 404
    assert client.post(check_url(pair), {"working_well": "1", "progress": "1"}).status_code == 404
    assert CoachingSession.objects.count() == 1
    assert not RelationshipCheck.objects.exists()


def test_signed_out_is_sent_to_sign_in(client, pair):
    response = client.get(log_url(pair))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_a_director_whose_coaching_ended_and_who_left_the_programme_keeps_their_log(client, pair):
    add_session(pair)
    relationships.ask_rematch(relationship=pair, note="Not a fit", today=datetime.date(2026, 5, 30))
    RoleAssignment.objects.filter(user=pair.director).delete()
    client.force_login(pair.director)
    page = client.get(log_url(pair)).content.decode()
    assert NOTES in page
    assert "This coaching ended on 30 May 2026." in page
    assert new_url(pair) not in page
    response = client.get(new_url(pair), follow=True)
    assert "This coaching has ended: no more sessions can be logged." in response.content.decode()


def test_after_the_end_the_coach_reads_only_what_they_logged(client, pair):
    add_session(pair, day=10)
    CoachingSession.objects.create(
        relationship=pair,
        held_on=datetime.date(2026, 5, 11),
        minutes=60,
        mode="online",
        notes="The director's own note.",
        recorded_by=pair.director,
    )
    relationships.decline(relationship=pair, note="Moving abroad", today=datetime.date(2026, 5, 30))
    client.force_login(pair.coach.user)
    page = client.get(log_url(pair)).content.decode()
    assert NOTES in page
    assert "The director&#x27;s own note." not in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_log_costs_the_same_queries_however_many_sessions(
    client, pair, count, django_assert_num_queries
):
    for day in range(count):
        add_session(pair, day=10 + day)
    client.force_login(pair.director)
    client.get(log_url(pair))
    # session, user, relationship, count, sessions, minutes used, check answered, sessions,
    # roles (the navigation).
    with django_assert_num_queries(9):
        response = client.get(log_url(pair))
    assert len(response.context["sessions"]) == count


# Logging a session


def test_the_coach_logs_a_session(client, pair):
    client.force_login(pair.coach.user)
    response = client.post(new_url(pair), session_data())
    assert response.status_code == 302
    assert response["Location"] == log_url(pair)
    assert list(
        CoachingSession.objects.values_list(
            "relationship", "held_on", "minutes", "mode", "themes", "notes", "goals", "recorded_by"
        )
    ) == [
        (
            pair.pk,
            datetime.date(2026, 5, 28),
            90,
            "in_person",
            [1, 3],
            NOTES,
            GOALS,
            pair.coach.user.pk,
        )
    ]


def test_a_session_sent_twice_is_logged_once(client, pair):
    client.force_login(pair.director)
    data = session_data()
    client.post(new_url(pair), data)
    client.post(new_url(pair), data)
    assert CoachingSession.objects.count() == 1


def test_a_session_longer_than_a_day_is_refused_next_to_the_field_keeping_what_was_typed(
    client, pair
):
    client.force_login(pair.coach.user)
    response = client.post(new_url(pair), session_data(hours="24", minutes="1"))
    assert response.status_code == 200
    assert errors_of(response) == {"hours": ["A session must be 24 hours or shorter"]}
    page = response.content.decode()
    assert "A session must be 24 hours or shorter" in page
    form = response.context["form"]
    assert (form["hours"].value(), form["minutes"].value(), form["held_on"].value()) == (
        "24",
        "1",
        ["28", "5", "2026"],
    )
    assert 'value="24"' in page and NOTES in page
    assert not CoachingSession.objects.exists()


@pytest.mark.parametrize(
    "overrides, errors",
    [
        (
            {"held_on_0": "2", "held_on_1": "6"},
            {"held_on": ["The date of the session must be today or in the past"]},
        ),
        (
            {"held_on_0": "30", "held_on_1": "4"},
            {
                "held_on": [
                    "The date of the session must be on or after 1 May 2026, when coaching began"
                ]
            },
        ),
        ({"hours": "0", "minutes": "0"}, {"hours": ["Enter how long the session was"]}),
        ({"mode": ""}, {"mode": ["Select how you met"]}),
        (
            {"held_on_0": "", "held_on_1": "", "held_on_2": ""},
            {"held_on": ["Enter the date of the session"]},
        ),
    ],
)
def test_a_session_is_refused_with_a_message_next_to_its_field(client, pair, overrides, errors):
    client.force_login(pair.director)
    response = client.post(new_url(pair), session_data(**overrides))
    assert errors_of(response) == errors
    assert not CoachingSession.objects.exists()


def test_the_budget_warning_shows_on_the_log(client, pair):
    for day, minutes in ((10, 300), (11, 300)):
        add_session(pair, day=day, minutes=minutes)
    client.force_login(pair.coach.user)
    page = client.get(log_url(pair)).content.decode()
    assert "Most of the coaching budget is used: 10 hours used of 12 hours, 2 hours left." in page
    response = client.post(new_url(pair), session_data(hours="3", minutes="0"), follow=True)
    page = response.content.decode()
    assert (
        "The coaching budget is used up: 13 hours used of 12 hours, 1 hour over. Sessions can "
        "still be logged; the programme team decides whether more coaching is funded."
    ) in page
    assert CoachingSession.objects.count() == 3


# The relationship check


def test_the_check_is_offered_after_the_third_session(client, pair):
    client.force_login(pair.director)
    for day in (10, 11):
        add_session(pair, day=day)
    assert check_url(pair) not in client.get(log_url(pair)).content.decode()
    page = client.get(check_url(pair)).content.decode()
    assert "The relationship check opens after the 3rd session." in page
    add_session(pair, day=12)
    assert check_url(pair) in client.get(log_url(pair)).content.decode()
    page = client.get(check_url(pair)).content.decode()
    assert "How well is the coaching relationship working?" in page
    assert "How much progress are you making towards your goals?" in page
    client.force_login(pair.coach.user)
    page = client.get(check_url(pair)).content.decode()
    assert "How much progress is the director making towards their goals?" in page


def test_a_check_before_the_third_session_is_refused(client, pair):
    add_session(pair)
    client.force_login(pair.director)
    response = client.post(check_url(pair), {"working_well": "1", "progress": "1"}, follow=True)
    assert "The relationship check is not open to you." in response.content.decode()
    assert not RelationshipCheck.objects.exists()


def test_a_low_answer_emails_the_team_without_the_notes(client, pair, mailoutbox):
    team = RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, programme=pair.entitlement.programme
    ).user
    for day in (10, 11, 12):
        add_session(pair, day=day)
    client.force_login(pair.director)
    response = client.post(check_url(pair), {"working_well": "2", "progress": "4"})
    assert response["Location"] == log_url(pair)
    assert list(
        RelationshipCheck.objects.values_list("side", "respondent", "working_well", "progress")
    ) == [("director", pair.director.pk, 2, 4)]
    [sent] = mailoutbox
    assert sent.to == [team.email]
    assert NOTES not in sent.body and GOALS not in sent.body
    # Answered: the page shows the answers, not the form again.
    page = client.get(check_url(pair)).content.decode()
    assert "You answered on 1 June 2026: 2 out of 5" in page


def test_an_unanswered_check_is_refused_with_messages(client, pair):
    for day in (10, 11, 12):
        add_session(pair, day=day)
    client.force_login(pair.coach.user)
    response = client.post(check_url(pair), {})
    assert errors_of(response) == {
        "working_well": ["Select how well the coaching relationship is working"],
        "progress": ["Select how much progress is being made"],
    }


# The team's page: hours and counts, never notes, goals or themes


def test_the_team_sees_hours_and_counts_never_notes_goals_or_themes(client, pair, team):
    add_session(pair, day=10, minutes=60)
    add_session(pair, day=20, minutes=600)
    client.force_login(team)
    response = client.get(reverse("support:team_coaching"))
    page = response.content.decode()
    rows = [
        (r.director.full_name, r.coach.user.full_name, r.session_count, b.summary, r.last_held_on)
        for r, b, _checks in response.context["rows"]
    ]
    assert rows == [
        ("Dee Director", "Cal Coach", 2, "11 hours used of 12 hours", datetime.date(2026, 5, 20)),
        ("Eve Director", "Kim Coach", 0, "0 hours used of 12 hours", None),
    ]
    assert "20 May 2026" in page and "80% or more used" in page
    assert NOTES not in page and GOALS not in page
    assert "Leading in complexity" not in page


def test_another_programmes_team_sees_none_and_others_are_refused(client, pair, other_team, others):
    client.force_login(other_team)
    assert client.get(reverse("support:team_coaching")).context["rows"] == []
    for who in ("another coach", "another director", "employer", "outsider"):
        client.force_login(others[who])
        assert client.get(reverse("support:team_coaching")).status_code == 403


def test_the_team_reviews_a_low_answer(client, pair, team, other_team):
    check = RelationshipCheck.objects.create(
        relationship=pair, side="coach", respondent=pair.coach.user, working_well=1, progress=3
    )
    url = reverse("support:mark_check_reviewed", args=[check.pk])
    client.force_login(team)
    page = client.get(reverse("support:team_coaching")).content.decode()
    assert "Low answers to review" in page and "Mark as reviewed" in page
    client.force_login(other_team)
    assert client.post(url).status_code == 404
    client.force_login(pair.director)
    assert client.post(url).status_code == 403
    check.refresh_from_db()
    assert check.reviewed_at is None
    client.force_login(team)
    response = client.post(url, follow=True)
    check.refresh_from_db()
    assert check.reviewed_at is not None
    page = response.content.decode()
    assert (
        "Marked as reviewed: the coach&#x27;s answers for Cal Coach coaching Dee Director." in page
    )
    assert "Low answers to review" not in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_team_page_costs_the_same_queries_however_many_relationships(
    client, programme, authorities, june_2026, team, count, django_assert_num_queries
):
    for n in range(count):
        relationship = coaching(
            coach_in(programme, f"Coach{n} Person"), director_in(programme, f"Director{n} Person")
        )
        add_session(relationship)
        RelationshipCheck.objects.create(
            relationship=relationship,
            side="director",
            respondent=relationship.director,
            working_well=1,
            progress=1,
        )
    client.force_login(team)
    url = reverse("support:team_coaching")
    client.get(url)
    # session, user, roles, count, relationships, their checks, alerts.
    with django_assert_num_queries(7):
        response = client.get(url)
    assert len(response.context["rows"]) == count
    assert len(response.context["alerts"]) == count


# Links


def test_the_coach_and_the_director_find_the_log(client, pair):
    client.force_login(pair.coach.user)
    assert log_url(pair) in client.get(reverse("support:coach_home")).content.decode()
    client.force_login(pair.director)
    page = client.get(reverse("support:my_support")).content.decode()
    assert f'href="{log_url(pair)}">Your coaching log with Cal Coach</a>' in page
