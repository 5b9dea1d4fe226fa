"""The programme team's cohort: making it from the intake's accepted applicants, its settings,
and a participant's place in it (withdrawal and deferral)."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.delivery import (
    cohorts,
    completion,
    completion_rule,
    participation,
)
from upon.delivery.access import (
    COHORTS,
    INTAKES,
    PARTICIPANTS,
)
from upon.delivery.forms.cohorts import CohortForm, PlaceForm
from upon.delivery.models import (
    Attendance,
    Participant,
)
from upon.delivery.views import page_of
from upon.service.once import once
from upon.service.versioning import StaleVersion, save_form


@team_required
def delivery(request, pk):
    """The intake's programme delivery: make the cohort, then its participants and pages."""
    intake = get_object_for(request.user, INTAKES, "delivery.make_cohort", pk=pk)
    cohort = cohorts.cohort_for(intake=intake)
    context = {
        "intake": intake,
        "cohort": cohort,
        "waiting": cohorts.accepted_not_in_cohort(intake=intake).count(),
    }
    if cohort is not None:
        context["page"] = page_of(
            request,
            Participant.objects.filter(cohort=cohort)
            .select_related("user", "application", "status_changed_by")
            .order_by("user__full_name", "pk"),
        )
        context["timetable"] = cohort.sessions.aggregate(
            total=Count("pk"), published=Count("pk", filter=Q(published=True))
        )
    return render(request, "delivery/cohorts/cohort.html", context)


@require_POST
@team_required
@once
def make_cohort(request, pk):
    intake = get_object_for(request.user, INTAKES, "delivery.make_cohort", pk=pk)
    made = cohorts.make_cohort(intake=intake, granted_by=request.user)
    added = len(made.added)
    people = f"{added} participant{'s' if added != 1 else ''}"
    if made.created:
        messages.success(request, f"{made.cohort.name} made with {people}.")
    elif added:
        messages.success(request, f"{people.capitalize()} added to {made.cohort.name}.")
    else:
        messages.success(request, f"Everyone who accepted is already in {made.cohort.name}.")
    return redirect("delivery:delivery", pk=intake.pk)


@team_required
def cohort_settings(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    before = completion_rule.Rule.of(cohort)
    started = completion_rule.has_started(cohort=cohort)
    form = CohortForm(request.POST or None, instance=cohort, ask_reason=started)
    status, change = 200, None
    if request.method == "POST" and form.is_valid():
        change = completion_rule.lowering(cohort=form.instance, before=before)
        reason = form.cleaned_data.get("rule_change_reason", "").strip()
        if change is not None and not reason:
            form.ask_for_reason()
        else:
            form.instance._change_reason = reason if change is not None else None
            try:
                save_form(form, by=request.user)
            except StaleVersion:
                cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
                form.refuse_stale(CohortForm(instance=cohort, ask_reason=started))
                status, change = 409, None
            else:
                done = f"{cohort.name} updated."
                if change is not None:
                    done += " " + completion_rule.changed_message(change)
                messages.success(request, done)
                return redirect("delivery:delivery", pk=cohort.intake_id)
    context = {"cohort": cohort, "form": form, "lowering": change}
    return render(request, "delivery/cohorts/cohort_form.html", context, status=status)


@team_required
def participant_place(request, pk):
    participant = get_object_for(request.user, PARTICIPANTS, "delivery.manage_cohort", pk=pk)
    cohort = participant.cohort
    choices = participation.allowed_changes(participant=participant)
    form = PlaceForm(request.POST or None, choices=choices)
    if request.method == "POST" and choices and form.is_valid():
        try:
            participation.change_place(
                participant=participant,
                change=form.cleaned_data["change"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except participation.ChangeRefused as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                f"{participant.user.full_name}: {participant.get_status_display().lower()}.",
            )
            return redirect("delivery:team_participant", pk=participant.pk)
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
    return render(request, "delivery/cohorts/team_participant.html", context)
