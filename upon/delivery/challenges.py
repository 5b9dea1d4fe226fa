"""Leadership challenges: a brief and a deadline, teams of participants (formed automatically or
by hand), one upload per submission from the team and feedback from a facilitator.

Teams formed automatically are balanced in size and mix employers, regions, sectors and kinds
of employer, with the same algorithm as action learning sets: no two people from one employer
share a team when there are enough teams for that; when there are not, the mix of employers is
made as wide as it can be instead.

Uploads are PDF, DOCX, PPTX or XLSX up to 20 MB, checked by name and by content, since a file's
name alone says nothing about what is in it.
"""

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from upon.delivery.algorithms import set_formation
from upon.delivery.models import Challenge, ChallengeSubmission, ChallengeTeam, Participant
from upon.delivery.sets import active_participants, members_for
from upon.service import uploads
from upon.service.mail import send_templated
from upon.service.times import time_on_date
from upon.service.versioning import claim


def moment(value) -> str:
    """A time in England as people say it: 5pm on 3 March 2027, 5:30pm on 3 March 2027."""
    return time_on_date(value)


class DeadlinePassed(Exception):
    def __init__(self, deadline):
        self.message = (
            f"The deadline for this challenge was {moment(deadline)}. Ask the programme team "
            "if your team needs more time."
        )
        super().__init__(self.message)


class NotInTeam(Exception):
    message = "Only members of the team can submit its work."


class TeamsHaveSubmitted(Exception):
    message = (
        "Teams cannot be formed again because work has been submitted. Change the teams by "
        "hand instead."
    )


def check_upload(upload) -> None:
    """Refuse anything but a PDF, DOCX, PPTX or XLSX of at most 20 MB, with GOV.UK wording."""
    problem = uploads.upload_problem(upload, allowed=uploads.DOCUMENTS)
    if problem:
        raise ValidationError(problem, code="upload")


def create_challenge(*, cohort, title: str, brief: str, deadline) -> Challenge:
    return Challenge.objects.create(cohort=cohort, title=title, brief=brief, deadline=deadline)


@transaction.atomic
def update_challenge(
    *, challenge, title: str, brief: str, deadline, version: int | None, by=None
) -> Challenge:
    """Change a challenge; StaleVersion if someone else changed it since `version`."""
    claim(challenge, version=version, by=by)
    challenge.title, challenge.brief, challenge.deadline = title, brief, deadline
    challenge.save(update_fields=["title", "brief", "deadline"])
    return challenge


@dataclass(frozen=True)
class TeamFormation:
    teams: int
    score: int
    upper_bound: int
    employers_mixed_fully: bool  # False: some team holds two people from one employer
    problems: tuple[str, ...] = ()

    @property
    def formed(self) -> bool:
        return not self.problems


def _teams(challenge):
    return ChallengeTeam.objects.filter(challenge=challenge).order_by("pk")


@transaction.atomic
def form_teams(*, challenge, teams: int, seed: int = 0) -> TeamFormation:
    """Split the cohort's active participants into `teams` teams of balanced size with the
    widest mix, replacing the challenge's teams. Refused once any team has submitted."""
    Challenge.objects.select_for_update().get(pk=challenge.pk)
    if ChallengeSubmission.objects.filter(team__challenge=challenge).exists():
        raise TeamsHaveSubmitted()
    participants = list(active_participants(cohort=challenge.cohort))
    if teams < 1:
        return TeamFormation(0, 0, 0, True, ("Enter a number of teams of 1 or more",))
    if teams > len(participants):
        return TeamFormation(
            0,
            0,
            0,
            True,
            (
                f"There are only {len(participants)} people taking part, so there can be at "
                f"most {len(participants)} teams",
            ),
        )
    members = members_for(participants)
    people = list(members.values())
    size = -(-len(people) // teams)
    formation = set_formation.form_sets(
        members=people, n_sets=teams, min_size=1, max_size=size, seed=seed, time_limit_s=1.0
    )
    fully = formation.feasible
    if not fully:
        # More people from one employer than there are teams: no hard employer rule, and the
        # real employer is mixed as widely as it can be, in place of the kind of employer.
        loose = [
            set_formation.Member(
                id=m.id,
                region=m.region,
                sector=m.sector,
                employer=f"{m.id} alone",
                employer_type=m.employer,
            )
            for m in people
        ]
        formation = set_formation.form_sets(
            members=loose,
            n_sets=teams,
            min_size=1,
            max_size=size,
            seed=seed,
            time_limit_s=1.0,
        )
    ChallengeTeam.objects.filter(challenge=challenge).delete()
    participant_of = {member.id: pk for pk, member in members.items()}
    for number, ids in enumerate(formation.sets, start=1):
        team = ChallengeTeam.objects.create(challenge=challenge, name=f"Team {number}")
        team.members.set([participant_of[i] for i in ids])
    return TeamFormation(
        teams=len(formation.sets),
        score=formation.score,
        upper_bound=formation.upper_bound,
        employers_mixed_fully=fully,
    )


@transaction.atomic
def add_team(*, challenge) -> ChallengeTeam:
    """An empty team, named after the last: Team 1, Team 2 and so on."""
    number = ChallengeTeam.objects.filter(challenge=challenge).count() + 1
    names = set(ChallengeTeam.objects.filter(challenge=challenge).values_list("name", flat=True))
    while f"Team {number}" in names:
        number += 1
    return ChallengeTeam.objects.create(challenge=challenge, name=f"Team {number}")


@transaction.atomic
@transaction.atomic
def place_by_hand(
    *, challenge, placement: dict[int, int | None], version: int | None, by=None
) -> int:
    """Put each active participant in the team given (None: no team). Returns how many moved.
    StaleVersion, moving no one, if the challenge changed since `version`."""
    claim(challenge, version=version, by=by)
    teams = list(_teams(challenge).prefetch_related("members"))
    current = {p.pk: team.pk for team in teams for p in team.members.all()}
    by_pk = {team.pk: team for team in teams}
    moved = 0
    for participant in active_participants(cohort=challenge.cohort):
        if participant.pk not in placement:
            continue
        target = placement[participant.pk]
        target = target if target in by_pk else None
        now = current.get(participant.pk)
        if now == target:
            continue
        if now is not None:
            by_pk[now].members.remove(participant)
        if target is not None:
            by_pk[target].members.add(participant)
        moved += 1
    return moved


def team_of(*, challenge, participant) -> ChallengeTeam | None:
    return ChallengeTeam.objects.filter(challenge=challenge, members=participant).first()


@transaction.atomic
def submit(*, team, upload, by, now=None) -> ChallengeSubmission:
    """The team's work: refused after the deadline, or from someone not in the team."""
    now = now or timezone.now()
    if not Participant.objects.filter(challenge_teams=team, user=by).exists():
        raise NotInTeam()
    if now > team.challenge.deadline:
        raise DeadlinePassed(team.challenge.deadline)
    check_upload(upload)
    return ChallengeSubmission.objects.create(
        team=team,
        file=upload,
        original_name=PurePath(upload.name).name[:255],
        submitted_by=by,
        submitted_at=now,
    )


def give_feedback(*, team, text: str, by, now=None) -> ChallengeTeam:
    """A facilitator's feedback to the team; each member is emailed once it is saved."""
    team.feedback = text.strip()
    team.feedback_by = by
    team.feedback_at = now or timezone.now()
    team.save(update_fields=["feedback", "feedback_by", "feedback_at"])
    transaction.on_commit(lambda: email_feedback(team=team))
    return team


def email_feedback(*, team) -> None:
    emails = sorted(team.members.values_list("user__email", flat=True))
    if not emails:
        return
    challenge = team.challenge
    send_templated(
        to=emails,
        template="delivery/challenges/emails/challenge_feedback.txt",
        context={
            "team": team,
            "challenge": challenge,
            "link": settings.SITE_URL + reverse("delivery:challenge", args=[challenge.pk]),
        },
    )
