"""An action learning meeting belongs to one set (the rule itself is the next migration,
apart, so PostgreSQL does not alter the table with this one's writes pending).

Before, a meeting with no set was "for the whole cohort". Each such meeting becomes one meeting
per set of its cohort, at the same time, run by the set's facilitator (or by whoever ran it,
for a set without one): the first set keeps the original (its calendar identity, materials),
the others are copies. Marks and feedback follow each person to their set's copy; those of
people in no set stay on the original, so nothing recorded is lost and completion still counts
them. A cohort with no sets has no set to give the meeting to: it becomes an "Other" session,
keeping its title, marks and feedback. Every copy or change of a published meeting raises its
iCalendar SEQUENCE so calendars replace their copy.
"""

import uuid

from django.db import migrations, models

ACTION_LEARNING, OTHER = "action_learning", "other"


def split_whole_cohort_meetings(apps, schema_editor):
    Session = apps.get_model("delivery", "Session")
    ActionLearningSet = apps.get_model("delivery", "ActionLearningSet")
    Attendance = apps.get_model("delivery", "Attendance")
    SessionFeedback = apps.get_model("delivery", "SessionFeedback")
    SessionMaterial = apps.get_model("delivery", "SessionMaterial")
    Participant = apps.get_model("delivery", "Participant")
    # A set on a session of another kind means nothing: the kind says what the session is.
    Session.objects.exclude(kind=ACTION_LEARNING).exclude(action_learning_set=None).update(
        action_learning_set=None
    )
    whole = Session.objects.filter(kind=ACTION_LEARNING, action_learning_set=None).order_by("pk")
    for meeting in whole:
        sets = list(ActionLearningSet.objects.filter(cohort_id=meeting.cohort_id).order_by("name"))
        bump = 1 if meeting.published else 0
        if not sets:
            meeting.kind = OTHER
            meeting.ical_sequence += bump
            meeting.save(update_fields=["kind", "ical_sequence"])
            continue
        staff = list(meeting.facilitators.all())
        addresses = list(meeting.addresses.all())
        materials = list(SessionMaterial.objects.filter(session=meeting))
        title = meeting.title
        set_of = dict(
            Participant.objects.filter(cohort_id=meeting.cohort_id).values_list(
                "pk", "action_learning_set_id"
            )
        )
        for number, its_set in enumerate(sets):
            if number == 0:
                copy = meeting
            else:
                copy = Session.objects.get(pk=meeting.pk)
                copy.pk = None
                copy.uid = uuid.uuid4()
            copy.action_learning_set = its_set
            copy.title = f"{title}: {its_set.name}"[:200]
            copy.ical_sequence = meeting.ical_sequence + bump if number == 0 else 0
            copy.save()
            people = [its_set.facilitator] if its_set.facilitator_id else staff
            copy.facilitators.set(people)
            if number:
                copy.addresses.set(addresses)
                for material in materials:
                    material.pk = None
                    material.session = copy
                    material.save()
                members = [pk for pk, set_id in set_of.items() if set_id == its_set.pk]
                Attendance.objects.filter(session=meeting, participant_id__in=members).update(
                    session=copy
                )
                SessionFeedback.objects.filter(
                    session=meeting, participant_id__in=members
                ).update(session=copy)


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0005_participant_status_changed_by_and_history"),
    ]

    operations = [
        migrations.RunPython(split_whole_cohort_meetings, migrations.RunPython.noop),
    ]
