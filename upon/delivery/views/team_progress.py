"""The team's view of a cohort's year: progress against the completion rule, confirming
completion, a participant's place (withdrawal and deferral) and session feedback."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from upon.accounts import roles
from upon.accounts.access import team_required
from upon.delivery import certificates, completion, feedback, participation
from upon.delivery.access import get_cohort_for_team, get_participant_for_team
from upon.delivery.forms_home import PlaceForm
from upon.delivery.models import (
    Attendance,
    ParticipantStatus,
    Session,
    SessionFeedback,
)
from upon.delivery.views.home import pdf_response

PAGE_SIZE = 50
FILTERS = {
    "all": "Everyone",
    completion.AT_RISK: "At risk",
    completion.CANNOT_COMPLETE: "Cannot complete",
    completion.ON_TRACK: "On track",
    completion.COMPLETED: "Met the rule",
    "not_taking_part": "Withdrawn or deferred",
}
NOT_TAKING_PART = (ParticipantStatus.WITHDRAWN, ParticipantStatus.DEFERRED)


@team_required
def progress(request, pk):
    cohort = get_cohort_for_team(request, pk)
    people = list(
        cohort.participants.select_related("user", "action_learning_set").order_by(
            "user__full_name", "pk"
        )
    )
    taking_part = [p for p in people if p.status not in NOT_TAKING_PART]
    results = completion.cohort_progress(cohort=cohort, participants=taking_part)
    counts = {key: 0 for key in completion.LABELS}
    for result in results.values():
        counts[result.status] += 1
    ready = sum(
        1
        for p in taking_part
        if p.status == ParticipantStatus.ACTIVE and results[p.pk].status == completion.COMPLETED
    )
    shown = request.GET.get("show", "all")
    shown = shown if shown in FILTERS else "all"
    if shown == "not_taking_part":
        chosen = [p for p in people if p.status in NOT_TAKING_PART]
    elif shown != "all":
        chosen = [p for p in taking_part if results[p.pk].status == shown]
    else:
        chosen = people
    page = Paginator(chosen, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "cohort": cohort,
        "page": page,
        "rows": [(p, results.get(p.pk)) for p in page.object_list],
        "counts": [(completion.LABELS[key], n) for key, n in counts.items()],
        "not_taking_part": len(people) - len(taking_part),
        "ready": ready,
        "filters": FILTERS,
        "shown": shown,
    }
    return render(request, "delivery/home/team_progress.html", context)


@require_POST
@team_required
def confirm_completion(request, pk):
    cohort = get_cohort_for_team(request, pk)
    confirmed = certificates.confirm_completion(cohort=cohort)
    if confirmed:
        n = len(confirmed)
        messages.success(
            request,
            f"Completion confirmed for {n} {'person' if n == 1 else 'people'}. "
            f"Each has been emailed a link to their certificate.",
        )
    else:
        messages.info(request, "Nobody new has met the completion rule.")
    return redirect("delivery_home:team_progress", pk=cohort.pk)


@team_required
def participant_place(request, pk):
    participant = get_participant_for_team(request, pk)
    cohort = participant.cohort
    choices = participation.allowed_changes(participant=participant)
    form = PlaceForm(request.POST or None, choices=choices)
    if request.method == "POST" and choices and form.is_valid():
        try:
            participation.change_place(
                participant=participant,
                change=form.cleaned_data["change"],
                reason=form.cleaned_data["reason"],
            )
        except participation.ChangeRefused as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                f"{participant.user.full_name}: {participant.get_status_display().lower()}.",
            )
            return redirect("delivery_home:team_participant", pk=participant.pk)
    now = timezone.now()
    sessions = list(completion.sessions_for(participant=participant).order_by("starts_at", "pk"))
    marks = dict(
        Attendance.objects.filter(participant=participant).values_list("session_id", "status")
    )
    labels = dict(Attendance._meta.get_field("status").choices)
    record = [
        (s, labels.get(marks.get(s.pk), "Not recorded yet")) for s in sessions if s.starts_at <= now
    ]
    context = {
        "participant": participant,
        "cohort": cohort,
        "form": form,
        "choices": choices,
        "record": record,
        "progress": completion.progress_from_sessions(
            participant=participant, sessions=sessions, marks=marks
        ),
    }
    return render(request, "delivery/home/team_participant.html", context)


@team_required
def participant_certificate(request, pk):
    return pdf_response(get_participant_for_team(request, pk))


@team_required
def feedback_results(request, pk):
    cohort = get_cohort_for_team(request, pk)
    sessions = (
        Session.objects.filter(cohort=cohort, published=True, ends_at__lte=timezone.now())
        .prefetch_related("facilitators")
        .order_by("-starts_at", "-pk")
    )
    page = Paginator(sessions, 25).get_page(request.GET.get("page"))
    results = feedback.session_results(session_ids=[s.pk for s in page.object_list])
    context = {
        "cohort": cohort,
        "page": page,
        "rows": [(s, results[s.pk]) for s in page.object_list],
        "facilitators": feedback.facilitator_results(cohort=cohort),
        "overall": feedback.overall(cohort=cohort),
    }
    return render(request, "delivery/home/team_feedback.html", context)


@team_required
def session_feedback(request, pk):
    session = get_object_or_404(Session.objects.select_related("cohort__intake"), pk=pk)
    if session.cohort.intake.programme_id not in roles.team_programme_ids(request.user):
        raise Http404("No such session for this person")
    answers = SessionFeedback.objects.filter(session=session).order_by("-submitted_at", "-pk")
    page = Paginator(answers, 25).get_page(request.GET.get("page"))
    context = {
        "session": session,
        "cohort": session.cohort,
        "page": page,
        "result": feedback.session_results(session_ids=[session.pk])[session.pk],
    }
    return render(request, "delivery/home/team_session_feedback.html", context)
