"""Composing the cohort from the shortlist, and confirming it.

The proposal maximises calibrated merit under the programme's balance rules, which use only
employer, region and sector (never equality monitoring answers). The programme lead confirms
it: the cohort is offered places and everyone else shortlisted, then the panel's reserves,
becomes the ordered waitlist.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from upon.organisations.models import Region
from upon.recruitment.models import Application, Sector
from upon.selection import assessment, audit, offers
from upon.selection.algorithms.composition import (
    BalanceRules,
    Candidate,
    Composition,
    compose_cohort,
)
from upon.selection.models import Decision, Outcome, WaitlistEntry
from upon.selection.pool import saved_settings_for, settings_for
from upon.service import checks


class AlreadyConfirmed(Exception):
    message = "The cohort for this intake has already been confirmed."


def _decided(intake, outcome):
    return Application.objects.filter(intake=intake, decision__outcome=outcome).select_related(
        "employer"
    )


def candidates(*, intake, outcome=Outcome.SHORTLIST) -> list[Candidate]:
    """The decided applicants with their final merit: calibrated review merit, blended with
    the assessment stage's panel scores where the intake has one."""
    merits = assessment.merits(intake=intake)
    return [
        Candidate(
            id=application.pk,
            merit=getattr(merits.get(application.pk), "final", None) or 0.0,
            employer=str(application.employer_id or f"none-{application.pk}"),
            region=application.region or "unknown",
            sector=application.sector or "unknown",
        )
        for application in _decided(intake, outcome)
    ]


def rules_for(*, intake) -> BalanceRules:
    selection = settings_for(intake=intake)
    return BalanceRules(
        capacity=selection.places,
        max_per_employer=selection.max_per_employer,
        min_one_per_region=selection.one_per_region,
        sector_bounds={
            sector: (low or 0, high if high is not None else selection.places)
            for sector, (low, high) in (selection.sector_bounds or {}).items()
        },
    )


def propose(*, intake) -> Composition:
    shortlist = candidates(intake=intake)
    if not shortlist:
        return Composition(feasible=True)  # nothing to compose, nothing to confirm yet
    rules = rules_for(intake=intake)
    if len(shortlist) <= rules.capacity:
        rules = BalanceRules(capacity=len(shortlist))
    return compose_cohort(candidates=shortlist, rules=rules)


@dataclass(frozen=True)
class NamedNearMiss:
    """A near miss as the team reads it: the application, and reasons that name things."""

    application: Application
    merit: float
    reasons: tuple[str, ...]


def people(count: int) -> str:
    return f"{count} person" if count == 1 else f"{count} people"


def named_near_misses(*, intake, proposal: Composition) -> list[NamedNearMiss]:
    """The proposal's near misses with employers, regions and sectors by name.

    The pure composition knows an employer only by the id it was given (names can repeat), so
    its reasons carry that id; here each reason is written again with the employer's name, the
    region's name and the sector's label. One query, however many near misses.
    """
    if not proposal.near_misses:
        return []
    applications = Application.objects.select_related("employer").in_bulk(
        [miss.id for miss in proposal.near_misses]
    )
    most = settings_for(intake=intake).max_per_employer
    labels = {**dict(Region.choices), **_sector_labels()}
    named = []
    for miss in proposal.near_misses:
        application = applications[miss.id]
        reasons = []
        for reason in miss.reasons:
            if reason.rule == "employer":
                employer = application.employer.name if application.employer else "no employer"
                reasons.append(f"Would make more than {people(most)} from {employer}.")
            else:
                reasons.append(_with_labels(reason.text, labels))
        named.append(NamedNearMiss(application, miss.merit, tuple(reasons)))
    return named


def _sector_labels() -> dict:
    # The reasons say "the <sector> sector": "Private sector" would say it twice.
    return {value: label.removesuffix(" sector") for value, label in Sector.choices}


def _with_labels(text: str, labels: dict) -> str:
    """`text` with each region code or sector value in it replaced by its name."""
    codes = re.compile(r"\b(" + "|".join(map(re.escape, labels)) + r")\b")
    return codes.sub(lambda match: labels[match.group(1)], text)


@dataclass(frozen=True)
class Confirmation:
    """What confirming the cohort would do now: offer `offered` (best merit first) a place,
    each with `offer_days` to accept, and put `waiting` people on the waiting list."""

    proposal: Composition
    offered: list
    waiting: int
    offer_days: int


def what_confirming_does(*, intake) -> Confirmation:
    """For the lead's check page, before anything is sent."""
    proposal = propose(intake=intake)
    chosen = Application.objects.in_bulk(proposal.selected)
    reserves = len(candidates(intake=intake, outcome=Outcome.RESERVE))
    return Confirmation(
        proposal=proposal,
        offered=[chosen[pk] for pk in proposal.selected],
        waiting=len(proposal.waitlist) + reserves,
        offer_days=settings_for(intake=intake).offer_days,
    )


@transaction.atomic
def confirm(*, intake, confirmed_by, expected=None) -> Composition:
    """Confirm the proposed cohort: offers to everyone in it, then the waiting list. `expected`:
    the applications the lead's check page showed; ChangedSinceChecked, sending nothing, if
    the proposal is another now."""
    selection = saved_settings_for(intake=intake)
    selection = type(selection).objects.select_for_update().get(pk=selection.pk)
    if selection.composition_confirmed_at:
        raise AlreadyConfirmed()
    proposal = propose(intake=intake)
    if not proposal.selected:
        return Composition(feasible=False, problems=("No one is shortlisted yet.",))
    if not proposal.feasible:
        return proposal
    checks.refuse_if_changed(expected=expected, now=list(proposal.selected))
    now = timezone.now()
    chosen = Application.objects.in_bulk(proposal.selected)
    for pk in proposal.selected:
        offers.send_offer(application=chosen[pk], actor=confirmed_by, now=now)
    reserves = [
        c.id
        for c in sorted(
            candidates(intake=intake, outcome=Outcome.RESERVE), key=lambda c: (-c.merit, c.id)
        )
    ]
    WaitlistEntry.objects.bulk_create(
        WaitlistEntry(intake=intake, application_id=pk, position=n)
        for n, pk in enumerate([*proposal.waitlist, *reserves], start=1)
    )
    selection.composition_confirmed_at = now
    selection._history_user = confirmed_by
    selection.save(update_fields=["composition_confirmed_at"])
    audit.record(
        intake=intake,
        actor=confirmed_by,
        action="cohort_confirmed",
        after={
            "offered": [chosen[pk].reference for pk in proposal.selected],
            "waitlist": len(proposal.waitlist) + len(reserves),
            "total_merit": proposal.total_merit,
        },
    )
    return proposal


def publish_unsuccessful(*, intake, actor) -> int:
    """Email every declined applicant whose feedback the team has approved. Returns how many."""
    from upon.selection import emails

    due = Decision.objects.filter(
        application__intake=intake,
        outcome=Outcome.DECLINE,
        published_at__isnull=True,
        feedback_approved_at__isnull=False,
    ).select_related("application__applicant", "application__intake")
    sent = 0
    for decision in due:
        emails.decision_made(decision=decision)
        decision.published_at = timezone.now()
        decision.save(update_fields=["published_at"])
        audit.record(
            intake=intake,
            application=decision.application,
            actor=actor,
            action="decision_published",
            after={"outcome": decision.outcome},
        )
        sent += 1
    return sent
