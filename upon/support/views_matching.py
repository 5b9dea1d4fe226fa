"""Matching: the director's shortlist and ranking; the team's match and its confirmation; the
coach's directors and declining one; a director asking to be matched again."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from upon.accounts import roles
from upon.accounts.access import role_required
from upon.accounts.models import Role
from upon.accounts.permissions import get_object_for
from upon.programmes.models import Programme
from upon.service.once import once
from upon.support import coach_matching, coaching, shortlists
from upon.support.forms_coaches import EndCoachingForm, RankingForm


@role_required(Role.NEW_DIRECTOR)
def shortlist(request):
    today = timezone.localdate()
    programme_ids = roles.programme_ids(request.user, Role.NEW_DIRECTOR)
    entitlement = shortlists.open_entitlement_of(request.user, programme_ids, today)
    coached = list(coaching.coach_of(request.user))
    # A director with a coach now has nothing to rank (they may ask for another coach).
    if coached:
        entitlement = None
    found = shortlists.shortlist(entitlement=entitlement, today=today) if entitlement else []
    form = RankingForm(request.POST or None, shortlisted=found)
    if request.method == "POST" and entitlement and form.is_valid():
        shortlists.rank(entitlement=entitlement, ranks=form.ranks())
        messages.success(request, "Your ranking is saved. The programme team will match you.")
        return redirect("support:shortlist")
    rows = [(entry, form[f"coach_{entry.coach.pk}"]) for entry in found]
    context = {
        "entitlement": entitlement,
        "rows": rows,
        "form": form,
        "coaching": coached,
    }
    return render(request, "support/shortlist.html", context)


@role_required(*sorted(roles.TEAM_ROLES), refusal="Programme team only")
def match(request, pk):
    programme = get_object_for(request.user, Programme, "support.run_match", pk=pk)
    found = coach_matching.run(programme=programme)
    proposal = ",".join(f"{e}:{c}" for e, c in found.proposal())
    context = {"programme": programme, "run": found, "proposal": proposal}
    return render(request, "support/match.html", context)


def _proposal(text: str) -> list[tuple[int, int]]:
    try:
        return [tuple(int(n) for n in pair.split(":")) for pair in text.split(",") if pair]
    except ValueError:
        return []


@require_POST
@role_required(*sorted(roles.TEAM_ROLES), refusal="Programme team only")
@once
def confirm_match(request, pk):
    programme = get_object_for(request.user, Programme, "support.run_match", pk=pk)
    try:
        made = coach_matching.confirm(
            programme=programme,
            proposal=_proposal(request.POST.get("proposal", "")),
            by=request.user,
        )
    except coach_matching.MatchChanged:
        messages.error(request, "The match has changed since you saw it. Check it again.")
        return redirect("support:match", pk=programme.pk)
    has = "director has" if len(made) == 1 else "directors have"
    messages.success(request, f"Match confirmed: {len(made)} {has} a coach.")
    return redirect("support:match", pk=programme.pk)


@role_required(Role.COACH)
def coach_home(request):
    programme_ids = roles.programme_ids(request.user, Role.COACH)
    found = list(coaching.directors_of(request.user, programme_ids))
    return render(request, "support/coach_home.html", {"relationships": found})


def _end(request, pk, *, perm, end, label, empty, button, back, template):
    relationship = get_object_for(request.user, coaching.RELATIONSHIPS, perm, pk=pk)
    form = EndCoachingForm(request.POST or None, label=label, empty=empty)
    if request.method == "POST" and form.is_valid():
        try:
            end(relationship=relationship, note=form.cleaned_data["note"])
        except coaching.AlreadyEnded:
            messages.error(request, "This coaching has ended already.")
        else:
            messages.success(request, "Saved. The programme team will match the director again.")
        return redirect(back)
    context = {"form": form, "relationship": relationship, "button": button, "back": back}
    return render(request, template, context)


@role_required(Role.COACH)
def decline_director(request, pk):
    return _end(
        request,
        pk,
        perm="support.decline_director",
        end=coaching.decline,
        label="Why are you declining?",
        empty="Enter why you are declining",
        button="Decline",
        back="support:coach_home",
        template="support/decline_director.html",
    )


@role_required(Role.NEW_DIRECTOR)
def ask_rematch(request, pk):
    return _end(
        request,
        pk,
        perm="support.ask_rematch",
        end=coaching.ask_rematch,
        label="Why do you want another coach?",
        empty="Enter why you want another coach",
        button="Ask for another coach",
        back="support:shortlist",
        template="support/ask_rematch.html",
    )
