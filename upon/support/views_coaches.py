"""The team's coach pool: list, add, change, remove; and declaring a conflict of interest."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.accounts.roles import team_programme_ids
from upon.programmes.models import Programme
from upon.service import checks
from upon.service.once import once
from upon.support import coach_pool, coaching
from upon.support.forms_coaches import CoachForm, DeclareConflictForm, NewCoachForm
from upon.support.models import Coach

COACHES = Coach.objects.select_related("user", "programme")


@team_required
def coach_pool_page(request):
    programme_ids = team_programme_ids(request.user)
    context = {
        "coaches": list(coach_pool.pool_of(programme_ids)),
        "programmes": list(Programme.objects.filter(pk__in=programme_ids).order_by("name")),
    }
    return render(request, "support/coach_pool.html", context)


@team_required
@once
def add_coach(request, pk):
    programme = get_object_for(request.user, Programme, "support.manage_coach_pool", pk=pk)
    form = NewCoachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            coach = coach_pool.add_coach(
                programme=programme, user=form.user, by=request.user, **form.details()
            )
        except coach_pool.AlreadyACoach:
            form.add_error("email", "This person is in the coach pool already")
        else:
            messages.success(request, f"{coach} added to the coach pool.")
            return redirect("support:coach_pool")
    return render(request, "support/coach_form.html", {"form": form, "programme": programme})


@team_required
def change_coach(request, pk):
    coach = get_object_for(request.user, COACHES, "support.change_coach", pk=pk)
    form = CoachForm(request.POST or None, instance=coach)
    if request.method == "POST" and form.is_valid():
        coach_pool.change_coach(coach=coach, **form.details())
        messages.success(request, f"{coach} saved.")
        return redirect("support:coach_pool")
    context = {
        "form": form,
        "coach": coach,
        "programme": coach.programme,
        "conflicts": list(coach_pool.declared_for(coach)),
    }
    return render(request, "support/coach_form.html", context)


@team_required
@once
def declare_conflict(request, pk):
    coach = get_object_for(request.user, COACHES, "support.change_coach", pk=pk)
    directors = (
        get_user_model()
        .objects.filter(entitlements__programme_id=coach.programme_id)
        .distinct()
        .order_by("full_name")
    )
    form = DeclareConflictForm(request.POST or None, directors=directors)
    if request.method == "POST" and form.is_valid():
        coach_pool.declare_conflict(
            coach=coach,
            director=form.cleaned_data["director"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        messages.success(
            request, f"Conflict of interest declared: {coach} and {form.cleaned_data['director']}."
        )
        return redirect("support:change_coach", pk=coach.pk)
    return render(request, "support/declare_conflict.html", {"form": form, "coach": coach})


@team_required
def remove_coach(request, pk):
    """Check, then remove: GET names the directors whose coaching ends; POST, from that page
    only (it carries whom it showed), takes the coach out of the pool."""
    coach = get_object_for(request.user, COACHES, "support.change_coach", pk=pk)
    if coach.left_pool_on:
        messages.info(request, f"{coach} left the pool on {coach.left_pool_on:%-d %B %Y}.")
        return redirect("support:change_coach", pk=coach.pk)
    expected = checks.checked_ids(request)
    if request.method == "POST" and expected is not None:
        try:
            ended = coaching.leave_pool(coach=coach, expected=expected)
        except checks.ChangedSinceChecked as error:
            messages.warning(request, error.message)
        else:
            waiting = (
                f" {len(ended)} director{'s' if len(ended) != 1 else ''} will be matched again."
            )
            messages.success(request, f"{coach} removed from the pool.{waiting if ended else ''}")
            return redirect("support:coach_pool")
    elif request.method == "POST":  # not from the check page: show it, do nothing
        return redirect("support:remove_coach", pk=coach.pk)
    ending = list(coaching.leaving(coach))
    context = {"coach": coach, "ending": ending, "checked": checks.shown(r.pk for r in ending)}
    status = 409 if request.method == "POST" else 200
    return render(request, "support/remove_coach.html", context, status=status)
