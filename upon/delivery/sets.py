"""Action learning sets: formed automatically for the widest mix of people, moved by hand with
warnings, a facilitator each, and meeting notes that only the set can read.

Formation uses the cohort's active participants and what their applications say: region, sector
and the kind of their employer. The algorithm (set_formation) never puts two people from one
employer in a set and keeps sizes balanced; this module saves its sets and works out the score
and the gap to the upper bound for the sets as they stand after any moves by hand.

Notes are private by default: the set's members and its facilitator read and write them; the
programme team does not, because a set is a confidential space.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from upon.delivery import cohorts, meetings
from upon.delivery.algorithms import set_formation
from upon.delivery.models import (
    ActionLearningSet,
    Cohort,
    Participant,
    ParticipantStatus,
    Session,
    SetNote,
)
from upon.organisations.models import OrganisationKind, Region
from upon.recruitment.models import Sector
from upon.service.versioning import claim

# Who reads a set's notes: its facilitator and members still on the programme.
MEMBER_STATUSES = (ParticipantStatus.ACTIVE, ParticipantStatus.COMPLETED)
MIN_SIZE, MAX_SIZE = 5, 7


class SetsHaveMet(Exception):
    message = (
        "The sets cannot be formed again because they have started: meeting notes or set "
        "meetings are recorded. Move people by hand instead."
    )


class NotAFacilitator(Exception):
    message = "Select someone who facilitates this cohort"


def active_participants(*, cohort):
    """The people sets are formed from, in a fixed order: the cohort's active participants."""
    return (
        Participant.objects.filter(cohort=cohort, status=ParticipantStatus.ACTIVE)
        .select_related("user", "application__employer")
        .order_by("pk")
    )


def _labels(participants) -> dict[int, str]:
    """A name for each participant that no one else in the cohort shares."""
    names = Counter(p.user.full_name or p.user.email for p in participants)
    return {
        p.pk: (
            p.user.full_name
            if p.user.full_name and names[p.user.full_name] == 1
            else f"{p.user.full_name or p.user.email} ({p.user.email})"
        )
        for p in participants
    }


def members_for(participants) -> dict[int, set_formation.Member]:
    """Each participant as the algorithm sees them, keyed by participant id. Someone whose
    application does not say has "not known"; someone with no employer on record gets an
    employer of their own, so the employer rule never counts them twice."""
    labels = _labels(participants)
    members = {}
    for p in participants:
        application = p.application
        employer = application.employer if application else None
        members[p.pk] = set_formation.Member(
            id=labels[p.pk],
            region=Region(application.region).label
            if application and application.region in Region.values
            else "Region not known",
            sector=Sector(application.sector).label
            if application and application.sector in Sector.values
            else "Sector not known",
            employer=employer.name if employer else f"No employer on record for {labels[p.pk]}",
            employer_type=OrganisationKind(employer.kind).label
            if employer and employer.kind in OrganisationKind.values
            else "Employer type not known",
        )
    return members


@dataclass
class SetRow:
    """One set as the team sees it."""

    set: ActionLearningSet
    number: int
    members: list[Participant]
    warnings: list[str] = field(default_factory=list)
    member_details: list[tuple[Participant, set_formation.Member]] = field(default_factory=list)


@dataclass
class SetsOverview:
    sets: list[SetRow]
    unplaced: list[Participant]
    score: int | None
    upper_bound: int | None
    general_warnings: list[str]
    have_met: bool
    people: int

    @property
    def gap(self) -> int | None:
        if self.score is None or self.upper_bound is None:
            return None
        return self.upper_bound - self.score


def cohort_sets(*, cohort):
    return (
        ActionLearningSet.objects.filter(cohort=cohort).select_related("facilitator").order_by("pk")
    )


def have_met(*, cohort) -> bool:
    """True once any set has notes or a meeting: forming again would throw those away."""
    return (
        SetNote.objects.filter(action_learning_set__cohort=cohort).exists()
        or Session.objects.filter(action_learning_set__cohort=cohort).exists()
    )


def _placements(sets, participants, placement: dict[int, int | None]) -> list[list[int]]:
    index = {s.pk: i for i, s in enumerate(sets)}
    groups: list[list[int]] = [[] for _ in sets]
    for p in participants:
        set_pk = placement.get(p.pk)
        if set_pk in index:
            groups[index[set_pk]].append(p.pk)
    return groups


def check(*, sets, participants, placement: dict[int, int | None]) -> dict:
    """Score, bound and warnings for a placement of participants (id -> set id or None)."""
    members = members_for(participants)
    groups = _placements(sets, participants, placement)
    labelled = [[members[pk].id for pk in group] for group in groups]
    all_members = list(members.values())
    warnings = (
        set_formation.warnings_for(
            sets=labelled, members=all_members, min_size=MIN_SIZE, max_size=MAX_SIZE
        )
        if sets
        else []
    )
    score = bound = None
    if sets and all_members:
        score = set_formation.score_sets(sets=labelled, members=all_members)
        sizes = set_formation.balanced_sizes(people=len(all_members), n_sets=len(sets))
        bound = set_formation.upper_bound(members=all_members, n_sets=len(sets), sizes=sizes)
    return {
        "members": members,
        "groups": groups,
        "warnings": warnings,
        "score": score,
        "upper_bound": bound,
    }


def overview(*, cohort) -> SetsOverview:
    """The cohort's sets with their members, the mix score, its bound and any warnings."""
    sets = list(cohort_sets(cohort=cohort))
    participants = list(active_participants(cohort=cohort))
    placement = {p.pk: p.action_learning_set_id for p in participants}
    result = check(sets=sets, participants=participants, placement=placement)
    by_pk = {p.pk: p for p in participants}
    rows = [
        SetRow(
            set=s,
            number=number,
            members=[by_pk[pk] for pk in group],
            member_details=[(by_pk[pk], result["members"][pk]) for pk in group],
        )
        for number, (s, group) in enumerate(zip(sets, result["groups"], strict=True), start=1)
    ]
    general = []
    for warning in result["warnings"]:
        if warning.set_number is not None:
            rows[warning.set_number - 1].warnings.append(warning.text)
        elif warning.kind != "unplaced":  # the unplaced are listed on their own
            general.append(warning.text)
    placed = {pk for group in result["groups"] for pk in group}
    return SetsOverview(
        sets=rows,
        unplaced=[p for p in participants if p.pk not in placed],
        score=result["score"],
        upper_bound=result["upper_bound"],
        general_warnings=general,
        have_met=have_met(cohort=cohort),
        people=len(participants),
    )


@transaction.atomic
def form(*, cohort, seed: int = 0) -> set_formation.Formation:
    """Form the cohort's sets afresh from its active participants and save them.

    Refused once the sets have met (SetsHaveMet). When the rules cannot be met, nothing
    changes and the formation's problems say why. A set keeps its facilitator when a set of
    the same name is formed again.
    """
    Cohort.objects.select_for_update().get(pk=cohort.pk)  # one formation at a time
    if have_met(cohort=cohort):
        raise SetsHaveMet()
    participants = list(active_participants(cohort=cohort))
    members = members_for(participants)
    formation = set_formation.form_sets(
        members=list(members.values()), min_size=MIN_SIZE, max_size=MAX_SIZE, seed=seed
    )
    if not formation.feasible:
        return formation
    facilitators = dict(
        ActionLearningSet.objects.filter(cohort=cohort).values_list("name", "facilitator_id")
    )
    ActionLearningSet.objects.filter(cohort=cohort).delete()  # members' sets become empty
    Participant.objects.filter(cohort=cohort).update(action_learning_set=None)
    participant_of = {member.id: pk for pk, member in members.items()}
    for number, ids in enumerate(formation.sets, start=1):
        name = f"Set {number}"
        new_set = ActionLearningSet.objects.create(
            cohort=cohort, name=name, facilitator_id=facilitators.get(name)
        )
        Participant.objects.filter(pk__in=[participant_of[i] for i in ids]).update(
            action_learning_set=new_set
        )
    return formation


@transaction.atomic
@transaction.atomic
def move(*, cohort, placement: dict[int, int | None], version: int | None, by=None) -> int:
    """Put each active participant in the set given (None: no set). Returns how many moved.
    Sets of another cohort and people not in this one are ignored. StaleVersion, moving no
    one, if the cohort changed (someone else moved people) since `version`."""
    claim(cohort, version=version, by=by)
    sets = {s.pk for s in ActionLearningSet.objects.filter(cohort=cohort)}
    moved = 0
    for participant in active_participants(cohort=cohort):
        if participant.pk not in placement:
            continue
        target = placement[participant.pk]
        target = target if target in sets else None
        if participant.action_learning_set_id != target:
            Participant.objects.filter(pk=participant.pk).update(action_learning_set=target)
            moved += 1
    return moved


@transaction.atomic
def set_facilitator(
    *, action_learning_set, facilitator, version: int | None, by=None, now=None
) -> ActionLearningSet:
    """Give the set a facilitator (None for none); they must facilitate the cohort. StaleVersion
    if someone else changed the set since `version`. The set's meetings still to come are run by
    the new facilitator (`meetings.follow_facilitator`; SessionRefused, changing nothing, if they
    are busy at one of them)."""
    if (
        facilitator is not None
        and not cohorts.facilitators(cohort=action_learning_set.cohort)
        .filter(pk=facilitator.pk)
        .exists()
    ):
        raise NotAFacilitator()
    claim(action_learning_set, version=version, by=by, now=now)
    action_learning_set.facilitator = facilitator
    action_learning_set.save(update_fields=["facilitator"])
    meetings.follow_facilitator(action_learning_set=action_learning_set, now=now)
    return action_learning_set


def members_of(*, action_learning_set):
    """The set's members who are still on the programme (or have completed it), by name."""
    return (
        Participant.objects.filter(
            action_learning_set=action_learning_set, status__in=MEMBER_STATUSES
        )
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


def can_read_notes(*, user, action_learning_set) -> bool:
    """The set's facilitator and its members, and no one else: not even the programme team."""
    if not user.is_authenticated:
        return False
    if action_learning_set.facilitator_id == user.pk:
        return True
    return Participant.objects.filter(
        user=user, action_learning_set=action_learning_set, status__in=MEMBER_STATUSES
    ).exists()


def notes_for(*, action_learning_set):
    return SetNote.objects.filter(action_learning_set=action_learning_set).select_related("author")


def add_note(*, action_learning_set, author, text: str, now=None) -> SetNote:
    """A meeting note, readable only by the set (see can_read_notes)."""
    if not can_read_notes(user=author, action_learning_set=action_learning_set):
        raise PermissionError("Only the set's members and facilitator can add notes")
    return SetNote.objects.create(
        action_learning_set=action_learning_set,
        author=author,
        text=text.strip(),
        created_at=now or timezone.now(),
    )
