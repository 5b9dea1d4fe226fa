"""Completion: the team's view of progress against the completion rule, confirming completion,
and certificates (the participant's own and the team's copy)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.delivery import certificates, completion, completion_rule
from upon.delivery.access import (
    COHORTS,
    PARTICIPANTS,
    own_place,
    participant_required,
)
from upon.delivery.models import (
    ParticipantStatus,
)
from upon.service import checks
from upon.service.once import once

PAGE_SIZE = 50


FILTERS = {
    "all": "Everyone",
    completion.AT_RISK: "At risk",
    completion.CANNOT_COMPLETE: "Cannot complete",
    completion.ON_TRACK: "On track",
    completion.COMPLETED: "Met the rule",
    "not_taking_part": "Withdrawn or deferred",
}


NOT_TAKING_PART = (ParticipantStatus.WITHDRAWN, ParticipantStatus.DEFERRED)


@team_required
def progress(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    people = list(
        cohort.participants.select_related(
            "user", "action_learning_set", "status_changed_by"
        ).order_by("user__full_name", "pk")
    )
    taking_part = [p for p in people if p.status not in NOT_TAKING_PART]
    results = completion.cohort_progress(cohort=cohort, participants=taking_part)
    counts = {key: 0 for key in completion.LABELS}
    for result in results.values():
        counts[result.status] += 1
    ready = sum(
        1
        for p in taking_part
        if p.status == ParticipantStatus.ACTIVE and results[p.pk].status == completion.COMPLETED
    )
    shown = request.GET.get("show", "all")
    shown = shown if shown in FILTERS else "all"
    if shown == "not_taking_part":
        chosen = [p for p in people if p.status in NOT_TAKING_PART]
    elif shown != "all":
        chosen = [p for p in taking_part if results[p.pk].status == shown]
    else:
        chosen = people
    page = Paginator(chosen, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "cohort": cohort,
        "page": page,
        "rows": [(p, results.get(p.pk)) for p in page.object_list],
        "counts": [(completion.LABELS[key], n) for key, n in counts.items()],
        "not_taking_part": len(people) - len(taking_part),
        "ready": ready,
        "filters": FILTERS,
        "shown": shown,
        "why_not_yet": certificates.refusal(cohort=cohort),
        "rule_lowered": completion_rule.last_lowered(cohort=cohort),
    }
    return render(request, "delivery/completion/team_progress.html", context)


@team_required
@once
def confirm_completion(request, pk):
    """Check, then confirm: GET says who will be confirmed and what happens to them; POST, from
    that page only (it carries who it showed), confirms them."""
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    back = redirect("delivery:team_progress", pk=cohort.pk)
    if why := certificates.refusal(cohort=cohort):
        if request.method == "POST":
            messages.error(request, why)  # an error: the submission token is not kept
            return back
        return render(request, "delivery/completion/confirm.html", {"cohort": cohort, "why": why})
    expected = checks.checked_ids(request)
    if request.method == "POST" and expected is not None:
        try:
            confirmed = certificates.confirm_completion(
                cohort=cohort, by=request.user, expected=expected
            )
        except checks.ChangedSinceChecked as error:
            messages.warning(request, error.message)
        else:
            return _confirmed(request, confirmed, back)
    elif request.method == "POST":  # not from the check page: show it, do nothing
        return redirect("delivery:confirm_completion", pk=cohort.pk)
    people = certificates.ready_to_confirm(cohort=cohort)
    if not people:
        messages.info(request, "Nobody new has met the completion rule.")
        return back
    context = {
        "cohort": cohort,
        "count": len(people),
        "named": checks.few(people),
        "checked": checks.shown(p.pk for p in people),
        "button": f"Confirm completion for {completion.count_of(len(people), 'person', 'people')}",
    }
    status = 409 if request.method == "POST" else 200
    return render(request, "delivery/completion/confirm.html", context, status=status)


def _confirmed(request, confirmed, back):
    n = len(confirmed)
    if n:
        messages.success(
            request,
            f"Completion confirmed for {n} {'person' if n == 1 else 'people'}. "
            f"Each has been emailed a link to their certificate.",
        )
    else:
        messages.info(request, "Nobody new has met the completion rule.")
    return back


@team_required
def participant_certificate(request, pk):
    return pdf_response(get_object_for(request.user, PARTICIPANTS, "delivery.manage_cohort", pk=pk))


def pdf_response(participant) -> HttpResponse:
    try:
        pdf = certificates.certificate_pdf(participant=participant)
    except certificates.NoCertificate:
        raise Http404("No certificate") from None
    response = HttpResponse(pdf, content_type="application/pdf")
    name = certificates.filename(participant=participant)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@participant_required
def own_certificate(request):
    return pdf_response(own_place(request, "delivery.view_own_place"))
