"""The cohort: the proposal, the lead's confirmation, offers, the waitlist and feedback."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.programmes.models import Intake
from upon.recruitment.models import Application
from upon.selection import composition, decisions, offers, stranded
from upon.selection.access import get_application_for_selection, get_intake_for_selection
from upon.selection.forms_team import FeedbackForm
from upon.selection.models import Decision, Offer, Outcome, WaitlistEntry
from upon.selection.pool import settings_for
from upon.service import checks


def _labels(ids) -> dict:
    return {
        a.pk: a for a in Application.objects.filter(pk__in=list(ids)).select_related("employer")
    }


@team_required
def cohort_page(request, pk):
    intake = get_intake_for_selection(request, pk)
    selection = settings_for(intake=intake)
    # Shown the confirm button; whether it is theirs to press is checked again on POST.
    is_lead = request.user.has_perm("selection.confirm_cohort", intake)
    context = {"intake": intake, "selection": selection, "is_lead": is_lead}
    if selection.composition_confirmed_at:
        context["offers"] = list(
            Offer.objects.filter(application__intake=intake)
            .select_related("application")
            .order_by("sent_at", "pk")
        )
        context["waitlist"] = list(
            WaitlistEntry.objects.filter(intake=intake).select_related("application")[:50]
        )
        context["open_places"] = offers.open_places(intake=intake)
        context["accepted"] = offers.accepted_places(intake=intake)
        context["declined"] = (
            Decision.objects.filter(application__intake=intake, outcome=Outcome.DECLINE)
            .select_related("application")
            .order_by("application__reference")
        )
    else:
        proposal = composition.propose(intake=intake)
        people = _labels(proposal.selected)
        context["proposal"] = proposal
        context["chosen"] = [people[pk] for pk in proposal.selected]
        context["misses"] = composition.named_near_misses(intake=intake, proposal=proposal)
    return render(request, "selection/team/cohort.html", context)


STRANDED_PER_PAGE = 50


@team_required
def stranded_applications(request, pk):
    """Every application in a state with no next step, each with what to do."""
    intake = get_intake_for_selection(request, pk)
    queryset, review_closed = stranded.stranded_queryset(intake=intake, now=timezone.now())
    page = Paginator(queryset, STRANDED_PER_PAGE).get_page(request.GET.get("page"))
    rows = [stranded.describe(a, review_closed=review_closed) for a in page.object_list]
    return render(
        request,
        "selection/team/stranded.html",
        {"intake": intake, "page": page, "rows": rows},
    )


@team_required
def confirm(request, pk):
    """Check, then confirm: GET says who is offered a place and what happens; POST, from that
    page only (it carries who it showed), confirms the cohort and sends the offers."""
    intake = get_object_for(request.user, Intake, "selection.confirm_cohort", pk=pk)
    back = redirect("selection:cohort", pk=intake.pk)
    expected = checks.checked_ids(request)
    if request.method == "POST" and expected is None:  # not from the check page
        return redirect("selection:confirm", pk=intake.pk)
    status = 200
    try:
        if request.method == "POST":
            proposal = composition.confirm(
                intake=intake, confirmed_by=request.user, expected=expected
            )
            _say_confirmed(request, proposal)
            return back
        if settings_for(intake=intake).composition_confirmed_at:
            raise composition.AlreadyConfirmed()
    except composition.AlreadyConfirmed as error:
        messages.warning(request, error.message)
        return back
    except checks.ChangedSinceChecked as error:
        messages.warning(request, error.message)
        status = 409
    plan = composition.what_confirming_does(intake=intake)
    if not plan.offered or not plan.proposal.feasible:
        return back  # the cohort page says why there is nothing to confirm
    context = {
        "intake": intake,
        "plan": plan,
        "named": checks.few(plan.offered),
        "checked": checks.shown(a.pk for a in plan.offered),
        "button": "Confirm cohort and send offers",
    }
    return render(request, "selection/team/confirm.html", context, status=status)


def _say_confirmed(request, proposal) -> None:
    if proposal.feasible:
        messages.success(
            request,
            f"Cohort confirmed. {len(proposal.selected)} offers sent; "
            f"{composition.people(len(proposal.waitlist))} on the waiting list.",
        )
    else:
        messages.warning(request, "The cohort cannot be composed: " + " ".join(proposal.problems))


@require_POST
@team_required
def publish_decisions(request, pk):
    intake = get_intake_for_selection(request, pk)
    sent = composition.publish_unsuccessful(intake=intake, actor=request.user)
    messages.success(request, f"{sent} decision email{'s' if sent != 1 else ''} sent.")
    return redirect("selection:cohort", pk=intake.pk)


@team_required
def feedback(request, reference):
    application = get_application_for_selection(request, reference)
    decision = Decision.objects.filter(application=application, outcome=Outcome.DECLINE).first()
    if decision is None:
        messages.info(request, f"{reference} was not declined: feedback is only for those it was")
        return redirect("selection:cohort", pk=application.intake_id)
    initial = {
        "feedback": decision.feedback or decisions.suggested_feedback(application=application)
    }
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        decisions.approve_feedback(
            decision=decision, feedback=form.cleaned_data["feedback"], approved_by=request.user
        )
        messages.success(request, f"Feedback approved for {reference}.")
        return redirect("selection:cohort", pk=application.intake_id)
    return render(
        request,
        "selection/team/feedback.html",
        {"application": application, "form": form, "decision": decision},
    )
