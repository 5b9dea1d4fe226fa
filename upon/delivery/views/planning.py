"""Planning the cohort's year: times facilitators and venues are not available, the timetable
planner, and switching sessions between virtual and in person."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.delivery import cohorts, planning
from upon.delivery import sessions as session_service
from upon.delivery.access import (
    COHORTS,
)
from upon.delivery.forms.planning import (
    ModeChoiceForm,
    ModeConfirmForm,
    PlannerForm,
    UnavailabilityForm,
)
from upon.delivery.models import (
    Unavailability,
    Venue,
)
from upon.delivery.views import page_of
from upon.service.once import once


@team_required
@once
def availability(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    people = cohorts.facilitators(cohort=cohort)
    places = Venue.objects.filter(programme_id=cohort.intake.programme_id)
    queryset = (
        Unavailability.objects.filter(
            Q(facilitator__in=people) | Q(venue__in=places), ends_at__gt=timezone.now()
        )
        .select_related("facilitator", "venue")
        .order_by("starts_at", "pk")
    )
    form = UnavailabilityForm(request.POST or None, facilitators=people, venues=places)
    if request.method == "POST" and form.is_valid():
        fields = form.unavailability_fields()
        Unavailability.objects.create(**fields)
        who = fields["facilitator"] or fields["venue"]
        messages.success(request, f"Recorded that {who} is not available.")
        return redirect("delivery:availability", pk=cohort.pk)
    return render(
        request,
        "delivery/planning/availability.html",
        {
            "cohort": cohort,
            "page": page_of(request, queryset),
            "form": form,
            "facilitators": list(people),
        },
    )


@require_POST
@team_required
def remove_unavailability(request, pk, unavailability_pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    row = get_object_or_404(
        Unavailability.objects.filter(
            Q(facilitator__in=cohorts.facilitators(cohort=cohort))
            | Q(venue__programme_id=cohort.intake.programme_id)
        ).distinct(),
        pk=unavailability_pk,
    )
    row.delete()
    messages.success(request, "Removed. The planner can use that time again.")
    return redirect("delivery:availability", pk=cohort.pk)


@team_required
def plan(request, pk):
    """Propose a timetable (POST, since it runs the solver) and show it to accept."""
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    form = PlannerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        proposal = planning.make_proposal(
            cohort=cohort, curriculum=planning.Curriculum(**form.cleaned_data)
        )
        return render(
            request,
            "delivery/planning/proposal.html",
            {"cohort": cohort, "proposal": proposal, "form": form},
        )
    existing = cohort.sessions.count()
    return render(
        request,
        "delivery/planning/plan.html",
        {"cohort": cohort, "form": form, "existing": existing},
    )


@require_POST
@team_required
@once
def accept_plan(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    try:
        written = planning.accept(cohort=cohort, token=request.POST.get("plan", ""))
    except planning.PlanOutOfDate as error:
        messages.warning(request, error.message)
        return redirect("delivery:plan", pk=cohort.pk)
    except session_service.SessionRefused as refused:
        messages.warning(
            request, "The plan was not used: " + " ".join(refused.problems) + " Plan again."
        )
        return redirect("delivery:plan", pk=cohort.pk)
    messages.success(
        request,
        f"Plan accepted: {len(written)} session{'s' if len(written) != 1 else ''} added or "
        "changed. Check them, then publish the timetable.",
    )
    return redirect("delivery:timetable", pk=cohort.pk)


@team_required
def switch_mode(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    upcoming = cohort.sessions.filter(starts_at__gt=timezone.now()).order_by("starts_at", "pk")
    venues_qs = Venue.objects.filter(programme_id=cohort.intake.programme_id)
    step = request.POST.get("step")
    if request.method == "POST" and step == "confirm":
        # Sessions that have started are offered too, so the rule can refuse them clearly.
        confirm = ModeConfirmForm(request.POST, sessions=cohort.sessions.all(), venues=venues_qs)
        if confirm.is_valid():
            data = confirm.cleaned_data
            try:
                changed = session_service.switch_mode(
                    sessions=data["sessions"],
                    mode=data["mode"],
                    joining_link=data.get("joining_link") or "",
                    joining_details=data.get("joining_details") or "",
                    venue=data.get("venue"),
                )
            except session_service.SessionRefused as refused:
                for problem in refused.problems:
                    confirm.add_error(None, problem)
            else:
                count = len(changed)
                messages.success(
                    request,
                    f"{count} session{'s' if count != 1 else ''} switched. Participants and "
                    "facilitators of published sessions have been emailed the new details.",
                )
                return redirect("delivery:timetable", pk=cohort.pk)
        chosen = cohort.sessions.filter(pk__in=request.POST.getlist("sessions"))
        return _confirm_page(request, cohort, confirm, chosen, request.POST.get("mode"))
    form = ModeChoiceForm(request.POST or None, sessions=upcoming)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["sessions"]
        mode = form.cleaned_data["mode"]
        confirm = ModeConfirmForm(
            initial={"sessions": [s.pk for s in chosen], "mode": mode},
            sessions=cohort.sessions.all(),
            venues=venues_qs,
        )
        return _confirm_page(request, cohort, confirm, chosen, mode)
    return render(request, "delivery/planning/mode_choose.html", {"cohort": cohort, "form": form})


def _confirm_page(request, cohort, form, chosen, mode):
    chosen = chosen.select_related("venue").order_by("starts_at", "pk")
    return render(
        request,
        "delivery/planning/mode_confirm.html",
        {"cohort": cohort, "form": form, "chosen": chosen, "mode": mode},
    )
