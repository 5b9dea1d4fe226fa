"""A participant's self-assessments and development goals."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from upon.accounts.permissions import get_object_for
from upon.delivery import self_assessment
from upon.delivery.access import GOALS, own_place, participant_required
from upon.delivery.forms.self_assessment import GoalForm, SelfAssessmentForm
from upon.delivery.models import AssessmentPoint, DevelopmentGoal
from upon.service.once import once

GOALS_PER_PAGE = 20


@participant_required
def overview(request):
    participant = own_place(request, "delivery.take_part")
    goals = Paginator(self_assessment.goals_for(participant=participant), GOALS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "participant": participant,
        "cohort": participant.cohort,
        "points": self_assessment.points_for(participant=participant),
        "page": goals,
    }
    return render(request, "delivery/self_assessment/self_assessment.html", context)


@participant_required
def assessment(request, point):
    if point not in AssessmentPoint.values:
        raise Http404("No such self-assessment")
    participant = own_place(request, "delivery.take_part")
    cohort = participant.cohort
    label = AssessmentPoint(point).label
    status = next(
        s for s in self_assessment.points_for(participant=participant) if s.point == point
    )
    capabilities = list(self_assessment.capabilities_for(cohort=cohort))
    saved = self_assessment.ratings_for(participant=participant, point=point)
    context = {"cohort": cohort, "point": point, "label": label, "status": status}
    if status.submitted or not status.is_open:
        context["ratings"] = [
            (
                capability,
                saved.get(capability.pk),
                self_assessment.LEVEL_NAMES.get(saved.get(capability.pk)),
            )
            for capability in capabilities
        ]
        return render(request, "delivery/self_assessment/assessment_done.html", context)
    submitting = request.POST.get("action") == "submit"
    form = SelfAssessmentForm(
        request.POST or None,
        capabilities=capabilities,
        submitting=submitting,
        initial={f"capability_{pk}": rating for pk, rating in saved.items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            self_assessment.save(
                participant=participant, point=point, ratings=form.ratings(), submit=submitting
            )
        except self_assessment.AlreadySubmitted as error:
            messages.error(request, error.message)
        else:
            if submitting:
                messages.success(request, f"Self-assessment for the {label.lower()} submitted.")
            else:
                messages.success(request, "Your ratings are saved. You can finish them later.")
        return redirect("delivery:self_assessment")
    context["form"] = form
    return render(request, "delivery/self_assessment/assessment_form.html", context)


def _goal_form(request, participant, goal=None):
    return GoalForm(
        request.POST or None,
        instance=goal or DevelopmentGoal(participant=participant),
        capabilities=self_assessment.capabilities_for(cohort=participant.cohort),
        editing=goal is not None,
    )


@participant_required
@once
def add_goal(request):
    participant = own_place(request, "delivery.take_part")
    form = _goal_form(request, participant)
    if request.method == "POST" and form.is_valid():
        self_assessment.add_goal(
            participant=participant,
            text=form.cleaned_data["text"],
            capability=form.cleaned_data["capability"],
        )
        messages.success(request, "Goal added to your development plan.")
        return redirect("delivery:self_assessment")
    return render(
        request,
        "delivery/self_assessment/goal_form.html",
        {"cohort": participant.cohort, "form": form, "goal": None},
    )


@participant_required
def edit_goal(request, pk):
    goal = get_object_for(request.user, GOALS, "delivery.take_part", pk=pk)
    participant = goal.participant
    form = _goal_form(request, participant, goal)
    if request.method == "POST" and form.is_valid():
        self_assessment.update_goal(
            goal=goal,
            text=form.cleaned_data["text"],
            capability=form.cleaned_data["capability"],
            achieved=form.cleaned_data["achieved"],
        )
        messages.success(request, "Goal saved.")
        return redirect("delivery:self_assessment")
    return render(
        request,
        "delivery/self_assessment/goal_form.html",
        {"cohort": participant.cohort, "form": form, "goal": goal},
    )
