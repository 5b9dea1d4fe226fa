"""Action learning sets: the team forms them and moves people; members and the facilitator keep
the set's private notes.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from upon.accounts.access import team_required
from upon.accounts.permissions import check_object, get_object_for
from upon.delivery import cohorts, sets
from upon.delivery.access import (
    COHORTS,
    SETS,
    facilitator_required,
    own_place,
    participant_required,
)
from upon.delivery.forms.sets import FacilitatorForm, MoveForm, NoteForm
from upon.delivery.models import Participant
from upon.service.once import once
from upon.service.versioning import StaleVersion

NOTES_PER_PAGE = 20


# The team


@team_required
def team_sets(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    context = {"cohort": cohort, "overview": sets.overview(cohort=cohort)}
    return render(request, "delivery/sets/team_sets.html", context)


@require_POST
@team_required
@once
def form_sets(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    try:
        formation = sets.form(cohort=cohort)
    except sets.SetsHaveMet as error:
        messages.error(request, error.message)
        return redirect("delivery:team_sets", pk=cohort.pk)
    if not formation.feasible:
        messages.error(request, "The sets could not be formed. " + " ".join(formation.problems))
    else:
        people = sum(len(s) for s in formation.sets)
        messages.success(
            request,
            f"{people} people formed into {len(formation.sets)} "
            f"{'set' if len(formation.sets) == 1 else 'sets'}. Mix score "
            f"{formation.score} of a possible {formation.upper_bound}.",
        )
    return redirect("delivery:team_sets", pk=cohort.pk)


@team_required
def move(request, pk):
    """Move people between sets. Warnings show as choices change (htmx posts the form and gets
    the check back); without JavaScript, "Check the sets" does the same with the whole page.
    Saving sets that break a rule needs "Save anyway" ticked."""
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    cohort_sets = list(sets.cohort_sets(cohort=cohort))
    participants = list(sets.active_participants(cohort=cohort))
    members = sets.members_for(participants)
    placement = {p.pk: p.action_learning_set_id for p in participants}

    def move_form(data=None, *, record=cohort, placement=placement):
        return MoveForm(
            data,
            record=record,
            people=[(p.pk, members[p.pk].id) for p in participants],
            groups=[(s.pk, s.name) for s in cohort_sets],
            placement=placement,
            none_label="Not in a set",
            label="Set for {}",
        )

    form = move_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        placement = form.placement()
    result = sets.check(sets=cohort_sets, participants=participants, placement=placement)
    context = {
        "cohort": cohort,
        "form": form,
        "result": result,
        "rows": [
            (p, members[p.pk], field)
            for p, (_, field) in zip(participants, form.rows(), strict=True)
        ],
        "checked": request.method == "POST",
    }
    if request.headers.get("HX-Request"):
        response = render(request, "delivery/sets/_move_check.html", context)
        patch_vary_headers(response, ["HX-Request"])
        return response
    if (
        request.method == "POST"
        and form.is_valid()
        and request.POST.get("action") == "save"
        and (not result["warnings"] or form.cleaned_data["confirm"])
    ):
        try:
            moved = sets.move(
                cohort=cohort,
                placement=placement,
                version=form.cleaned_data.get("version"),
                by=request.user,
            )
        except StaleVersion:
            fresh = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
            now = dict(
                Participant.objects.filter(pk__in=placement).values_list(
                    "pk", "action_learning_set_id"
                )
            )
            form.refuse_stale(move_form(record=fresh, placement=now))
            response = render(request, "delivery/sets/move.html", context, status=409)
            patch_vary_headers(response, ["HX-Request"])
            return response
        messages.success(
            request, f"{moved} {'person' if moved == 1 else 'people'} moved. The sets are saved."
        )
        return redirect("delivery:team_sets", pk=cohort.pk)
    context["needs_confirm"] = (
        request.method == "POST" and request.POST.get("action") == "save" and result["warnings"]
    )
    response = render(request, "delivery/sets/move.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@team_required
def set_facilitator(request, pk):
    action_learning_set = get_object_for(request.user, SETS, "delivery.manage_cohort", pk=pk)
    cohort = action_learning_set.cohort
    facilitators = cohorts.facilitators(cohort=cohort)
    form = FacilitatorForm(
        request.POST or None, action_learning_set=action_learning_set, facilitators=facilitators
    )
    if request.method == "POST" and form.is_valid():
        facilitator = form.chosen()
        try:
            sets.set_facilitator(
                action_learning_set=action_learning_set,
                facilitator=facilitator,
                version=form.cleaned_data["version"],
                by=request.user,
            )
        except StaleVersion:
            action_learning_set = get_object_for(
                request.user, SETS, "delivery.manage_cohort", pk=pk
            )
            form.refuse_stale(
                FacilitatorForm(action_learning_set=action_learning_set, facilitators=facilitators)
            )
        else:
            messages.success(
                request,
                f"{facilitator} facilitates {action_learning_set.name}."
                if facilitator
                else f"{action_learning_set.name} has no facilitator.",
            )
            return redirect("delivery:team_sets", pk=cohort.pk)
    context = {"cohort": cohort, "action_learning_set": action_learning_set, "form": form}
    status = 409 if form.stale else 200
    return render(request, "delivery/sets/facilitator_form.html", context, status=status)


# The set itself: its members and facilitator


def _set_page(request, action_learning_set, *, cohort, back_url, back_text):
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sets.add_note(
            action_learning_set=action_learning_set,
            author=request.user,
            text=form.cleaned_data["text"],
        )
        messages.success(request, "Note added. Only this set can read it.")
        return redirect(request.path)
    page = Paginator(
        sets.notes_for(action_learning_set=action_learning_set), NOTES_PER_PAGE
    ).get_page(request.GET.get("page"))
    context = {
        "cohort": cohort,
        "action_learning_set": action_learning_set,
        "members": list(sets.members_of(action_learning_set=action_learning_set)),
        "page": page,
        "form": form,
        "back_url": back_url,
        "back_text": back_text,
    }
    return render(request, "delivery/sets/set.html", context)


@participant_required
@once
def my_set(request):
    participant = own_place(request, "delivery.take_part")
    if request.method == "POST":
        # Notes are a set's: in none, there is nothing to post a note to (404).
        check_object(request.user, "delivery.meet_in_set", participant)
    action_learning_set = participant.action_learning_set
    if action_learning_set is None:
        return render(request, "delivery/sets/no_set.html", {"cohort": participant.cohort})
    return _set_page(
        request,
        action_learning_set,
        cohort=participant.cohort,
        back_url=None,
        back_text="",
    )


@facilitator_required
@once
def facilitator_set(request, pk):
    action_learning_set = get_object_for(request.user, SETS, "delivery.facilitate_set", pk=pk)
    return _set_page(
        request,
        action_learning_set,
        cohort=action_learning_set.cohort,
        back_url=None,
        back_text="",
    )
