"""Leadership challenges: the team sets them and forms teams, participants submit their team's
work, facilitators give feedback."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from upon.accounts import roles
from upon.accounts.access import team_required
from upon.accounts.models import Role
from upon.delivery import challenges, sets
from upon.delivery.access import (
    check_team_for_cohort,
    facilitates,
    facilitator_required,
    get_cohort_for_team,
    get_participation,
    participant_required,
)
from upon.delivery.forms_sets import (
    ChallengeForm,
    FeedbackForm,
    FormTeamsForm,
    PlacementForm,
    SubmissionForm,
)
from upon.delivery.models import (
    ActionLearningSet,
    Challenge,
    ChallengeSubmission,
    ChallengeTeam,
    Participant,
)

PER_PAGE = 20


def _with_counts(queryset):
    return queryset.annotate(
        team_count=Count("teams", distinct=True),
        submission_count=Count("teams__submissions", distinct=True),
    ).order_by("deadline", "pk")


def _teams_with_work(challenge):
    return (
        ChallengeTeam.objects.filter(challenge=challenge)
        .select_related("feedback_by")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=Participant.objects.select_related("user").order_by("user__full_name"),
            ),
            Prefetch(
                "submissions",
                queryset=ChallengeSubmission.objects.select_related("submitted_by"),
            ),
        )
        .order_by("pk")
    )


def get_challenge_for_team(request, pk) -> Challenge:
    challenge = get_object_or_404(
        Challenge.objects.select_related("cohort__intake__programme"), pk=pk
    )
    check_team_for_cohort(request, challenge.cohort)
    return challenge


def get_challenge_for_facilitator(request, pk) -> Challenge:
    challenge = get_object_or_404(Challenge.objects.select_related("cohort__intake"), pk=pk)
    if not facilitates(request.user, challenge.cohort):
        raise Http404("No such challenge for this person")
    return challenge


# The team


@team_required
def team_challenges(request, pk):
    cohort = get_cohort_for_team(request, pk)
    page = Paginator(_with_counts(Challenge.objects.filter(cohort=cohort)), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "delivery/sets/team_challenges.html", {"cohort": cohort, "page": page})


@team_required
def add_challenge(request, pk):
    cohort = get_cohort_for_team(request, pk)
    form = ChallengeForm(request.POST or None, now=timezone.now())
    if request.method == "POST" and form.is_valid():
        challenge = challenges.create_challenge(
            cohort=cohort,
            title=form.cleaned_data["title"],
            brief=form.cleaned_data["brief"],
            deadline=form.deadline,
        )
        messages.success(request, f"{challenge.title} added. Now form the teams.")
        return redirect("delivery_sets:team_challenge", pk=challenge.pk)
    return render(
        request,
        "delivery/sets/challenge_form.html",
        {"cohort": cohort, "form": form, "challenge": None},
    )


@team_required
def edit_challenge(request, pk):
    challenge = get_challenge_for_team(request, pk)
    form = ChallengeForm(request.POST or None, instance=challenge, now=timezone.now())
    if request.method == "POST" and form.is_valid():
        challenges.update_challenge(
            challenge=challenge,
            title=form.cleaned_data["title"],
            brief=form.cleaned_data["brief"],
            deadline=form.deadline,
        )
        messages.success(request, f"{challenge.title} saved.")
        return redirect("delivery_sets:team_challenge", pk=challenge.pk)
    return render(
        request,
        "delivery/sets/challenge_form.html",
        {"cohort": challenge.cohort, "form": form, "challenge": challenge},
    )


def _challenge_page(request, challenge, *, as_team, teams_form=None):
    context = {
        "cohort": challenge.cohort,
        "challenge": challenge,
        "teams": list(_teams_with_work(challenge)),
        "as_team": as_team,
        "form": teams_form or (FormTeamsForm() if as_team else None),
        "deadline_passed": timezone.now() > challenge.deadline,
    }
    return render(request, "delivery/sets/challenge_teams.html", context)


@team_required
def team_challenge(request, pk):
    challenge = get_challenge_for_team(request, pk)
    return _challenge_page(request, challenge, as_team=True)


@require_POST
@team_required
def form_teams(request, pk):
    challenge = get_challenge_for_team(request, pk)
    form = FormTeamsForm(request.POST)
    if not form.is_valid():
        return _challenge_page(request, challenge, as_team=True, teams_form=form)
    try:
        result = challenges.form_teams(challenge=challenge, teams=form.cleaned_data["teams"])
    except challenges.TeamsHaveSubmitted as error:
        messages.error(request, error.message)
        return redirect("delivery_sets:team_challenge", pk=challenge.pk)
    if not result.formed:
        form.add_error("teams", result.problems[0])
        return _challenge_page(request, challenge, as_team=True, teams_form=form)
    text = f"{result.teams} teams formed."
    if not result.employers_mixed_fully:
        text += (
            " Some employers have more people than there are teams, so some teams hold two "
            "people from one employer."
        )
    messages.success(request, text)
    return redirect("delivery_sets:team_challenge", pk=challenge.pk)


@require_POST
@team_required
def add_team(request, pk):
    challenge = get_challenge_for_team(request, pk)
    team = challenges.add_team(challenge=challenge)
    messages.success(request, f"{team.name} added. Choose its members.")
    return redirect("delivery_sets:teams_by_hand", pk=challenge.pk)


@team_required
def teams_by_hand(request, pk):
    challenge = get_challenge_for_team(request, pk)
    teams = list(ChallengeTeam.objects.filter(challenge=challenge).order_by("pk"))
    participants = list(sets.active_participants(cohort=challenge.cohort))
    members = sets.members_for(participants)
    current = dict(
        ChallengeTeam.members.through.objects.filter(
            challengeteam__challenge=challenge
        ).values_list("participant_id", "challengeteam_id")
    )
    form = PlacementForm(
        request.POST or None,
        people=[(p.pk, members[p.pk].id) for p in participants],
        groups=[(t.pk, t.name) for t in teams],
        placement=current,
        none_label="Not in a team",
        label="Team for {}",
    )
    if request.method == "POST" and form.is_valid():
        moved = challenges.place_by_hand(challenge=challenge, placement=form.placement())
        messages.success(
            request, f"{moved} {'person' if moved == 1 else 'people'} moved. The teams are saved."
        )
        return redirect("delivery_sets:team_challenge", pk=challenge.pk)
    context = {
        "cohort": challenge.cohort,
        "challenge": challenge,
        "form": form,
        "teams": teams,
        "rows": [
            (p, members[p.pk], field)
            for p, (_, field) in zip(participants, form.rows(), strict=True)
        ],
    }
    return render(request, "delivery/sets/teams_by_hand.html", context)


# Participants


@participant_required
def my_challenges(request):
    participant = get_participation(request)
    page = Paginator(
        _with_counts(Challenge.objects.filter(cohort=participant.cohort)), PER_PAGE
    ).get_page(request.GET.get("page"))
    team_of = {
        team.challenge_id: team
        for team in ChallengeTeam.objects.filter(
            members=participant, challenge__in=[c.pk for c in page.object_list]
        ).annotate(submitted=Count("submissions"))
    }
    rows = [(challenge, team_of.get(challenge.pk)) for challenge in page.object_list]
    context = {"cohort": participant.cohort, "page": page, "rows": rows}
    return render(request, "delivery/sets/my_challenges.html", context)


@participant_required
def challenge(request, pk):
    participant = get_participation(request)
    item = get_object_or_404(Challenge, pk=pk, cohort=participant.cohort)
    team = (
        ChallengeTeam.objects.filter(challenge=item, members=participant)
        .select_related("feedback_by")
        .prefetch_related(
            Prefetch("members", queryset=Participant.objects.select_related("user")),
            Prefetch(
                "submissions", queryset=ChallengeSubmission.objects.select_related("submitted_by")
            ),
        )
        .first()
    )
    deadline_passed = timezone.now() > item.deadline
    form = (
        SubmissionForm(request.POST, request.FILES)
        if request.method == "POST"
        else SubmissionForm()
    )
    if request.method == "POST":
        if team is None:
            raise Http404("Not in a team for this challenge")
        if form.is_valid():
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
                return redirect("delivery_sets:challenge", pk=item.pk)
    context = {
        "cohort": participant.cohort,
        "challenge": item,
        "team": team,
        "form": form,
        "deadline_passed": deadline_passed,
    }
    return render(request, "delivery/sets/challenge.html", context)


# Facilitators


@facilitator_required
def facilitator_challenges(request):
    intakes = roles.intake_ids(request.user, Role.FACILITATOR)
    queryset = _with_counts(
        Challenge.objects.filter(cohort__intake_id__in=intakes).select_related("cohort")
    )
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    own_sets = ActionLearningSet.objects.filter(
        facilitator=request.user, cohort__intake_id__in=intakes
    ).select_related("cohort")
    return render(
        request,
        "delivery/sets/facilitator_challenges.html",
        {"page": page, "own_sets": list(own_sets.order_by("cohort__starts_on", "name"))},
    )


@facilitator_required
def facilitator_challenge(request, pk):
    challenge = get_challenge_for_facilitator(request, pk)
    return _challenge_page(request, challenge, as_team=False)


@facilitator_required
def feedback(request, pk):
    team = get_object_or_404(ChallengeTeam.objects.select_related("challenge__cohort"), pk=pk)
    challenge = get_challenge_for_facilitator(request, team.challenge_id)
    form = FeedbackForm(request.POST or None, team=team)
    if request.method == "POST" and form.is_valid():
        challenges.give_feedback(team=team, text=form.cleaned_data["feedback"], by=request.user)
        messages.success(request, f"Feedback for {team.name} saved. We have emailed the team.")
        return redirect("delivery_sets:facilitator_challenge", pk=challenge.pk)
    context = {"cohort": challenge.cohort, "challenge": challenge, "team": team, "form": form}
    return render(request, "delivery/sets/feedback_form.html", context)


# A submitted file, for its team, the cohort's facilitators and the programme team


@login_required
def submission_file(request, pk):
    submission = get_object_or_404(
        ChallengeSubmission.objects.select_related("team__challenge__cohort__intake"), pk=pk
    )
    cohort = submission.team.challenge.cohort
    allowed = (
        request.user.has_perm("programmes.manage_intake", cohort.intake)
        or facilitates(request.user, cohort)
        or Participant.objects.filter(
            user=request.user,
            challenge_teams=submission.team,
            status__in=sets.MEMBER_STATUSES,
        ).exists()
    )
    if not allowed:
        raise Http404("No such file for this person")
    content_type = mimetypes.guess_type(submission.original_name)[0] or "application/octet-stream"
    return FileResponse(
        submission.file.open("rb"),
        as_attachment=True,
        filename=submission.original_name,
        content_type=content_type,
    )
