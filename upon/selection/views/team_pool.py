"""The programme team runs review: settings, the reviewer pool and who reviews what."""

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.selection import assignment as assignment_service
from upon.selection import conflicts, offers, pool
from upon.selection.access import get_application_for_selection, get_intake_for_selection
from upon.selection.forms_team import (
    AddAssignmentForm,
    ReasonForm,
    ReviewerForm,
    SelectionSettingsForm,
)
from upon.selection.models import ReviewAssignment, Reviewer
from upon.service.once import once
from upon.service.versioning import StaleVersion


def _reviewer_rows(intake):
    return (
        Reviewer.objects.filter(intake=intake)
        .annotate(
            load=Count("assignments", filter=Q(assignments__removed_at__isnull=True)),
            submitted=Count(
                "assignments",
                filter=Q(
                    assignments__removed_at__isnull=True,
                    assignments__review__submitted_at__isnull=False,
                ),
            ),
        )
        .order_by("full_name", "email")
    )


@team_required
def overview(request, pk):
    intake = get_intake_for_selection(request, pk)
    selection = pool.settings_for(intake=intake)
    in_review = conflicts.applications_reviewed(intake=intake).count()
    assignments = ReviewAssignment.objects.filter(
        application__intake=intake, removed_at__isnull=True
    ).aggregate(
        total=Count("pk"),
        submitted=Count("pk", filter=Q(review__submitted_at__isnull=False)),
    )
    context = {
        "intake": intake,
        "selection": selection,
        "in_review": in_review,
        "needed": in_review * selection.reviews_per_application,
        "accepted": offers.accepted_places(intake=intake),
        "assignments": assignments,
        "reviewers": list(_reviewer_rows(intake)),
    }
    return render(request, "selection/team/overview.html", context)


@team_required
def edit_settings(request, pk):
    intake = get_intake_for_selection(request, pk)
    selection = pool.settings_for(intake=intake)
    form = SelectionSettingsForm(request.POST or None, instance=selection)
    status = 200
    if request.method == "POST" and form.is_valid():
        # Settings not yet saved when the page opened start at version 1.
        opened = form.cleaned_data["version"] if "version" in form.fields else 1
        try:
            pool.save_settings(
                intake=intake, changes=form.changes(), changed_by=request.user, version=opened
            )
        except StaleVersion:
            form.refuse_stale(SelectionSettingsForm(instance=pool.settings_for(intake=intake)))
            status = 409
        else:
            messages.success(request, "Selection settings saved.")
            return redirect("selection:overview", pk=intake.pk)
    context = {"intake": intake, "form": form}
    return render(request, "selection/team/settings.html", context, status=status)


@team_required
@once
def add_reviewer(request, pk):
    intake = get_intake_for_selection(request, pk)
    form = ReviewerForm(request.POST or None, intake=intake)
    if request.method == "POST" and form.is_valid():
        reviewer = form.reviewer_data()
        pool.add_reviewer(intake=intake, added_by=request.user, **reviewer)
        messages.success(
            request, f"{reviewer['full_name']} added. We have emailed them an invitation."
        )
        return redirect("selection:overview", pk=intake.pk)
    return render(request, "selection/team/reviewer_form.html", {"intake": intake, "form": form})


@team_required
def withdraw_reviewer(request, pk):
    reviewer = get_object_for(
        request.user,
        Reviewer.objects.select_related("intake__programme"),
        "selection.manage_reviewer",
        pk=pk,
    )
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        pool.withdraw_reviewer(
            reviewer=reviewer, withdrawn_by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            f"{reviewer} withdrawn. Their unfinished reviews have gone to other reviewers.",
        )
        return redirect("selection:overview", pk=reviewer.intake_id)
    return render(
        request, "selection/team/withdraw_reviewer.html", {"reviewer": reviewer, "form": form}
    )


@require_POST
@team_required
@once
def run_assignment(request, pk):
    intake = get_intake_for_selection(request, pk)
    result = assignment_service.run_assignment(intake=intake, actor=request.user)
    if result.short:
        messages.warning(
            request,
            f"{result.assigned} reviews assigned. {len(result.short)} applications could not get "
            "enough reviewers without a conflict: add reviewers or raise capacities, then assign "
            "again. " + ", ".join(result.short[:10]),
        )
    else:
        messages.success(
            request, f"{result.assigned} reviews assigned. Every application has its reviewers."
        )
    return redirect("selection:overview", pk=intake.pk)


@team_required
@once
def application_reviewers(request, reference):
    application = get_application_for_selection(request, reference)
    intake = application.intake
    current = list(
        ReviewAssignment.objects.filter(application=application, removed_at__isnull=True)
        .select_related("reviewer", "review")
        .order_by("assigned_at")
    )
    available = Reviewer.objects.filter(intake=intake, withdrawn_at__isnull=True).exclude(
        pk__in=[a.reviewer_id for a in current]
    )
    form = AddAssignmentForm(request.POST or None, reviewers=available)
    warnings = []
    if request.method == "POST" and form.is_valid():
        try:
            assignment_service.add_assignment(
                application=application,
                reviewer=form.cleaned_data["reviewer"],
                actor=request.user,
                despite_conflict=form.cleaned_data["despite_conflict"],
                reason=form.cleaned_data["conflict_reason"],
            )
        except assignment_service.OwnApplication as refusal:
            form.add_error("reviewer", refusal.message)
        except assignment_service.ConflictReasonMissing as missing:
            form.add_error("conflict_reason", missing.message)
            warnings = missing.reasons
        except assignment_service.ConflictWarning as warning:
            warnings = warning.reasons
        else:
            messages.success(request, f"{form.cleaned_data['reviewer']} will review {reference}.")
            return redirect("selection:application_reviewers", reference=reference)
    if not warnings:
        form.without_override()
    found = conflicts.find_conflicts(intake=intake)
    context = {
        "application": application,
        "current": current,
        "form": form,
        "warnings": warnings,
        "conflicted": [
            (reviewer, conflicts.describe(found[(application.pk, reviewer.pk)]))
            for reviewer in Reviewer.objects.filter(intake=intake)
            if (application.pk, reviewer.pk) in found
        ],
    }
    return render(request, "selection/team/application_reviewers.html", context)


@require_POST
@team_required
def remove_assignment(request, pk):
    assignment = get_object_for(
        request.user,
        ReviewAssignment.objects.select_related("application__intake", "reviewer"),
        "selection.manage_assignment",
        pk=pk,
    )
    application = assignment.application
    try:
        assignment_service.remove_assignment(
            assignment=assignment, actor=request.user, reason="Removed by the programme team"
        )
    except assignment_service.CannotRemove as error:
        messages.warning(request, str(error))
    else:
        messages.success(
            request, f"{assignment.reviewer} no longer reviews {application.reference}."
        )
    return redirect("selection:application_reviewers", reference=application.reference)
