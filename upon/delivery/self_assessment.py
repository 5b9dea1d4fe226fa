"""Self-assessment against the capability framework, and development goals.

Each participant rates themselves from 1 to 5 on every capability at three points in the year:
the start, the midpoint and the end. Each level has a descriptor, written for each capability of
the programme's framework (and in general words for a capability an intake adds). A
self-assessment can be saved part-done and finished later; once submitted it is kept as it is,
so the team's cohort needs page can show change over the year.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from upon.delivery.models import AssessmentPoint, DevelopmentGoal, SelfAssessment, SelfRating
from upon.recruitment.models import Capability

LEVELS = (1, 2, 3, 4, 5)
LEVEL_NAMES = {
    1: "Just starting",
    2: "Emerging",
    3: "Developing",
    4: "Established",
    5: "Role model",
}
GENERAL_DESCRIPTORS = {
    1: "I rarely do this yet and would want support to do it.",
    2: "I do this sometimes, mostly in familiar situations.",
    3: "I do this regularly, with gaps when things are complex or contested.",
    4: "I do this consistently, including under pressure.",
    5: "I do this consistently and help other leaders to develop it.",
}
# What each level looks like for the programme's seven development themes (DESIGN.md).
DESCRIPTORS: dict[str, dict[int, str]] = {
    "Personal leadership qualities and resilience": {
        1: "I am still working out how my values shape my leadership, and pressure knocks me off "
        "course.",
        2: "I know my values and try to lead by them, but I struggle to sustain myself through "
        "long periods of pressure.",
        3: "I lead by my values and recover from setbacks, though I do not always notice the "
        "toll on me or my team.",
        4: "I stay steady and self-aware under sustained pressure and look after my team's "
        "wellbeing as well as my own.",
        5: "I model resilient, values-led leadership and help other leaders build their own.",
    },
    "Systems leadership, building alliances and partnerships": {
        1: "I mostly work within my own service and rarely lead work with partners.",
        2: "I work with partners when asked, but the partnership depends on others to lead it.",
        3: "I build working relationships with health, police, schools and the voluntary "
        "sector, and lead some joint work.",
        4: "I lead partnerships that change how services work together for children.",
        5: "I shape the local system's shared priorities and help partners lead together.",
    },
    "Working in political and corporate contexts": {
        1: "I have little direct contact with elected members or corporate leaders.",
        2: "I brief members and corporate colleagues when asked, but find it hard to influence "
        "them.",
        3: "I work confidently with members and corporate colleagues on most issues.",
        4: "I influence members and the chief executive and hold my ground on what children need.",
        5: "I am trusted by political and corporate leaders and help shape the council's "
        "direction.",
    },
    "Leading in complexity": {
        1: "I prefer to wait for full information before I decide.",
        2: "I make decisions under uncertainty, but find competing demands hard to balance.",
        3: "I make sound decisions with incomplete information in most situations.",
        4: "I make and explain high-risk decisions with competing demands, and review them as "
        "things change.",
        5: "I lead others through complexity and build their confidence to decide well.",
    },
    "Engaging communities": {
        1: "I rarely hear directly from children, families or communities.",
        2: "I seek out their views at times, but they seldom change what we do.",
        3: "I listen to children, families and communities regularly, and some of what they "
        "say changes services.",
        4: "I make sure what children and families say routinely shapes our services.",
        5: "I lead a culture where children and communities co-design services with us.",
    },
    "Delivering results": {
        1: "I find it hard to turn plans into measurable improvements.",
        2: "I deliver some improvements, but not always on time or within budget.",
        3: "I deliver measurable improvements for children within budget most of the time.",
        4: "I deliver sustained improvements and hold myself and others to account for them.",
        5: "I set ambitious, measurable goals across services and help others deliver theirs.",
    },
    "Innovation and change": {
        1: "I tend to keep to established ways of working.",
        2: "I try new approaches now and then, but they rarely last.",
        3: "I lead change that sticks in my own area and learn from what fails.",
        4: "I lead change across services and bring people with me.",
        5: "I create the conditions for others to innovate and spread what works.",
    },
}


class NotOpenYet(Exception):
    def __init__(self, opens_on: datetime.date):
        self.opens_on = opens_on
        self.message = f"This self-assessment opens on {opens_on:%-d %B %Y}."
        super().__init__(self.message)


class AlreadySubmitted(Exception):
    message = "You have already submitted this self-assessment."


class Incomplete(ValueError):
    message = "Rate yourself on every capability before you submit."


def descriptor(capability, level: int) -> str:
    return DESCRIPTORS.get(capability.name, GENERAL_DESCRIPTORS)[level]


def levels_for(capability) -> list[tuple[int, str, str]]:
    """(level, name, descriptor) for each level of this capability, 1 to 5."""
    return [(level, LEVEL_NAMES[level], descriptor(capability, level)) for level in LEVELS]


def capabilities_for(*, cohort):
    """The capability framework of the cohort's intake, in order."""
    return Capability.objects.filter(intake_id=cohort.intake_id).order_by("position")


def opens_on(*, cohort, point: str) -> datetime.date:
    """The start opens as soon as the cohort is made, the midpoint halfway through the year,
    and the end 4 weeks before the year ends (never before the midpoint)."""
    midpoint = cohort.starts_on + (cohort.ends_on - cohort.starts_on) / 2
    if point == AssessmentPoint.START:
        return min(timezone.localdate(cohort.created_at), cohort.starts_on)
    if point == AssessmentPoint.MIDPOINT:
        return midpoint
    return max(cohort.ends_on - datetime.timedelta(days=28), midpoint)


@dataclass(frozen=True)
class PointStatus:
    point: str
    label: str
    opens_on: datetime.date
    is_open: bool
    assessment: SelfAssessment | None
    rated: int
    total: int

    @property
    def submitted(self) -> bool:
        return bool(self.assessment and self.assessment.submitted_at)

    @property
    def status(self) -> str:
        if self.submitted:
            return "Submitted"
        if not self.is_open:
            return "Not open yet"
        if self.rated:
            return "In progress"
        return "Not started"


def points_for(*, participant, today=None) -> list[PointStatus]:
    """Where the participant is with each of the three self-assessments."""
    today = today or timezone.localdate()
    cohort = participant.cohort
    total = capabilities_for(cohort=cohort).count()
    assessments = {
        a.point: a
        for a in SelfAssessment.objects.filter(participant=participant).annotate(
            rated=Count("ratings")
        )
    }
    statuses = []
    for point, label in AssessmentPoint.choices:
        opening = opens_on(cohort=cohort, point=point)
        assessment = assessments.get(point)
        statuses.append(
            PointStatus(
                point=point,
                label=label,
                opens_on=opening,
                is_open=today >= opening,
                assessment=assessment,
                rated=assessment.rated if assessment else 0,
                total=total,
            )
        )
    return statuses


def ratings_for(*, participant, point: str) -> dict[int, int]:
    """capability id -> rating, as saved so far."""
    return dict(
        SelfRating.objects.filter(
            assessment__participant=participant, assessment__point=point
        ).values_list("capability_id", "rating")
    )


@transaction.atomic
def save(
    *,
    participant,
    point: str,
    ratings: dict[int, int | None],
    submit: bool,
    today=None,
    now=None,
) -> SelfAssessment:
    """Save the ratings given (capability id -> 1 to 5, or None to leave unrated) and, with
    submit, submit the self-assessment. Refused before it opens (NotOpenYet), once submitted
    (AlreadySubmitted), and on submit with any capability unrated (Incomplete)."""
    today = today or timezone.localdate()
    opening = opens_on(cohort=participant.cohort, point=point)
    if today < opening:
        raise NotOpenYet(opening)
    assessment, _ = SelfAssessment.objects.select_for_update().get_or_create(
        participant=participant, point=point
    )
    if assessment.submitted_at:
        raise AlreadySubmitted()
    capabilities = set(capabilities_for(cohort=participant.cohort).values_list("pk", flat=True))
    for capability_id, rating in ratings.items():
        if capability_id not in capabilities:
            continue
        if rating is None:
            SelfRating.objects.filter(assessment=assessment, capability_id=capability_id).delete()
        elif rating in LEVELS:
            SelfRating.objects.update_or_create(
                assessment=assessment, capability_id=capability_id, defaults={"rating": rating}
            )
        else:
            raise ValueError(f"A rating is from 1 to 5, not {rating}")
    if submit:
        rated = set(assessment.ratings.values_list("capability_id", flat=True))
        if capabilities - rated:
            raise Incomplete()
        assessment.submitted_at = now or timezone.now()
        assessment.save(update_fields=["submitted_at"])
    return assessment


def goals_for(*, participant):
    return DevelopmentGoal.objects.filter(participant=participant).select_related("capability")


def add_goal(*, participant, text: str, capability=None, now=None) -> DevelopmentGoal:
    return DevelopmentGoal.objects.create(
        participant=participant,
        text=text.strip(),
        capability=capability,
        created_at=now or timezone.now(),
    )


def update_goal(*, goal, text: str, capability, achieved: bool, now=None) -> DevelopmentGoal:
    """Change a goal's words or capability, and mark it achieved (or not yet)."""
    goal.text = text.strip()
    goal.capability = capability
    if achieved and goal.achieved_at is None:
        goal.achieved_at = now or timezone.now()
    elif not achieved:
        goal.achieved_at = None
    goal.save(update_fields=["text", "capability", "achieved_at"])
    return goal
