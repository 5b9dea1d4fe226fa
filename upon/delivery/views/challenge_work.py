"""A challenge's work: participants submit their team's work, facilitators give feedback, and a
submitted file is for its team, the cohort's facilitators and the programme team."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from upon.accounts.permissions import get_object_for
from upon.delivery import challenges
from upon.delivery.access import (
    CHALLENGE_TEAMS,
    CHALLENGES,
    SUBMISSIONS,
    facilitator_required,
    own_place,
    participant_required,
)
from upon.delivery.forms.challenges import (
    ChallengeFeedbackForm,
    SubmissionForm,
)
from upon.delivery.models import (
    ActionLearningSet,
    Challenge,
    ChallengeSubmission,
    ChallengeTeam,
    Participant,
)
from upon.delivery.rules import facilitated_intake_ids, place_for
from upon.delivery.views.challenges import PER_PAGE, challenge_page, with_counts
from upon.service.once import once


@participant_required
def my_challenges(request):
    participant = own_place(request, "delivery.take_part")
    page = Paginator(
        with_counts(Challenge.objects.filter(cohort=participant.cohort)), PER_PAGE
    ).get_page(request.GET.get("page"))
    team_of = {
        team.challenge_id: team
        for team in ChallengeTeam.objects.filter(
            members=participant, challenge__in=[c.pk for c in page.object_list]
        ).annotate(submitted=Count("submissions"))
    }
    rows = [(challenge, team_of.get(challenge.pk)) for challenge in page.object_list]
    context = {"cohort": participant.cohort, "page": page, "rows": rows}
    return render(request, "delivery/challenges/my_challenges.html", context)


@participant_required
@once
def challenge(request, pk):
    item = get_object_for(request.user, CHALLENGES, "delivery.take_part", pk=pk)
    mine = (
        CHALLENGE_TEAMS.filter(challenge=item, members=place_for(request.user, item))
        .select_related("feedback_by")
        .prefetch_related(
            Prefetch("members", queryset=Participant.objects.select_related("user")),
            Prefetch(
                "submissions", queryset=ChallengeSubmission.objects.select_related("submitted_by")
            ),
        )
    )
    if request.method == "POST":
        # Only a team's members submit its work: in no team, there is no team to find (404).
        team = get_object_for(request.user, mine, "delivery.submit_challenge_work", challenge=item)
    else:
        team = mine.first()
    deadline_passed = timezone.now() > item.deadline
    form = (
        SubmissionForm(request.POST, request.FILES)
        if request.method == "POST"
        else SubmissionForm()
    )
    if request.method == "POST" and form.is_valid():
        try:
            challenges.submit(team=team, upload=form.cleaned_data["file"], by=request.user)
        except challenges.DeadlinePassed as error:
            form.add_error("file", error.message)
        except challenges.NotInTeam as error:
            form.add_error("file", error.message)
        else:
            messages.success(
                request, f"{team.name}'s work is submitted. Your facilitator can now read it."
            )
            return redirect("delivery:challenge", pk=item.pk)
    context = {
        "cohort": item.cohort,
        "challenge": item,
        "team": team,
        "form": form,
        "deadline_passed": deadline_passed,
    }
    return render(request, "delivery/challenges/challenge.html", context)


@facilitator_required
def facilitator_challenges(request):
    intakes = facilitated_intake_ids(request.user)
    queryset = with_counts(
        Challenge.objects.filter(cohort__intake_id__in=intakes).select_related("cohort")
    )
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    own_sets = ActionLearningSet.objects.filter(
        facilitator=request.user, cohort__intake_id__in=intakes
    ).select_related("cohort")
    return render(
        request,
        "delivery/challenges/facilitator_challenges.html",
        {"page": page, "own_sets": list(own_sets.order_by("cohort__starts_on", "name"))},
    )


@facilitator_required
def facilitator_challenge(request, pk):
    challenge = get_object_for(request.user, CHALLENGES, "delivery.facilitate_challenge", pk=pk)
    return challenge_page(request, challenge, as_team=False)


@facilitator_required
def challenge_feedback(request, pk):
    team = get_object_for(request.user, CHALLENGE_TEAMS, "delivery.facilitate_challenge", pk=pk)
    challenge = team.challenge
    form = ChallengeFeedbackForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        challenges.give_feedback(team=team, text=form.cleaned_data["feedback"], by=request.user)
        messages.success(request, f"Feedback for {team.name} saved. We have emailed the team.")
        return redirect("delivery:facilitator_challenge", pk=challenge.pk)
    context = {"cohort": challenge.cohort, "challenge": challenge, "team": team, "form": form}
    return render(request, "delivery/challenges/feedback_form.html", context)


@login_required
def submission_file(request, pk):
    submission = get_object_for(request.user, SUBMISSIONS, "delivery.view_challenge_file", pk=pk)
    content_type = mimetypes.guess_type(submission.original_name)[0] or "application/octet-stream"
    return FileResponse(
        submission.file.open("rb"),
        as_attachment=True,
        filename=submission.original_name,
        content_type=content_type,
    )
