"""The rules for posts: dates, overlaps, re-verification after a change, and the history."""

import datetime

import pytest

from tests.support.factories import AppointmentFactory, authority
from upon.service.versioning import StaleVersion
from upon.support import appointments
from upon.support.models import Appointment, PostRole, Tenure

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_start_more_than_a_year_ahead_is_refused_a_year_exactly_is_not():
    today = D(2026, 6, 1)
    assert appointments.horizon_problem(day=D(2027, 6, 1), today=today, label="start date") is None
    assert appointments.horizon_problem(day=D(2027, 6, 2), today=today, label="start date") == (
        "The start date must be no later than 1 June 2027, a year from today"
    )


def test_an_end_before_the_start_is_refused_the_same_day_is_not():
    assert appointments.order_problem(starts_on=D(2026, 9, 1), ends_on=D(2026, 9, 1)) is None
    assert appointments.order_problem(starts_on=D(2026, 9, 1), ends_on=D(2026, 8, 31)) == (
        "The end date must be on or after the start date, 1 September 2026"
    )


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "overlaps"),
    [
        (D(2024, 1, 1), D(2024, 12, 31), False),  # ends the day before the post starts
        (D(2024, 1, 1), D(2025, 1, 1), True),  # ends on its first day
        (D(2024, 1, 1), None, True),  # runs on
        (D(2026, 1, 1), D(2026, 2, 1), True),  # inside it
        (D(2027, 1, 1), None, False),  # after it ended
    ],
)
def test_posts_in_one_authority_may_not_overlap(alumnus, starts_on, ends_on, overlaps):
    AppointmentFactory(person=alumnus, starts_on=D(2025, 1, 1), ends_on=D(2026, 12, 31))
    found = appointments.overlaps(
        person=alumnus, local_authority=authority("Leeds"), starts_on=starts_on, ends_on=ends_on
    )
    assert found is overlaps


def test_posts_in_other_authorities_or_of_other_people_may_overlap(alumnus, other_alumnus):
    AppointmentFactory(person=alumnus, starts_on=D(2025, 1, 1))
    leeds, york = authority("Leeds"), authority("York")
    kwargs = {"starts_on": D(2025, 6, 1), "ends_on": None}
    assert not appointments.overlaps(person=alumnus, local_authority=york, **kwargs)
    assert not appointments.overlaps(person=other_alumnus, local_authority=leeds, **kwargs)


def test_a_post_does_not_overlap_itself(alumnus):
    post = AppointmentFactory(person=alumnus)
    assert not appointments.overlaps(
        person=alumnus,
        local_authority=post.local_authority,
        starts_on=post.starts_on,
        ends_on=None,
        appointment=post,
    )


def test_recording_a_post_keeps_who_recorded_it(alumnus, programme):
    post = appointments.record_post(
        person=alumnus,
        programme_id=programme.pk,
        by=alumnus,
        local_authority=authority("York"),
        role=PostRole.TWIN_HAT,
        tenure=Tenure.INTERIM,
        shared=True,
        starts_on=D(2026, 9, 1),
    )
    saved = Appointment.objects.get()
    assert (saved, saved.recorded_by, saved.verified_at, saved.version) == (post, alumnus, None, 1)
    assert [(h.history_type, h.history_user) for h in saved.history.all()] == [("+", alumnus)]


def test_verifying_then_changing_the_details_asks_the_team_again(alumnus, team, june_2026):
    post = AppointmentFactory(person=alumnus)
    appointments.verify(appointment=post, version=1, by=team)
    post.refresh_from_db()
    assert (post.verified_by, post.version) == (team, 2)
    appointments.change_post(
        appointment=post, version=2, by=alumnus, tenure=Tenure.INTERIM, starts_on=post.starts_on
    )
    post.refresh_from_db()
    assert (post.tenure, post.verified_at, post.verified_by, post.version) == (
        Tenure.INTERIM,
        None,
        None,
        3,
    )
    # The factory made the post outside any request: nobody is named for it.
    history = post.history.order_by("history_id")
    assert [h.history_user for h in history] == [None, team, alumnus]


def test_saving_the_same_details_keeps_the_verification(alumnus, team):
    post = AppointmentFactory(person=alumnus)
    appointments.verify(appointment=post, version=1, by=team)
    appointments.change_post(appointment=post, version=2, by=alumnus, tenure=post.tenure)
    post.refresh_from_db()
    assert post.verified_by == team


def test_ending_a_verified_post_keeps_the_verification(alumnus, team):
    post = AppointmentFactory(person=alumnus)
    appointments.verify(appointment=post, version=1, by=team)
    appointments.end_post(
        appointment=post, version=2, by=alumnus, ends_on=D(2027, 3, 31), end_reason="retired"
    )
    post.refresh_from_db()
    assert (post.ends_on, post.end_reason, post.verified_by) == (D(2027, 3, 31), "retired", team)


def test_a_stale_version_changes_nothing(alumnus, team):
    post = AppointmentFactory(person=alumnus)
    appointments.verify(appointment=post, version=1, by=team)
    with pytest.raises(StaleVersion):
        appointments.end_post(
            appointment=post, version=1, by=alumnus, ends_on=D(2027, 1, 1), end_reason="retired"
        )
    post.refresh_from_db()
    assert (post.ends_on, post.version) == (None, 2)
