"""The reviewer's pages: their queue, the blind review, and declaring a conflict."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from upon.recruitment.capabilities import DEFAULT_CAPABILITIES
from upon.selection import assignment as assignment_service
from upon.selection import reviews
from upon.selection.access import (
    get_assignment_for_reviewer,
    reviewer_required,
    rubric_readers_required,
)
from upon.selection.audit import StaleVersion
from upon.selection.forms import DeclareConflictForm, ReviewForm
from upon.selection.models import Review
from upon.selection.pool import settings_for
from upon.selection.queue import queue_for
from upon.selection.rubric import scale_for
from upon.service.versioning import carry_version

PAGE_SIZE = 25
# What the autosave puts in the review page's status region when it cannot save.
AUTOSAVE_STALE = (
    "This review was changed in another tab or window, so your latest changes have not been "
    "saved. Reload the page to see the review as it is saved now, then make your changes again."
)
AUTOSAVE_INVALID = (
    "Your latest changes have not been saved. Select Save draft and come back later to see "
    "what needs changing."
)


def _status(assignment) -> tuple[str, str]:
    review = getattr(assignment, "review", None)
    if review is None:
        return "Not started", "govuk-tag--grey"
    if review.submitted_at:
        return "Submitted", "govuk-tag--green"
    return "Draft saved", "govuk-tag--yellow"


@reviewer_required
def queue(request):
    assignments = queue_for(request.user).select_related("review", "reviewer__intake__selection")
    page = Paginator(assignments, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for assignment in page.object_list:
        label, tag = _status(assignment)
        selection = getattr(assignment.reviewer.intake, "selection", None)
        rows.append(
            {
                "assignment": assignment,
                "code": reviews.code_for(assignment.application_id),
                "intake": assignment.reviewer.intake,
                "status": label,
                "tag": tag,
                "deadline": selection.review_deadline if selection else None,
            }
        )
    return render(request, "selection/reviewer/queue.html", {"page": page, "rows": rows})


def _form(assignment, review, data=None):
    capabilities = assignment.application.intake.capabilities.all()
    if data is not None:
        return ReviewForm(data, capabilities=capabilities)
    initial = {
        "version": review.version,
        "recommendation": review.recommendation,
        "confidence": review.confidence,
    }
    for row in review.scores.all() if review.pk else ():
        initial[f"score_{row.capability_id}"] = str(row.score) if row.score else None
        initial[f"comment_{row.capability_id}"] = row.comment
    return ReviewForm(initial=initial, capabilities=capabilities)


def _save(request, review, form) -> tuple[str | None, Review]:
    """Save the form: an error message to show (or None when it saved), and the review."""
    if not form.is_valid():
        return None, review
    try:
        review = reviews.save_review(
            review=review,
            version=form.cleaned_data["version"],
            scores=form.scores(),
            comments=form.comments(),
            recommendation=form.cleaned_data["recommendation"],
            confidence=form.cleaned_data["confidence"],
            submit="submit" in request.POST,
        )
    except StaleVersion as error:
        # Often the reviewer's own autosave (or another tab) saved first: the page carries the
        # version saved now, so submitting again succeeds instead of being refused forever.
        review = reviews.review_for(assignment=review.assignment)
        carry_version(form, review.version)
        return error.message, review
    except reviews.ReviewClosed as error:
        return error.message, review
    except reviews.ReviewIncomplete as error:
        for what, message in error.missing:
            form.add_error(f"score_{what}" if isinstance(what, int) else what, message)
        return "", review
    return None, review


def _autosaved(request, review, form, problem):
    """The autosave's answer: the text for the page's status region (which stays in the page,
    so a screen reader announces the change) and, once saved, the new version."""
    if problem is None and form.is_valid():
        review.refresh_from_db()
        return render(request, "selection/reviewer/autosave.html", {"review": review})
    if problem == StaleVersion.message:
        # The page keeps the version it had, so every later autosave is refused too and
        # nothing saved elsewhere is overwritten.
        message, status = AUTOSAVE_STALE, 409
    elif problem:
        message, status = problem, 409
    else:
        message, status = AUTOSAVE_INVALID, 422
    return render(request, "selection/reviewer/autosave.html", {"problem": message}, status=status)


@reviewer_required
def review(request, pk):
    assignment = get_assignment_for_reviewer(request, pk)
    application = assignment.application
    the_review = reviews.review_for(assignment=assignment)
    problem = None
    if request.method == "POST":
        form = _form(assignment, the_review, request.POST)
        problem, the_review = _save(request, the_review, form)
        if request.headers.get("HX-Request"):
            return _autosaved(request, the_review, form, problem)
        if problem is None and form.is_valid():
            if "submit" in request.POST:
                messages.success(request, "Review submitted. Thank you.")
                return redirect("selection:queue")
            messages.success(request, "Draft saved. You can come back to it at any time.")
            return redirect("selection:review", pk=assignment.pk)
        if problem:
            form.add_error(None, problem)
    else:
        form = _form(assignment, the_review)
    selection = settings_for(intake=application.intake)
    blind = reviews.blind_view(application)
    context = {
        "assignment": assignment,
        "review": the_review,
        "blind": blind,
        "form": form,
        "sections": [
            (
                capability,
                score,
                comment,
                blind.statements.get(capability.pk, ""),
                scale_for(capability.name),
            )
            for capability, score, comment in form.sections()
        ],
        "deadline": selection.review_deadline,
        "open": reviews.is_open_for_changes(review=the_review, deadline=selection.review_deadline),
        "now": timezone.now(),
    }
    status = 409 if problem else 200
    return render(request, "selection/reviewer/review.html", context, status=status)


@reviewer_required
def declare_conflict(request, pk):
    assignment = get_assignment_for_reviewer(request, pk)
    form = DeclareConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assignment_service.declare_conflict(
            assignment=assignment, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request, "Thank you. This application will go to another reviewer instead."
        )
        return redirect("selection:queue")
    code = reviews.applicant_code(assignment.application)
    return render(
        request,
        "selection/reviewer/conflict.html",
        {"form": form, "code": code, "assignment": assignment},
    )


@rubric_readers_required
def rubric(request):
    """What each score means for each capability of the framework."""
    capabilities = [
        (name, description, scale_for(name)) for name, description, _limit in DEFAULT_CAPABILITIES
    ]
    return render(request, "selection/reviewer/rubric.html", {"capabilities": capabilities})
