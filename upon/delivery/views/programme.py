"""A participant's home for the programme year."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from upon.delivery import completion, feedback
from upon.delivery.access import find_own_place, participant_required
from upon.delivery.models import (
    Attendance,
    Participant,
    ParticipantStatus,
    SessionFeedback,
    SessionMaterial,
)

TAKING_PART = (ParticipantStatus.ACTIVE, ParticipantStatus.COMPLETED)


def material_link(material) -> str:
    if material.url:
        return material.url
    return reverse("delivery:material_file", args=[material.pk])


@participant_required
def programme(request):
    participant = find_own_place(request.user, "delivery.view_own_place")
    if participant is None:
        return render(request, "delivery/programme/no_cohort.html")
    now = timezone.now()
    sessions = list(
        completion.sessions_for(participant=participant)
        .select_related("venue")
        .prefetch_related("facilitators")
        .order_by("starts_at", "pk")
    )
    marks = dict(
        Attendance.objects.filter(participant=participant).values_list("session_id", "status")
    )
    given = set(
        SessionFeedback.objects.filter(participant=participant).values_list("session_id", flat=True)
    )
    labels = dict(Attendance._meta.get_field("status").choices)
    upcoming = [s for s in sessions if s.ends_at > now]
    past = [
        {
            "session": s,
            "mark": labels.get(marks.get(s.pk), "Not recorded yet"),
            "feedback_given": s.pk in given,
            "can_give_feedback": not feedback.refusal(
                session=s, participant=participant, mark=marks.get(s.pk), now=now
            ),
        }
        for s in reversed(sessions)
        if s.ends_at <= now
    ]
    members = []
    if participant.action_learning_set_id:
        members = list(
            Participant.objects.filter(
                action_learning_set_id=participant.action_learning_set_id, status__in=TAKING_PART
            )
            .select_related("user")
            .order_by("user__full_name", "pk")
        )
    order = {s.pk: i for i, s in enumerate(sessions)}
    materials = sorted(
        SessionMaterial.objects.filter(session_id__in=list(order)),
        key=lambda m: (order[m.session_id], m.added_at, m.pk),
    )
    by_pk = {s.pk: s for s in sessions}
    context = {
        "participant": participant,
        "cohort": participant.cohort,
        "taking_part": participant.status in TAKING_PART,
        "next_session": upcoming[0] if upcoming else None,
        "upcoming": upcoming,
        "past": past,
        "members": members,
        "goals": list(participant.development_goals.select_related("capability")),
        "resources": [(m, by_pk[m.session_id], material_link(m)) for m in materials],
        "progress": completion.progress_from_sessions(
            participant=participant, sessions=sessions, marks=marks
        ),
    }
    return render(request, "delivery/programme/programme.html", context)
