"""Leadership challenges: the team sets them and forms teams."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from upon.accounts.access import team_required
from upon.accounts.permissions import get_object_for
from upon.delivery import challenges, sets
from upon.delivery.access import (
    CHALLENGES,
    COHORTS,
)
from upon.delivery.forms.challenges import (
    ChallengeForm,
    FormTeamsForm,
)
from upon.delivery.forms.sets import PlacementForm
from upon.delivery.models import (
    Challenge,
    ChallengeSubmission,
    ChallengeTeam,
    Participant,
)
from upon.service.once import once
from upon.service.versioning import StaleVersion

PER_PAGE = 20


def with_counts(queryset):
    return queryset.annotate(
        team_count=Count("teams", distinct=True),
        submission_count=Count("teams__submissions", distinct=True),
    ).order_by("deadline", "pk")


def teams_with_work(challenge):
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


@team_required
def team_challenges(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    page = Paginator(with_counts(Challenge.objects.filter(cohort=cohort)), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "delivery/challenges/team_challenges.html", {"cohort": cohort, "page": page}
    )


def _challenge_form(request, *, cohort, challenge=None):
    """Add a challenge to the cohort (no `challenge`) or change one: one form, one page."""
    form = ChallengeForm(request.POST or None, instance=challenge, now=timezone.now())
    if request.method == "POST" and form.is_valid():
        fields = {
            "title": form.cleaned_data["title"],
            "brief": form.cleaned_data["brief"],
            "deadline": form.deadline,
        }
        if challenge is None:
            challenge = challenges.create_challenge(cohort=cohort, **fields)
            messages.success(request, f"{challenge.title} added. Now form the teams.")
            return redirect("delivery:team_challenge", pk=challenge.pk)
        try:
            challenges.update_challenge(
                challenge=challenge, version=form.cleaned_data["version"], by=request.user, **fields
            )
        except StaleVersion:
            challenge = Challenge.objects.get(pk=challenge.pk)
            form.refuse_stale(ChallengeForm(instance=challenge, now=form.now))
        else:
            messages.success(request, f"{challenge.title} saved.")
            return redirect("delivery:team_challenge", pk=challenge.pk)
    return render(
        request,
        "delivery/challenges/challenge_form.html",
        {"cohort": cohort, "form": form, "challenge": challenge},
        status=409 if form.stale else 200,
    )


@team_required
@once
def add_challenge(request, pk):
    cohort = get_object_for(request.user, COHORTS, "delivery.manage_cohort", pk=pk)
    return _challenge_form(request, cohort=cohort)


@team_required
def edit_challenge(request, pk):
    challenge = get_object_for(request.user, CHALLENGES, "delivery.manage_cohort", pk=pk)
    return _challenge_form(request, cohort=challenge.cohort, challenge=challenge)


def challenge_page(request, challenge, *, as_team, teams_form=None):
    context = {
        "cohort": challenge.cohort,
        "challenge": challenge,
        "teams": list(teams_with_work(challenge)),
        "as_team": as_team,
        "form": teams_form or (FormTeamsForm() if as_team else None),
        "deadline_passed": timezone.now() > challenge.deadline,
    }
    return render(request, "delivery/challenges/challenge_teams.html", context)


@team_required
def team_challenge(request, pk):
    challenge = get_object_for(request.user, CHALLENGES, "delivery.manage_cohort", pk=pk)
    return challenge_page(request, challenge, as_team=True)


@require_POST
@team_required
@once
def form_teams(request, pk):
    challenge = get_object_for(request.user, CHALLENGES, "delivery.manage_cohort", pk=pk)
    form = FormTeamsForm(request.POST)
    if not form.is_valid():
        return challenge_page(request, challenge, as_team=True, teams_form=form)
    try:
        result = challenges.form_teams(challenge=challenge, teams=form.cleaned_data["teams"])
    except challenges.TeamsHaveSubmitted as error:
        messages.error(request, error.message)
        return redirect("delivery:team_challenge", pk=challenge.pk)
    if not result.formed:
        form.add_error("teams", result.problems[0])
        return challenge_page(request, challenge, as_team=True, teams_form=form)
    text = f"{result.teams} teams formed."
    if not result.employers_mixed_fully:
        text += (
            " Some employers have more people than there are teams, so some teams hold two "
            "people from one employer."
        )
    messages.success(request, text)
    return redirect("delivery:team_challenge", pk=challenge.pk)


@require_POST
@team_required
@once
def add_team(request, pk):
    challenge = get_object_for(request.user, CHALLENGES, "delivery.manage_cohort", pk=pk)
    team = challenges.add_team(challenge=challenge)
    messages.success(request, f"{team.name} added. Choose its members.")
    return redirect("delivery:teams_by_hand", pk=challenge.pk)


def _team_of_each(challenge) -> dict[int, int]:
    """participant id -> the id of their team in the challenge."""
    return dict(
        ChallengeTeam.members.through.objects.filter(
            challengeteam__challenge=challenge
        ).values_list("participant_id", "challengeteam_id")
    )


@team_required
def teams_by_hand(request, pk):
    challenge = get_object_for(request.user, CHALLENGES, "delivery.manage_cohort", pk=pk)
    teams = list(ChallengeTeam.objects.filter(challenge=challenge).order_by("pk"))
    participants = list(sets.active_participants(cohort=challenge.cohort))
    members = sets.members_for(participants)
    current = _team_of_each(challenge)

    def placement_form(data=None, *, record=challenge, placement=current):
        return PlacementForm(
            data,
            record=record,
            people=[(p.pk, members[p.pk].id) for p in participants],
            groups=[(t.pk, t.name) for t in teams],
            placement=placement,
            none_label="Not in a team",
            label="Team for {}",
        )

    form = placement_form(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            moved = challenges.place_by_hand(
                challenge=challenge,
                placement=form.placement(),
                version=form.cleaned_data.get("version"),
                by=request.user,
            )
        except StaleVersion:
            fresh = get_object_for(request.user, CHALLENGES, "delivery.manage_cohort", pk=pk)
            form.refuse_stale(placement_form(record=fresh, placement=_team_of_each(fresh)))
            status = 409
        else:
            messages.success(
                request,
                f"{moved} {'person' if moved == 1 else 'people'} moved. The teams are saved.",
            )
            return redirect("delivery:team_challenge", pk=challenge.pk)
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
    return render(request, "delivery/challenges/teams_by_hand.html", context, status=status)
