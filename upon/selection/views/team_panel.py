"""Calibration and the moderation panel: rank, read the reviews, decide."""

import numpy as np
from django.contrib import messages
from django.contrib.humanize.templatetags.humanize import ordinal
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from upon.accounts.access import team_required
from upon.recruitment.models import Application
from upon.selection import calibration as calibration_service
from upon.selection import decisions, moderation
from upon.selection.access import get_application_for_selection, get_intake_for_selection
from upon.selection.audit import StaleVersion
from upon.selection.charts import interval, leniency_chart
from upon.selection.forms_team import BulkDecisionForm, DecisionForm
from upon.selection.models import AuditEvent, Decision, Review, Reviewer
from upon.selection.pool import settings_for

PAGE_SIZE = 25
FILTERS = {
    "all": "All reviewed applications",
    "cut": "Only those whose place changes with calibration",
    "disputed": "Only those where reviewers disagree",
    "undecided": "Only those without a decision",
}


@team_required
def calibration(request, pk):
    intake = get_intake_for_selection(request, pk)
    result = calibration_service.intake_calibration(intake=intake)
    names = dict(Reviewer.objects.filter(intake=intake).values_list("pk", "full_name"))
    reviewers = sorted(result.reviewers.values(), key=lambda r: (r.offset, r.reviewer_id))
    named = [(names.get(r.reviewer_id, ""), r) for r in reviewers]
    context = {
        "intake": intake,
        "result": result,
        "reviewers": [(name, r, interval(r)) for name, r in named],
        "leniency_chart": leniency_chart(named),
        "disputed": len(
            calibration_service.needing_further_review(intake=intake, calibration=result)
        ),
        "selection": settings_for(intake=intake),
    }
    return render(request, "selection/team/calibration.html", context)


@require_POST
@team_required
def further_reviews(request, pk):
    intake = get_intake_for_selection(request, pk)
    run = calibration_service.assign_further_reviews(intake=intake, actor=request.user)
    messages.success(
        request, f"{run.assigned} further review{'s' if run.assigned != 1 else ''} assigned."
    )
    if run.why_short:
        count = len(run.why_short)
        messages.warning(
            request,
            f"{count} application{'s' if count != 1 else ''} could not get one: "
            + ", ".join(f"{reference} ({why})" for reference, why in run.why_short)
            + ". Add reviewers, raise their capacities or check the conflicts.",
        )
    return redirect("selection:calibration", pk=intake.pk)


def _panel_context(request, intake, bulk_form=None) -> dict:
    selection = settings_for(intake=intake)
    shown = request.GET.get("show", "all")
    shown = shown if shown in FILTERS else "all"
    ranked = moderation.ranking(
        calibration=calibration_service.intake_calibration(intake=intake),
        cut=selection.places,
        threshold=float(selection.disagreement_threshold),
    )
    decisions_here = Decision.objects.filter(application__intake=intake)
    positions = np.arange(len(ranked))
    if shown == "cut":
        positions = positions[ranked.crosses_cut]
    elif shown == "disputed":
        positions = positions[ranked.disputed]
    elif shown == "undecided":
        decided_ids = np.fromiter(decisions_here.values_list("application_id", flat=True), int)
        positions = positions[~np.isin(ranked.application_ids, decided_ids)]
    page = Paginator(positions, PAGE_SIZE).get_page(request.GET.get("page"))
    cut = moderation.cut_after(positions, places=selection.places)
    cut_row = cut - page.start_index() + 1 if cut is not None else None
    on_page = ranked.rows(page.object_list)
    ids = [r.application_id for r in on_page]
    references = dict(Application.objects.filter(pk__in=ids).values_list("pk", "reference"))
    decided = {
        application_id: (outcome, version)
        for application_id, outcome, version in decisions_here.filter(
            application_id__in=ids
        ).values_list("application_id", "outcome", "version")
    }
    labels = dict(Decision._meta.get_field("outcome").choices)
    rows = []
    for index, r in enumerate(on_page):
        outcome, version = decided.get(r.application_id, (None, ""))
        rows.append(
            (r, references[r.application_id], labels.get(outcome, ""), version, index == cut_row)
        )
    selected = set(bulk_form["selected"].value() or []) if bulk_form is not None else set()
    return {
        "intake": intake,
        "selection": selection,
        "page": page,
        "rows": rows,
        # The page the cut line falls on, and whether any application shown is within places.
        "cut_page": cut // PAGE_SIZE + 1 if cut is not None else None,
        "any_within": len(positions) > 0 and positions[0] < selection.places,
        "filters": FILTERS,
        "shown": shown,
        "form": bulk_form or BulkDecisionForm(references=[]),
        "selected": selected,
    }


@team_required
def panel(request, pk):
    intake = get_intake_for_selection(request, pk)
    return render(request, "selection/team/panel.html", _panel_context(request, intake))


@require_POST
@team_required
def bulk_decide(request, pk):
    """Record one decision for the applications ticked on the ranking."""
    intake = get_intake_for_selection(request, pk)
    ticked = request.POST.getlist("selected")
    applications = {
        a.reference: a
        for a in Application.objects.filter(intake=intake, reference__in=ticked).select_related(
            "intake"
        )
    }
    form = BulkDecisionForm(request.POST, references=list(applications))
    if not form.is_valid():
        return render(request, "selection/team/panel.html", _panel_context(request, intake, form))
    versions = []
    for reference in form.cleaned_data["selected"]:
        seen = request.POST.get(f"version-{reference}", "")
        versions.append((applications[reference], int(seen) if seen.isdigit() else None))
    result = decisions.decide_many(
        applications_and_versions=versions,
        outcome=form.cleaned_data["outcome"],
        rationale=form.cleaned_data["rationale"],
        decided_by=request.user,
    )
    if result.recorded:
        count = len(result.recorded)
        text = f"Decision recorded for {count} application{'s' if count != 1 else ''}."
        if result.waitlisted:
            text += (
                " The cohort is already confirmed, so they were added to the end of the "
                "waiting list: " + ", ".join(result.waitlisted) + "."
            )
        messages.success(request, text)
    if result.changed_since:
        messages.warning(
            request,
            "Someone else changed the decision on "
            + ", ".join(result.changed_since)
            + " after you opened this page, so those were left as they are. "
            "Check them and decide again.",
        )
    if result.published:
        messages.warning(
            request,
            "The applicants have already been told about "
            + ", ".join(result.published)
            + ". Change a published decision on its own page, with a reason.",
        )
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return redirect(reverse("selection:moderation", args=[intake.pk]) + query)


def _reviews(application):
    return (
        Review.objects.filter(
            assignment__application=application,
            assignment__removed_at__isnull=True,
            submitted_at__isnull=False,
        )
        .select_related("assignment__reviewer")
        .prefetch_related("scores__capability")
        .order_by("submitted_at")
    )


@team_required
def decide(request, reference):
    application = get_application_for_selection(request, reference)
    decision = Decision.objects.filter(application=application).first()
    initial = {"version": decision.version} if decision else {}
    if decision:
        initial.update(outcome=decision.outcome, rationale=decision.rationale)
    form = DecisionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            decision = decisions.decide(
                application=application,
                outcome=form.cleaned_data["outcome"],
                rationale=form.cleaned_data["rationale"],
                decided_by=request.user,
                version=form.cleaned_data["version"],
                reversal_reason=form.cleaned_data["reversal_reason"],
            )
        except StaleVersion as error:
            form.add_error(None, error.message)
            status = 409
        except decisions.ReversalNeedsReason as error:
            form.add_error("reversal_reason", error.message)
        else:
            text = f"Decision recorded for {reference}."
            if decision.waitlist_entry is not None:
                text += (
                    f" The cohort is already confirmed, so {reference} is "
                    f"{ordinal(decision.waitlist_entry.position)} on the waiting list."
                )
            messages.success(request, text)
            return redirect("selection:moderation", pk=application.intake_id)
    result = calibration_service.intake_calibration(intake=application.intake)
    context = {
        "application": application,
        "intake": application.intake,
        "decision": decision,
        "form": form,
        "reviews": list(_reviews(application)),
        "result": result.application(application.pk),
        "events": AuditEvent.objects.filter(application=application).select_related("actor")[:20],
    }
    return render(request, "selection/team/decide.html", context, status=status)
