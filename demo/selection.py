"""Selection seed data: reviewer pools, assignments by the real solver, blind reviews with
lenient and severe reviewers, the panel's decisions, offers and the waiting list.

Every intake tells the story the selection services would have produced, consistent with the
statuses its applications were already given:

- the team sets up selection (places = the intake's capacity) and a reviewer pool, each
  reviewer declaring their own employer as a conflict;
- `run_assignment` (the min-cost flow solver) gives every application in review its k reviewers.
  It picks up applications whose status is "submitted", which is what every reviewed application
  was when reviewers were assigned, so the later statuses are set back to "submitted" for the
  run and restored after it, inside the seed's transaction;
- reviewers score each capability 1 to 4 from a latent merit (higher for the applications the
  panel went on to shortlist), their own severity (a fixed pattern of lenient and severe
  reviewers, so calibration has something to correct) and noise. Undecided applications in an
  open intake have a mix of submitted reviews, drafts and reviews not started;
- the panel decides: shortlist (shortlisted, offered, accepted, declined), reserve, decline;
- the lead confirms the cohort (composition.confirm): `places` offers at one moment, the rest of the
  shortlist then the reserves become the waiting list, in order of calibrated merit. Each
  declined offer offered the next place on the list (offers.promote_reserves), so the offers
  made from the waiting list are as many as the declines, and the accepted and pending offers
  fill the places.

Written with bulk_create (no simple_history rows, like the rest of the seed), with audit events
for what the services would have recorded. Times come from the seeded generator and stay before
the start of today; pending offers expire and open reviews close in the future.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F

from demo.common import BATCH_SIZE, SeedContext
from upon.accounts.models import Role, RoleAssignment, User
from upon.organisations.models import Organisation, OrganisationKind
from upon.programmes.models import Intake, Programme
from upon.recruitment.models import Application, ApplicationStatus
from upon.selection import assignment, calibration
from upon.selection.models import (
    AuditEvent,
    CapabilityScore,
    Confidence,
    Decision,
    Offer,
    OfferStatus,
    Outcome,
    Recommendation,
    Review,
    ReviewAssignment,
    Reviewer,
    SelectionSettings,
    WaitlistEntry,
)

S = ApplicationStatus
DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)

# Statuses of applications that were reviewed: submitted, and everything selection set later.
DECIDED = {
    S.SHORTLISTED: Outcome.SHORTLIST,
    S.OFFERED: Outcome.SHORTLIST,
    S.ACCEPTED: Outcome.SHORTLIST,
    S.DECLINED: Outcome.SHORTLIST,
    S.RESERVE: Outcome.RESERVE,
    S.UNSUCCESSFUL: Outcome.DECLINE,
}
IN_REVIEW = (S.SUBMITTED, *DECIDED)
OFFERED = (S.OFFERED, S.ACCEPTED, S.DECLINED)

# Demo pools: the open intake's reviewers (reviewer@upon.example first), last year's own.
OPEN_POOL_SIZE = 8
LAST_POOL_SIZE = 6
REGIONAL_POOL_SIZE = 4
DEMO_CAPACITIES = (30, 35, 40)
# The national benchmark: the newest closed intake (5,000) and the pilot (12).
NATIONAL_POOL_SIZE = 80
NATIONAL_PART_TIMERS = 12  # capacity 40 to 80; the rest take up to 230 each
NATIONAL_REVIEWS_PER_APPLICATION = 3
PILOT_POOL_SIZE = 3

# Each reviewer's severity by place in the pool (added to every score before rounding):
# above 0 lenient, below 0 severe. Fixed, so the calibration page always has both kinds.
SEVERITY_PATTERN = (0.0, 0.55, -0.5, 0.3, -0.3, 0.0, 0.45, -0.65)
# Latent merit by the outcome the panel reached (mean, sd), on the 1 to 4 rubric.
MERIT = {
    Outcome.SHORTLIST: (3.25, 0.3),
    Outcome.RESERVE: (2.85, 0.25),
    Outcome.DECLINE: (2.15, 0.4),
    None: (2.6, 0.5),  # not decided yet
}
CAPABILITY_EFFECT = (0.1, -0.05, -0.15, 0.0, 0.05, 0.1, -0.05)
NOISE = 0.55
# What becomes of a reviewer's assignments on applications not yet decided, dealt in turn
# (each reviewer starts at a different place), so every queue has work done and to do.
UNDECIDED_STATES = ("submitted", "draft", "submitted", "none", "submitted", "none")
EXPERTISE = (
    "safeguarding",
    "children in care",
    "early help",
    "education",
    "youth justice",
    "fostering",
    "health",
    "assessment",
)
CONFIDENCE_WEIGHTS = {Confidence.HIGH: 4, Confidence.MEDIUM: 5, Confidence.LOW: 1}

COMMENTS = {
    1: (
        "Little evidence here; the statement describes the service rather than their part in it.",
        "No clear example at a senior level.",
        "The statement does not address this capability.",
    ),
    2: (
        "Some relevant experience, but the impact is not shown.",
        "A good example, though at service-manager rather than strategic level.",
        "Describes activity more than results; I would want to probe this at interview.",
    ),
    3: (
        "Clear, relevant evidence at a senior level with a measurable result.",
        "A convincing example of leading through others.",
        "Good evidence, well reflected on.",
    ),
    4: (
        "Outstanding: consistent evidence across several roles, with clear results.",
        "Strong, specific evidence of leading this across partners.",
        "Among the strongest statements I have read for this capability.",
    ),
}
RATIONALES = {
    Outcome.SHORTLIST: (
        "Calibrated merit well above the cut line; reviewers agree on strong evidence.",
        "Consistently strong across the framework, especially systems leadership.",
        "Strong evidence of leading change; reviewers' concerns were minor and were discussed.",
    ),
    Outcome.RESERVE: (
        "Close to the cut line; good evidence but less depth in political and corporate context.",
        "Reviewers disagreed; on discussion the panel placed this just below the line.",
    ),
    Outcome.DECLINE: (
        "Below the cut line on calibrated merit; evidence mostly at service-manager level.",
        "The statements describe the service more than the applicant's own leadership.",
        "Limited evidence against several capabilities; encouraged to apply again.",
    ),
}
DECLINE_REASONS = (
    "My employer has asked me to act up as interim director this year.",
    "Family circumstances mean I cannot commit to the programme dates.",
    "I have accepted a post elsewhere and start in the new year.",
)


@dataclass(frozen=True)
class Pool:
    """Who reviews for an intake: the people, in order, their capacities and k."""

    users: list
    capacities: list
    reviews_per_application: int


@dataclass
class _App:
    pk: int
    reference: str
    status: str
    applicant_id: int
    submitted_at: datetime.datetime
    outcome: str | None = None
    merit: float = 0.0
    last_review: datetime.datetime | None = None
    decided_at: datetime.datetime | None = None


# ---------------------------------------------------------------- the two scales


def demo_selection(
    ctx: SeedContext,
    *,
    programme: Programme,
    team: User,
    last_intake: Intake,
    open_intake: Intake,
    regional: list[Intake] = (),
) -> dict:
    """Last year's intake (decided, with its cohort), the open one (review under way, nothing
    decided) and the regional intakes that closed a few weeks ago (one with offers out, one
    decided and waiting for the lead to compose its cohort)."""
    last_pool = new_reviewers(ctx, programme, last_intake, LAST_POOL_SIZE)
    # The open intake's pool: the people who already hold the reviewer role for it, the
    # reviewer sign-in first, and more to make up the pool.
    holders = list(
        User.objects.filter(roles__role=Role.REVIEWER, roles__intake=open_intake).order_by("pk")
    )
    holders.sort(key=lambda user: user.email != "reviewer@upon.example")
    open_pool = holders + new_reviewers(
        ctx, programme, open_intake, max(OPEN_POOL_SIZE - len(holders), 0)
    )
    pools = [(last_intake, last_pool), (open_intake, open_pool)]
    pools += [
        (intake, new_reviewers(ctx, programme, intake, REGIONAL_POOL_SIZE)) for intake in regional
    ]
    summary = {}
    for intake, users in pools:
        capacities = [ctx.rng.choice(DEMO_CAPACITIES) for _ in users]
        summary[intake.pk] = select_intake(
            ctx, intake, team=team, pool=Pool(users, capacities, reviews_per_application=2)
        )
    return summary


def national_selection(
    ctx: SeedContext,
    *,
    programme: Programme,
    team: User,
    pilot: Intake,
    newest: Intake,
    progress=None,
) -> dict:
    """Selection for the pilot (a small pool, so the benchmark can compare query counts on a
    small intake) and the newest closed intake (80 reviewers, three reviews an application)."""
    capacities = [
        ctx.rng.randint(40, 80) if n < NATIONAL_PART_TIMERS else 230
        for n in range(NATIONAL_POOL_SIZE)
    ]
    plans = (
        (
            pilot,
            Pool(new_reviewers(ctx, programme, pilot, PILOT_POOL_SIZE), [10] * PILOT_POOL_SIZE, 2),
        ),
        (
            newest,
            Pool(
                new_reviewers(ctx, programme, newest, NATIONAL_POOL_SIZE),
                capacities,
                NATIONAL_REVIEWS_PER_APPLICATION,
            ),
        ),
    )
    return {
        intake.pk: select_intake(ctx, intake, team=team, pool=pool, progress=progress)
        for intake, pool in plans
    }


def new_reviewers(ctx: SeedContext, programme, intake, count: int) -> list[User]:
    """`count` new people holding the reviewer role for the intake."""
    granted = min(intake.opens_at, ctx.midnight)
    users = []
    for _ in range(count):
        first, last = ctx.fake.first_name(), ctx.fake.last_name()
        users.append(
            User(
                email=ctx.unique_email(first, last),
                full_name=f"{first} {last}",
                password=ctx.password_hash,
                date_joined=granted,
                email_confirmed_at=granted,
            )
        )
    User.objects.bulk_create(users)
    RoleAssignment.objects.bulk_create(
        RoleAssignment(
            user=user, role=Role.REVIEWER, programme=programme, intake=intake, granted_at=granted
        )
        for user in users
    )
    return users


# ---------------------------------------------------------------- one intake


class _Clock:
    """When things happened in one intake. A closed intake's selection ran in its selection
    period; an open intake's is under way, everything before the start of today."""

    def __init__(self, ctx: SeedContext, intake: Intake):
        self.ctx = ctx
        self.open = intake.closes_at > ctx.midnight
        self.cap = ctx.midnight - datetime.timedelta(minutes=1)
        if self.open:
            self.pool_added = min(intake.opens_at + DAY, self.cap)
            # Reviews close with the intake's selection period, never before it closes.
            self.deadline = ctx.at(intake.selection_ends, hour=17)
        else:
            self.pool_added = intake.opens_at + 7 * DAY
            self.assigned = ctx.at(intake.selection_starts)
            self.deadline = ctx.at(intake.selection_starts + 14 * DAY, hour=17)
            self.confirmed = ctx.at(intake.selection_starts + 20 * DAY, hour=10)

    def confirm_after(self, reviews):
        """An open intake's cohort was confirmed five days ago, or after the last review the
        panel decided on if that came later (an application submitted only yesterday)."""
        latest = max(reviews, default=self.ctx.midnight)
        confirmed = max(self.ctx.midnight - 5 * DAY, latest + 30 * datetime.timedelta(minutes=1))
        self.confirmed = min(confirmed, self.cap - 6 * HOUR)

    def later(self, start, span, cap=None):
        """A moment after `start`, within `span`, before `cap` and before the start of today
        (start itself if no room): an intake whose selection is still under way has done only
        what fits before today."""
        end = min(start + span, cap or self.cap, self.cap)
        return self.ctx.between(start, end) if end > start else start


def select_intake(ctx: SeedContext, intake: Intake, *, team: User, pool: Pool, progress=None):
    """Everything selection records for one intake. Returns counts, for the terminal."""
    clock = _Clock(ctx, intake)
    SelectionSettings.objects.bulk_create(
        [
            SelectionSettings(
                intake=intake,
                places=intake.capacity,
                reviews_per_application=pool.reviews_per_application,
                review_deadline=clock.deadline,
            )
        ]
    )
    reviewers = _pool(ctx, intake, pool, team, clock)
    apps = _assign(ctx, intake, team, clock)
    assignments = list(
        ReviewAssignment.objects.filter(application__intake=intake)
        .order_by("pk")
        .values_list("pk", "application_id", "reviewer_id", "assigned_at")
    )
    if progress is not None:
        progress.total += len(assignments)
        progress.refresh()
    for app in apps.values():
        app.merit = ctx.rng.gauss(*MERIT[app.outcome])
    reviews = _reviews(ctx, intake, apps, reviewers, assignments, clock, progress)
    if clock.open:
        clock.confirm_after(app.last_review for app in apps.values() if app.outcome)
    decisions = _decide(ctx, intake, apps, team, clock, reviews)
    offers = _offers(ctx, intake, apps, team, clock)
    return {
        "reviewers": len(reviewers),
        "assignments": len(assignments),
        "reviews": sum(1 for r in reviews.values() if r["review"].submitted_at),
        "decisions": decisions,
        "offers": offers,
    }


def _pool(ctx, intake, pool: Pool, team, clock) -> dict[int, dict]:
    """Reviewer rows, each declaring their own employer (a local authority) as a conflict.
    Returns {reviewer id: {"user_id", "severity"}}."""
    rng = ctx.rng
    authorities = list(
        Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("gss_code")
    )
    rows, employers = [], []
    for user, capacity in zip(pool.users, pool.capacities, strict=True):
        employer = rng.choice(authorities)
        expertise = ", ".join(rng.sample(EXPERTISE, k=rng.choice((1, 2, 2, 3))))
        rows.append(
            Reviewer(
                intake=intake,
                email=user.email,
                full_name=user.full_name,
                user=user,
                capacity=capacity,
                expertise=expertise,
                region=employer.region,
                added_at=clock.pool_added,
            )
        )
        employers.append(employer)
    Reviewer.objects.bulk_create(rows)
    Reviewer.conflict_organisations.through.objects.bulk_create(
        Reviewer.conflict_organisations.through(reviewer_id=r.pk, organisation_id=e.pk)
        for r, e in zip(rows, employers, strict=True)
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(
            intake=intake,
            actor=team,
            action="reviewer_added",
            after={"reviewer": r.email, "capacity": r.capacity},
            at=clock.pool_added,
        )
        for r in rows
    )
    severities = {}
    for n, reviewer in enumerate(rows):
        severity = SEVERITY_PATTERN[n % len(SEVERITY_PATTERN)] + rng.gauss(0, 0.05)
        severities[reviewer.pk] = {"user_id": reviewer.user_id, "severity": severity}
    return severities


def _assign(ctx, intake, team, clock) -> dict[int, _App]:
    """Run the solver over every reviewed application, as it ran when they were all submitted."""
    apps = {
        pk: _App(pk, reference, status, applicant_id, submitted_at, DECIDED.get(status))
        for pk, reference, status, applicant_id, submitted_at in Application.objects.filter(
            intake=intake, status__in=IN_REVIEW
        )
        .order_by("pk")
        .values_list("pk", "reference", "status", "applicant_id", "submitted_at")
    }
    Application.objects.filter(intake=intake, status__in=list(DECIDED)).update(status=S.SUBMITTED)
    run = assignment.run_assignment(intake=intake, actor=team)
    later = defaultdict(list)
    for app in apps.values():
        if app.status != S.SUBMITTED:
            later[app.status].append(app.pk)
    for status, pks in later.items():
        for start in range(0, len(pks), 500):
            Application.objects.filter(pk__in=pks[start : start + 500]).update(status=status)
    if run.short:
        raise RuntimeError(f"{intake}: the pool is too small; short of reviewers: {run.short}")

    # When the assignments were made: a closed intake's at the start of its selection period,
    # an open intake's as each application came in.
    if clock.open:
        rows = list(ReviewAssignment.objects.filter(application__intake=intake).order_by("pk"))
        for row in rows:
            row.assigned_at = clock.later(apps[row.application_id].submitted_at, 6 * HOUR)
        ReviewAssignment.objects.bulk_update(rows, ["assigned_at"], batch_size=BATCH_SIZE)
        run_at = min((row.assigned_at for row in rows), default=clock.pool_added)
    else:
        run_at = clock.assigned
        ReviewAssignment.objects.filter(application__intake=intake).update(assigned_at=run_at)
    AuditEvent.objects.filter(intake=intake, action="assignment_run").update(at=run_at)
    return apps


def _reviews(ctx, intake, apps, reviewers, assignments, clock, progress) -> dict[int, dict]:
    """Reviews and capability scores; {assignment id: {"review", "scores"}}."""
    capabilities = list(intake.capabilities.order_by("position"))
    made = _review_contents(ctx, apps, reviewers, assignments, clock, len(capabilities))
    items = list(made.values())
    _write_reviews(items, capabilities, progress)
    if progress is not None:
        progress.update(len(assignments) - len(items))  # reviews not started: nothing to write
    _reviews_last_saved(intake, items)
    _reviews_audited(intake, items, reviewers, capabilities)
    return made


def _review_contents(ctx, apps, reviewers, assignments, clock, capabilities: int) -> dict:
    """What each reviewer wrote, unsaved: scores from the application's merit, the reviewer's
    severity and noise, a recommendation and confidence once submitted. A decided application's
    reviews are all submitted; an undecided one's cycle through UNDECIDED_STATES per reviewer
    (not started, draft, submitted, ...)."""
    rng = ctx.rng
    turn = {pk: n for n, pk in enumerate(reviewers)}  # where each reviewer starts the cycle
    done = defaultdict(int)
    review_span = 4 * DAY if clock.open else 12 * DAY
    review_cap = None if clock.open else clock.deadline - HOUR
    made = {}
    for assignment_id, application_id, reviewer_id, assigned_at in assignments:
        app = apps[application_id]
        if app.outcome is None:
            state = UNDECIDED_STATES[(turn[reviewer_id] + done[reviewer_id]) % 6]
            done[reviewer_id] += 1
        else:
            state = "submitted"
        if state == "none":
            continue
        severity = reviewers[reviewer_id]["severity"]
        scores = [
            min(4, max(1, round(app.merit + severity + effect + rng.gauss(0, NOISE))))
            for effect in CAPABILITY_EFFECT[:capabilities]
        ]
        when = clock.later(assigned_at, review_span, review_cap)
        review = Review(assignment_id=assignment_id, version=1)
        if state == "submitted":
            _submitted(rng, review, scores, when)
            app.last_review = max(app.last_review or when, when)
        else:  # a draft: a few capabilities scored so far
            scored = rng.randint(2, len(scores) - 2)
            scores = scores[:scored] + [None] * (len(scores) - scored)
        made[assignment_id] = {
            "review": review,
            "saved": when,
            "scores": scores,
            "comments": [rng.choice(COMMENTS[s]) if s else "" for s in scores],
            "reviewer_id": reviewer_id,
            "application_id": application_id,
        }
    return made


def _submitted(rng, review: Review, scores: list[int], when) -> None:
    """Fill in a submitted review: the overall score, the recommendation it implies, and the
    reviewer's confidence."""
    overall = (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.001"))
    review.overall = overall
    review.submitted_at = when
    review.recommendation = (
        Recommendation.SHORTLIST
        if overall >= Decimal("3.1")
        else Recommendation.RESERVE
        if overall >= Decimal("2.6")
        else Recommendation.DECLINE
    )
    confidence = rng.choices(list(CONFIDENCE_WEIGHTS), weights=CONFIDENCE_WEIGHTS.values())
    review.confidence = confidence[0]


def _write_reviews(items: list[dict], capabilities, progress) -> None:
    """The reviews and their capability scores, in batches."""
    for start in range(0, len(items), BATCH_SIZE):
        batch = items[start : start + BATCH_SIZE]
        Review.objects.bulk_create([item["review"] for item in batch])
        CapabilityScore.objects.bulk_create(
            [
                CapabilityScore(
                    review_id=item["review"].pk, capability=capability, score=score, comment=text
                )
                for item in batch
                for capability, score, text in zip(
                    capabilities, item["scores"], item["comments"], strict=True
                )
            ],
            batch_size=BATCH_SIZE,
        )
        if progress is not None:
            progress.update(len(batch))


def _reviews_last_saved(intake, items: list[dict]) -> None:
    """auto_now stamped today on every row: put back when each was last saved (submitted, or
    the draft's last save)."""
    reviews = Review.objects.filter(assignment__application__intake=intake)
    reviews.filter(submitted_at__isnull=False).update(updated_at=F("submitted_at"))
    drafts = [item for item in items if item["review"].submitted_at is None]
    for item in drafts:
        item["review"].updated_at = item["saved"]
    Review.objects.bulk_update(
        [item["review"] for item in drafts], ["updated_at"], batch_size=BATCH_SIZE
    )


def _reviews_audited(intake, items: list[dict], reviewers, capabilities) -> None:
    """A review_submitted audit event for each submitted review, as the service writes it."""
    names = [str(c.pk) for c in capabilities]
    AuditEvent.objects.bulk_create(
        (
            AuditEvent(
                intake=intake,
                application_id=item["application_id"],
                actor_id=reviewers[item["reviewer_id"]]["user_id"],
                action="review_submitted",
                after={
                    "scores": dict(zip(names, item["scores"], strict=True)),
                    "recommendation": item["review"].recommendation,
                    "confidence": item["review"].confidence,
                    "submitted": item["review"].submitted_at.isoformat(),
                },
                at=item["review"].submitted_at,
            )
            for item in items
            if item["review"].submitted_at
        ),
        batch_size=BATCH_SIZE,
    )


def _decide(ctx, intake, apps, team, clock, reviews) -> int:
    """The panel's decisions, after each application's last review; feedback for declines."""
    rng = ctx.rng
    decided = [app for app in apps.values() if app.outcome is not None]
    feedback = defaultdict(list)  # the weakest-scored capabilities' comments, per application
    names = dict(intake.capabilities.values_list("pk", "name"))
    capability_ids = list(intake.capabilities.order_by("position").values_list("pk", flat=True))
    for item in reviews.values():
        if item["review"].submitted_at:
            for capability_id, score, text in zip(
                capability_ids, item["scores"], item["comments"], strict=True
            ):
                feedback[item["application_id"]].append((score, capability_id, text))

    rows, events = [], []
    for n, app in enumerate(decided):
        # A closed intake's panel met after the review deadline; an open one's as reviews came in.
        start = app.last_review if clock.open else max(app.last_review, clock.deadline)
        app.decided_at = clock.later(start, 3 * DAY, clock.confirmed - HOUR)
        decision = Decision(
            application_id=app.pk,
            outcome=app.outcome,
            rationale=rng.choice(RATIONALES[app.outcome]),
            decided_by=team,
            decided_at=app.decided_at,
        )
        # Declines get feedback from reviewers' comments; the team approved and published it
        # (for an open intake, half of it so far).
        if app.outcome == Outcome.DECLINE:
            weakest = sorted(feedback[app.pk])[:3]
            decision.feedback = "\n".join(f"{names[c]}: {text}" for _, c, text in weakest)
            if not clock.open or n % 2 == 0:
                decision.feedback_approved_at = clock.later(app.decided_at, DAY)
                decision.published_at = clock.later(decision.feedback_approved_at, DAY)
        rows.append(decision)
        events.append(
            AuditEvent(
                intake=intake,
                application_id=app.pk,
                actor=team,
                action="decision_recorded",
                after={"outcome": decision.outcome, "rationale": decision.rationale},
                at=app.decided_at,
            )
        )
        if decision.published_at:
            events.append(
                AuditEvent(
                    intake=intake,
                    application_id=app.pk,
                    actor=team,
                    action="decision_published",
                    after={"outcome": decision.outcome},
                    at=decision.published_at,
                )
            )
    Decision.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    AuditEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
    return len(rows)


def _offers(ctx, intake, apps, team, clock) -> int:
    """The confirmed cohort's offers, the answers so far and the waiting list.

    The offers made from the waiting list are as many as the declines: the lowest calibrated
    merits among the accepted and pending offers. The list holds them (marked offered) first,
    then the rest of the shortlist, then the reserves, each in order of calibrated merit.
    """
    offered = [app for app in apps.values() if app.status in OFFERED]
    if not offered:
        return 0
    selection = SelectionSettings.objects.get(intake=intake)
    merits = calibration.intake_calibration(intake=intake).applications

    def merit(app):
        result = merits.get(app.pk)
        return (-(result.merit if result else 0.0), app.pk)

    declined = [app for app in offered if app.status == S.DECLINED]
    takers = sorted((app for app in offered if app.status != S.DECLINED), key=merit)
    promoted = takers[max(len(takers) - len(declined), 0) :] if declined else []
    first_round = [app for app in offered if app not in promoted]
    book = _OfferBook(intake, team, datetime.timedelta(days=selection.offer_days))
    _offer_rounds(ctx, book, clock, offered, first_round, sorted(promoted, key=merit), merit)
    Offer.objects.bulk_create([book.offers[app.pk] for app in offered], batch_size=BATCH_SIZE)

    shortlisted = sorted((a for a in apps.values() if a.status == S.SHORTLISTED), key=merit)
    reserves = sorted((a for a in apps.values() if a.status == S.RESERVE), key=merit)
    waitlist = sorted(promoted, key=merit) + shortlisted + reserves
    WaitlistEntry.objects.bulk_create(
        WaitlistEntry(
            intake=intake,
            application_id=app.pk,
            position=n,
            offered_at=book.offers[app.pk].sent_at if app in promoted else None,
        )
        for n, app in enumerate(waitlist, start=1)
    )
    total_merit = sum(merits[a.pk].merit for a in first_round if a.pk in merits)
    book.events.append(
        AuditEvent(
            intake=intake,
            actor=team,
            action="cohort_confirmed",
            after={
                "offered": sorted(app.reference for app in first_round),
                "waitlist": len(waitlist),
                "total_merit": round(total_merit, 3),
            },
            at=clock.confirmed,
        )
    )
    AuditEvent.objects.bulk_create(book.events, batch_size=BATCH_SIZE)
    SelectionSettings.objects.filter(pk=selection.pk).update(
        composition_confirmed_at=clock.confirmed
    )
    return len(book.offers)


class _OfferBook:
    """The offers made so far (unsaved) and their audit events, as the offer service writes them."""

    def __init__(self, intake, team, days: datetime.timedelta):
        self.intake, self.team, self.days = intake, team, days
        self.offers: dict[int, Offer] = {}
        self.events: list[AuditEvent] = []

    def send(self, app, when, from_waitlist: bool) -> None:
        """An offer to the applicant, to accept within the intake's offer days."""
        self.offers[app.pk] = Offer(
            application_id=app.pk,
            sent_at=when,
            accept_by=when + self.days,
            from_waitlist=from_waitlist,
        )
        self.events.append(
            AuditEvent(
                intake=self.intake,
                application_id=app.pk,
                actor=None if from_waitlist else self.team,
                action="offer_sent",
                after={
                    "accept_by": (when + self.days).isoformat(),
                    "from_waitlist": from_waitlist,
                },
                at=when,
            )
        )

    def answer(self, app, status, when, reason="") -> None:
        """The applicant's answer to their offer."""
        offer = self.offers[app.pk]
        offer.status, offer.responded_at, offer.decline_reason = status, when, reason
        self.events.append(
            AuditEvent(
                intake=self.intake,
                application_id=app.pk,
                actor_id=app.applicant_id,
                action=f"offer_{status}",
                before={"status": OfferStatus.PENDING},
                after={"status": status},
                reason=reason,
                at=when,
            )
        )


def _offer_rounds(ctx, book: _OfferBook, clock, offered, first_round, newcomers, merit) -> None:
    """The first round of offers when the cohort is confirmed; each decline within a week, with
    the next on the waiting list offered the place a minute later; acceptances within ten days."""
    confirmed, days = clock.confirmed, book.days
    for app in sorted(first_round, key=merit):
        book.send(app, confirmed, from_waitlist=False)
    answer_cap = None if clock.open else confirmed + days - HOUR
    declines = sorted(
        (clock.later(confirmed, 7 * DAY, answer_cap), app.pk, app)
        for app in offered
        if app.status == S.DECLINED
    )
    for n, (when, _, app) in enumerate(declines):
        book.answer(app, OfferStatus.DECLINED, when, ctx.rng.choice(DECLINE_REASONS))
        if n < len(newcomers):  # the next on the list was offered the place
            book.send(newcomers[n], when + datetime.timedelta(minutes=1), from_waitlist=True)
    for app in offered:
        if app.status == S.ACCEPTED:
            offer = book.offers[app.pk]
            cap = None if clock.open else offer.accept_by - HOUR
            book.answer(app, OfferStatus.ACCEPTED, clock.later(offer.sent_at, 10 * DAY, cap))
