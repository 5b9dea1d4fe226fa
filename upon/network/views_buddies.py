"""Buddy pairing: the team's list of new directors without a buddy with the rule's proposal,
offering it or choosing another; the new director's buddy and answer; the buddy's list."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from upon.accounts.access import role_required, team_required
from upon.accounts.models import Role
from upon.accounts.permissions import get_object_for
from upon.accounts.roles import team_programme_ids
from upon.network import buddies
from upon.network.forms_buddies import AnswerBuddyForm, ChooseBuddyForm

PER_PAGE = 20


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _entitlement(request, pk):
    return get_object_for(request.user, buddies.ENTITLEMENTS, "network.pair_buddy", pk=pk)


@team_required
def team_buddies(request):
    page = _page(request, buddies.needing_buddies(team_programme_ids(request.user)))
    rows = buddies.proposals(page, today=timezone.localdate())
    return render(request, "network/buddies/team.html", {"page": page, "rows": rows})


@require_POST
@team_required
def offer_buddy(request, pk):
    entitlement = _entitlement(request, pk)
    try:
        pair = buddies.offer(entitlement=entitlement, by=request.user)
    except buddies.CannotPair as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            f"{pair.buddy.full_name} offered as buddy to {entitlement.person.full_name}.",
        )
    return redirect("network:team_buddies")


@team_required
def choose_buddy(request, pk):
    entitlement = _entitlement(request, pk)
    candidates = buddies.choices_for(entitlement, today=timezone.localdate())
    form = ChooseBuddyForm(
        request.POST if request.method == "POST" else None, candidates=candidates
    )
    if request.method == "POST" and form.is_valid():
        try:
            pair = buddies.offer(
                entitlement=entitlement, buddy_id=form.cleaned_data["buddy"], by=request.user
            )
        except buddies.CannotPair as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                f"{pair.buddy.full_name} offered as buddy to {entitlement.person.full_name}.",
            )
        return redirect("network:team_buddies")
    context = {"form": form, "entitlement": entitlement, "candidates": candidates}
    return render(request, "network/buddies/choose.html", context)


@role_required(Role.NEW_DIRECTOR)
def my_buddy(request):
    pair = buddies.current_for(request.user)
    form = AnswerBuddyForm() if pair and pair.status == "offered" else None
    return render(request, "network/buddies/my_buddy.html", {"pair": pair, "form": form})


@require_POST
@role_required(Role.NEW_DIRECTOR)
def answer_buddy(request, pk):
    pair = get_object_for(request.user, buddies.PAIRS, "network.answer_buddy", pk=pk)
    form = AnswerBuddyForm(request.POST)
    if not form.is_valid():
        return render(request, "network/buddies/my_buddy.html", {"pair": pair, "form": form})
    accept = form.cleaned_data["answer"] == "accept"
    try:
        buddies.answer(pair=pair, accept=accept)
    except buddies.CannotPair as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            f"You accepted {pair.buddy.full_name} as your buddy."
            if accept
            else "You declined the buddy. The programme team will offer another.",
        )
    return redirect("network:my_buddy")


@role_required(Role.ALUMNUS)
def my_buddies(request):
    page = _page(request, buddies.buddies_of(request.user))
    return render(request, "network/buddies/my_buddies.html", {"page": page})
