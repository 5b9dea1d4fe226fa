"""Conflicts of interest between coaches and directors: found from posts, or declared."""

import datetime

import pytest

from tests.factories import UserFactory
from tests.support.factories import AppointmentFactory, authority
from upon.support.conflicts import conflicted_pairs
from upon.support.models import Coach, DeclaredConflict

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 6, 1)


@pytest.fixture
def pool(programme):
    """Two directors in Leeds and York; two coaches with no posts yet."""
    dee, eve = UserFactory(full_name="Dee"), UserFactory(full_name="Eve")
    AppointmentFactory(person=dee, programme=programme, starts_on=D(2026, 1, 1))
    AppointmentFactory(
        person=eve, programme=programme, local_authority=authority("York"), starts_on=D(2026, 1, 1)
    )
    coaches = [
        Coach.objects.create(user=UserFactory(full_name=name), programme=programme, capacity=2)
        for name in ("Cal", "Kim")
    ]
    return dee, eve, coaches


def test_no_shared_authority_no_declaration_no_conflict(pool):
    dee, eve, coaches = pool
    assert conflicted_pairs(director_ids=[dee.pk, eve.pk], coaches=coaches, today=TODAY) == set()


@pytest.mark.parametrize(
    ("ends_on", "conflicted"),
    [(None, True), (D(2023, 6, 2), True), (D(2023, 6, 1), False)],
)
def test_a_coach_in_the_directors_authority_within_three_years_is_conflicted(
    pool, programme, ends_on, conflicted
):
    dee, eve, (cal, kim) = pool
    AppointmentFactory(
        person=cal.user, programme=programme, starts_on=D(2015, 1, 1), ends_on=ends_on
    )
    found = conflicted_pairs(director_ids=[dee.pk, eve.pk], coaches=[cal, kim], today=TODAY)
    assert found == ({(dee.pk, cal.pk)} if conflicted else set())


def test_a_declared_conflict_counts(pool, team):
    dee, eve, (cal, kim) = pool
    DeclaredConflict.objects.create(coach=kim, director=eve, reason="Managed her", declared_by=team)
    found = conflicted_pairs(director_ids=[dee.pk, eve.pk], coaches=[cal, kim], today=TODAY)
    assert found == {(eve.pk, kim.pk)}


def test_a_coach_never_coaches_themselves(pool, programme):
    dee, _eve, (cal, _kim) = pool
    self_coach = Coach.objects.create(user=dee, programme=programme)
    assert conflicted_pairs(director_ids=[dee.pk], coaches=[self_coach, cal], today=TODAY) == {
        (dee.pk, self_coach.pk)
    }


def test_two_queries_however_many(pool, django_assert_num_queries):
    dee, eve, coaches = pool
    with django_assert_num_queries(2):
        conflicted_pairs(director_ids=[dee.pk, eve.pk], coaches=coaches, today=TODAY)
