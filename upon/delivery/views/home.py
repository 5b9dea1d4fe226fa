"""A participant's home for the programme year, their feedback on a session and their
certificate; a facilitator's list of sessions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from upon.accounts import roles
from upon.accounts.models import Role
from upon.delivery import calendars, certificates, completion, feedback
from upon.delivery.access import facilitator_required, participant_required
from upon.delivery.forms_home import FeedbackForm
from upon.delivery.models import (
    Attendance,
    Participant,
    ParticipantStatus,
    SessionFeedback,
    SessionMaterial,
)

PAGE_SIZE = 25
TAKING_PART = (ParticipantStatus.ACTIVE, ParticipantStatus.COMPLETED)


def own_participation(request) -> Participant | None:
    """The signed-in participant's latest place on a cohort (views are @participant_required)."""
    user = request.user
    return (
        Participant.objects.filter(
            user=user, cohort__intake_id__in=roles.intake_ids(user, Role.PARTICIPANT)
        )
        .select_related("cohort__intake__programme", "action_learning_set__facilitator", "user")
        .order_by("-cohort__starts_on", "-pk")
        .first()
    )


def material_link(material) -> str:
    if material.url:
        return material.url
    return reverse("delivery_sessions:material_file", args=[material.pk])


@participant_required
def programme(request):
    participant = own_participation(request)
    if participant is None:
        return render(request, "delivery/home/no_cohort.html")
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
    return render(request, "delivery/home/programme.html", context)


@participant_required
def give_feedback(request, pk):
    participant = own_participation(request)
    if participant is None:
        raise Http404("No place on a cohort")
    session = get_object_or_404(
        completion.sessions_for(participant=participant).select_related("venue"), pk=pk
    )
    mark = (
        Attendance.objects.filter(session=session, participant=participant)
        .values_list("status", flat=True)
        .first()
    )
    refusal = feedback.refusal(session=session, participant=participant, mark=mark)
    answer = SessionFeedback.objects.filter(session=session, participant=participant).first()
    initial = {"rating": answer.rating, "comment": answer.comment} if answer else {}
    form = FeedbackForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if refusal:
            status = 400
        elif form.is_valid():
            feedback.give(
                session=session,
                participant=participant,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
                mark=mark,
            )
            messages.success(request, f"Thank you for your feedback on {session.title}.")
            return redirect("delivery_home:programme")
    context = {
        "session": session,
        "form": form,
        "refusal": refusal,
        "answer": answer,
        "error_title": status == 400,
    }
    return render(request, "delivery/home/feedback.html", context, status=status)


def pdf_response(participant) -> HttpResponse:
    try:
        pdf = certificates.certificate_pdf(participant=participant)
    except certificates.NoCertificate:
        raise Http404("No certificate") from None
    response = HttpResponse(pdf, content_type="application/pdf")
    name = certificates.filename(participant=participant)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@participant_required
def own_certificate(request):
    participant = own_participation(request)
    if participant is None:
        raise Http404("No place on a cohort")
    return pdf_response(participant)


@facilitator_required
def facilitating(request):
    now = timezone.now()
    # Today's sessions stay with the upcoming ones all day, so the register is easy to find.
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    shown = "past" if request.GET.get("show") == "past" else "upcoming"
    sessions = calendars.sessions_facilitated(request.user).select_related("cohort", "venue")
    if shown == "past":
        sessions = sessions.filter(ends_at__lte=today).order_by("-starts_at", "-pk")
    else:
        sessions = sessions.filter(ends_at__gt=today).order_by("starts_at", "pk")
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    marked = dict(
        Attendance.objects.filter(session_id__in=[s.pk for s in page.object_list])
        .values("session_id")
        .annotate(n=Count("pk"))
        .values_list("session_id", "n")
        .order_by()
    )
    rows = [
        {"session": s, "marked": marked.get(s.pk, 0), "open": s.starts_at <= now}
        for s in page.object_list
    ]
    context = {"page": page, "rows": rows, "shown": shown}
    return render(request, "delivery/home/facilitating.html", context)
