"""The coaching log: the coach's and the director's log of a relationship, logging a session,
the relationship check; the team's hours and counts, and its alerts from low answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.accounts.roles import team_programme_ids
from upon.service.once import once
from upon.support import coaching
from upon.support import coaching_log as log
from upon.support.forms_coaching_log import RelationshipCheckForm, SessionForm
from upon.support.views import _page

PERM = "support.keep_coaching_log"


def _relationship(request, pk):
    return get_object_for(request.user, coaching.RELATIONSHIPS, PERM, pk=pk)


@login_required
def coaching_log(request, pk):
    relationship = _relationship(request, pk)
    side = log.side_of(relationship, request.user)
    page = _page(request, log.sessions_for(relationship, request.user))
    sessions = [(s, log.theme_names(s)) for s in page]
    context = {
        "relationship": relationship,
        "page": page,
        "sessions": sessions,
        "budget": log.budget(relationship.entitlement),
        "check_due": log.check_due(relationship, side),
        "is_director": side == "director",
    }
    return render(request, "support/coaching_log/log.html", context)


@login_required
@once
def log_session(request, pk):
    relationship = _relationship(request, pk)
    if not relationship.is_running:
        messages.error(request, "This coaching has ended: no more sessions can be logged.")
        return redirect("support:coaching_log", pk=relationship.pk)
    form = SessionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            session = log.log_session(relationship=relationship, by=request.user, **form.details())
        except log.CannotLog as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            used = log.budget(relationship.entitlement)
            messages.success(request, f"{session} logged. {used.warning}".strip())
            return redirect("support:coaching_log", pk=relationship.pk)
    context = {"form": form, "relationship": relationship}
    return render(request, "support/coaching_log/session_form.html", context)


@login_required
def relationship_check(request, pk):
    relationship = _relationship(request, pk)
    side = log.side_of(relationship, request.user)
    answered = relationship.checks.filter(side=side).first()
    due = log.check_due(relationship, side)
    form = RelationshipCheckForm(request.POST if request.method == "POST" else None, side=side)
    if request.method == "POST":
        if not due:
            messages.error(request, "The relationship check is not open to you.")
            return redirect("support:coaching_log", pk=relationship.pk)
        if form.is_valid():
            try:
                log.answer_check(relationship=relationship, by=request.user, **form.cleaned_data)
            except log.NotDue:
                messages.error(request, "You have answered the relationship check already.")
            else:
                messages.success(request, "Thank you. Your answers are saved.")
            return redirect("support:coaching_log", pk=relationship.pk)
    context = {
        "form": form,
        "relationship": relationship,
        "answered": answered,
        "due": due,
        "after": log.CHECK_AFTER,
    }
    return render(request, "support/coaching_log/check.html", context)


@team_required
def team_coaching(request):
    programme_ids = team_programme_ids(request.user)
    page = _page(request, log.for_team(programme_ids))
    rows = [
        (
            relationship,
            log.Budget(used=relationship.used, hours=relationship.entitlement.coaching_hours),
            {check.side: check for check in relationship.checks.all()},
        )
        for relationship in page
    ]
    context = {
        "page": page,
        "rows": rows,
        "alerts": list(log.team_alerts(programme_ids)[:20]),
    }
    return render(request, "support/coaching_log/team.html", context)


@require_POST
@team_required
def mark_check_reviewed(request, pk):
    check = get_object_for(request.user, log.CHECKS, "support.review_relationship_check", pk=pk)
    log.mark_reviewed(check=check)
    relationship = check.relationship
    messages.success(
        request,
        f"Marked as reviewed: the {check.get_side_display().lower()}'s answers for "
        f"{relationship.coach.user.full_name} coaching {relationship.director.full_name}.",
    )
    return redirect("support:team_coaching")
