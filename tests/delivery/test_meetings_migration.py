"""The migration that gives every action learning meeting a set: a whole-cohort meeting becomes
one meeting per set, marks and feedback following each person to their set's copy; in a cohort
with no sets it becomes an "Other" session."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("delivery", "0005_participant_status_changed_by_and_history")]
AFTER = [("delivery", "0007_action_learning_meeting_of_one_set")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps(transactional_db, authorities, settings):
    # The current models make the cohort, whose history table the old schema lacks.
    settings.SIMPLE_HISTORY_ENABLED = False
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_a_whole_cohort_meeting_becomes_one_meeting_per_set(old_apps):
    from tests.delivery.factories import CohortFactory, facilitator_for

    # The current models make the cohort and people; the old ones the meeting.
    cohort = CohortFactory()
    fran = facilitator_for(cohort, full_name="Fran Facilitator")
    gus = facilitator_for(cohort, full_name="Gus Guide")
    lonely = CohortFactory()
    Session = old_apps.get_model("delivery", "Session")
    Set = old_apps.get_model("delivery", "ActionLearningSet")
    Participant = old_apps.get_model("delivery", "Participant")
    Attendance = old_apps.get_model("delivery", "Attendance")
    Feedback = old_apps.get_model("delivery", "SessionFeedback")
    User = old_apps.get_model("accounts", "User")
    set_a = Set.objects.create(cohort_id=cohort.pk, name="Set A", facilitator_id=fran.pk)
    set_b = Set.objects.create(cohort_id=cohort.pk, name="Set B", facilitator=None)
    people = {}
    for name, its_set in (("ada", set_a), ("ben", set_b), ("cal", None)):
        user = User.objects.create(email=f"{name}@example.org", full_name=name.title())
        people[name] = Participant.objects.create(
            cohort_id=cohort.pk, user=user, action_learning_set=its_set, calendar_token=name
        )
    starts = timezone.now() - datetime.timedelta(days=3)
    whole = Session.objects.create(
        cohort_id=cohort.pk,
        kind="action_learning",
        title="Action learning round 1",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        mode="virtual",
        joining_link="https://meet.example.com/round-1",
        published=True,
    )
    whole.facilitators.set([gus.pk])
    for name, status in (("ada", "present"), ("ben", "absent"), ("cal", "late")):
        Attendance.objects.create(session=whole, participant=people[name], status=status)
    Feedback.objects.create(session=whole, participant=people["ben"], rating=4)
    no_sets = Session.objects.create(
        cohort_id=lonely.pk,
        kind="action_learning",
        title="Action learning for all",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        mode="virtual",
        joining_link="https://meet.example.com/all",
    )

    new_apps = migrate(AFTER)
    Session = new_apps.get_model("delivery", "Session")
    Attendance = new_apps.get_model("delivery", "Attendance")
    Feedback = new_apps.get_model("delivery", "SessionFeedback")
    meetings = {
        s.action_learning_set.name: s
        for s in Session.objects.filter(cohort_id=cohort.pk).select_related("action_learning_set")
    }
    assert sorted(meetings) == ["Set A", "Set B"]
    first, second = meetings["Set A"], meetings["Set B"]
    assert first.pk == whole.pk and first.uid == whole.uid
    assert (first.title, second.title) == (
        "Action learning round 1: Set A",
        "Action learning round 1: Set B",
    )
    assert (first.ical_sequence, second.ical_sequence) == (1, 0)
    assert (second.starts_at, second.joining_link, second.published) == (
        whole.starts_at,
        whole.joining_link,
        True,
    )
    # Set A's facilitator runs its copy; Set B has none, so whoever ran the meeting does.
    assert [u.pk for u in first.facilitators.all()] == [fran.pk]
    assert [u.pk for u in second.facilitators.all()] == [gus.pk]
    marks = dict(Attendance.objects.values_list("participant__user__email", "session_id"))
    assert marks == {
        "ada@example.org": first.pk,
        "ben@example.org": second.pk,
        "cal@example.org": first.pk,  # in no set: kept where it was
    }
    assert list(Feedback.objects.values_list("session_id", flat=True)) == [second.pk]
    alone = Session.objects.get(pk=no_sets.pk)
    assert (alone.kind, alone.action_learning_set_id, alone.title) == (
        "other",
        None,
        "Action learning for all",
    )
