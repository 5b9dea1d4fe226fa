"""Delivery's permissions (upon/delivery/rules.py): one meaning of "facilitates", and the one
cohort navigation on every team cohort page."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from tests.delivery.factories import ActionLearningSetFactory
from upon.accounts.models import RoleAssignment
from upon.accounts.permissions import get_object_for
from upon.delivery import access, rules
from upon.delivery.models import SessionKind
from upon.delivery.templatetags.cohort_nav import PAGES

pytestmark = pytest.mark.django_db


def test_a_facilitator_of_the_cohort_is_one_who_holds_the_role_for_its_intake(
    facilitator, other_facilitator, other_cohort, cohort, team
):
    assert rules.facilitates(facilitator, cohort)
    assert rules.facilitates(other_facilitator, cohort)
    assert not rules.facilitates(facilitator, other_cohort)
    assert not rules.facilitates(team, cohort)


def test_running_a_session_is_facilitating_the_cohort_and_being_named_on_it(
    facilitator, other_facilitator, past_day
):
    assert rules.runs_session(facilitator, past_day)
    assert not rules.runs_session(other_facilitator, past_day)
    # Losing the role ends it, though the name stays on the session.
    RoleAssignment.objects.filter(user=facilitator).delete()
    facilitator.__dict__.pop("_role_assignments", None)
    past_day.__dict__.pop("_delivery_rules", None)
    assert not rules.runs_session(facilitator, past_day)


def test_a_sets_facilitator_runs_its_meetings(cohort, other_facilitator, past_day):
    action_learning_set = ActionLearningSetFactory(cohort=cohort, facilitator=other_facilitator)
    past_day.kind, past_day.sequence_number = SessionKind.ACTION_LEARNING, None
    past_day.action_learning_set = action_learning_set
    past_day.save()
    assert rules.runs_set(other_facilitator, action_learning_set)
    assert rules.runs_session(other_facilitator, past_day)


def test_the_register_is_404_for_another_facilitator_and_403_for_a_participant(
    other_facilitator, participant, past_day
):
    with pytest.raises(Http404):
        get_object_for(other_facilitator, access.SESSIONS, "delivery.take_register", pk=past_day.pk)
    with pytest.raises(PermissionDenied):
        get_object_for(participant.user, access.SESSIONS, "delivery.take_register", pk=past_day.pk)


def test_every_team_cohort_page_shows_the_one_navigation_with_itself_current(client, team, cohort):
    client.force_login(team)
    for _key, label, name, by_intake in PAGES:
        url = reverse(name, args=[cohort.intake_id if by_intake else cohort.pk])
        content = client.get(url).content.decode()
        assert content.count('<nav aria-label="Cohort"') == 1, url
        assert f'href="{url}" aria-current="page">{label}</a>' in content, url
        nav = content.split('<nav aria-label="Cohort"', 1)[1].split("</nav>", 1)[0]
        assert nav.count('aria-current="page"') == 1, url
