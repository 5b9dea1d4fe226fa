"""The team's cohort needs page (from the participants' self-assessments) and the sessions that
address each need."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.delivery import needs, self_assessment
from upon.delivery.access import COHORTS
from upon.delivery.forms.self_assessment import NeedSessionsForm
from upon.recruitment.models import Capability


@team_required
def cohort_needs(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    result = needs.cohort_needs(cohort=cohort, point=request.GET.get("point"))
    context = {
        "cohort": cohort,
        "needs": result,
        "points": [(p, needs.POINT_LABELS[p]) for p in result.points_with_data],
        "distribution_chart": needs.distribution_chart(result),
        "change_chart": needs.change_chart(result),
        "levels": [(level, self_assessment.LEVEL_NAMES[level]) for level in self_assessment.LEVELS],
    }
    return render(request, "delivery/needs/needs.html", context)


@team_required
def need_sessions(request, pk, capability_pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    capability = get_object_or_404(Capability, pk=capability_pk, intake_id=cohort.intake_id)
    sessions = needs.sessions_for_choice(cohort=cohort)
    chosen = needs.sessions_addressing(cohort=cohort, capability=capability)
    form = NeedSessionsForm(
        request.POST or None,
        capability=capability,
        sessions=sessions,
        chosen=chosen,
    )
    if request.method == "POST" and form.is_valid():
        needs.set_sessions_addressing(
            cohort=cohort, capability=capability, sessions=form.cleaned_data["sessions"]
        )
        messages.success(request, f"Sessions that address {capability.name} saved.")
        return redirect("delivery:needs", pk=cohort.pk)
    context = {"cohort": cohort, "capability": capability, "form": form, "sessions": sessions}
    return render(request, "delivery/needs/need_sessions.html", context)
