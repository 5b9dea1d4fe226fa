"""Offers and the waitlist.

An offer stays open until its accept-by date. Every decline or lapse offers the next reserve
and tells the team.

Places are never stored as a count: they are the accepted offers. Everything that takes or
gives back a place (accepting, declining, lapsing, promoting reserves) first locks the intake's
selection settings row (`select_for_update`), so for one intake these run one at a time:
acceptances never take the cohort over capacity, and the waitlist moves in order with each
reserve offered once. The lock is always taken first, before any offer row, so they cannot
deadlock.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from upon.recruitment.models import ApplicationStatus
from upon.selection import audit, emails
from upon.selection.models import Offer, OfferStatus, SelectionSettings, WaitlistEntry
from upon.selection.pool import saved_settings_for, settings_for


class OfferClosed(Exception):
    message = "This offer can no longer be answered."


class CohortFull(Exception):
    message = (
        "Sorry, every place has now been taken, so we cannot accept your offer. "
        "The programme team will be in touch."
    )


def accepted_places(*, intake) -> int:
    return Offer.objects.filter(application__intake=intake, status=OfferStatus.ACCEPTED).count()


def open_places(*, intake) -> int:
    """Places neither accepted nor held by an offer waiting for a reply."""
    selection = settings_for(intake=intake)
    taken = Offer.objects.filter(
        application__intake=intake, status__in=[OfferStatus.ACCEPTED, OfferStatus.PENDING]
    ).count()
    return max(selection.places - taken, 0)


def _lock_places(intake) -> SelectionSettings:
    """Lock the intake's settings row: the one lock every change to its places waits for."""
    return SelectionSettings.objects.select_for_update().get(intake=intake)


def waitlist_after_confirmation(*, application, actor, now=None) -> WaitlistEntry | None:
    """Put an application shortlisted (or made a reserve) after the cohort was confirmed at the
    end of the waiting list, audited, so it is never left with no next step.

    None, and nothing changed, before confirmation or when it already has an offer or a place
    on the list.
    """
    selection = SelectionSettings.objects.filter(intake=application.intake).first()
    if selection is None or selection.composition_confirmed_at is None:
        return None
    _lock_places(application.intake)
    if (
        Offer.objects.filter(application=application).exists()
        or WaitlistEntry.objects.filter(application=application).exists()
    ):
        return None
    last = (
        WaitlistEntry.objects.filter(intake=application.intake)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    entry = WaitlistEntry.objects.create(
        intake=application.intake, application=application, position=(last or 0) + 1
    )
    audit.record(
        intake=application.intake,
        application=application,
        actor=actor,
        action="waitlisted_after_confirmation",
        after={"position": entry.position},
    )
    return entry


def send_offer(*, application, actor=None, from_waitlist=False, now=None) -> Offer:
    now = now or timezone.now()
    # Answering an offer locks the settings row, so it must exist once offers go out.
    selection = saved_settings_for(intake=application.intake)
    offer = Offer.objects.create(
        application=application,
        sent_at=now,
        accept_by=now + datetime.timedelta(days=selection.offer_days),
        from_waitlist=from_waitlist,
    )
    application.status = ApplicationStatus.OFFERED
    application.save(update_fields=["status", "updated_at"])
    audit.record(
        intake=application.intake,
        application=application,
        actor=actor,
        action="offer_sent",
        after={"accept_by": offer.accept_by.isoformat(), "from_waitlist": from_waitlist},
    )
    transaction.on_commit(lambda: emails.offer_made(offer=offer))
    return offer


@transaction.atomic
def accept(*, offer: Offer, now=None) -> Offer:
    now = now or timezone.now()
    application = offer.application
    selection = _lock_places(application.intake)
    answered = Offer.objects.filter(
        pk=offer.pk, status=OfferStatus.PENDING, accept_by__gt=now
    ).update(status=OfferStatus.ACCEPTED, responded_at=now)
    if not answered:
        raise OfferClosed()
    if accepted_places(intake=application.intake) > selection.places:
        raise CohortFull()  # and the atomic block puts the offer back to pending
    _record_answer(application, ApplicationStatus.ACCEPTED, OfferStatus.ACCEPTED)
    offer.refresh_from_db()
    return offer


def _record_answer(application, application_status, offer_status, reason=""):
    application.status = application_status
    application.save(update_fields=["status", "updated_at"])
    audit.record(
        intake=application.intake,
        application=application,
        actor=application.applicant,
        action=f"offer_{offer_status.value}",
        before={"status": OfferStatus.PENDING},
        after={"status": offer_status},
        reason=reason,
    )


@transaction.atomic
def decline(*, offer: Offer, reason: str, now=None) -> Offer:
    now = now or timezone.now()
    application = offer.application
    _lock_places(application.intake)
    answered = Offer.objects.filter(pk=offer.pk, status=OfferStatus.PENDING).update(
        status=OfferStatus.DECLINED, responded_at=now, decline_reason=reason
    )
    if not answered:
        raise OfferClosed()
    _record_answer(application, ApplicationStatus.DECLINED, OfferStatus.DECLINED, reason)
    promoted = promote_reserves(intake=application.intake, now=now)
    _tell_team(application, "declined", promoted)
    offer.refresh_from_db()
    return offer


def lapse_due_offers(*, now=None) -> int:
    """Lapse every pending offer past its date and offer the places on. Returns how many."""
    now = now or timezone.now()
    due = list(
        Offer.objects.filter(status=OfferStatus.PENDING, accept_by__lte=now).select_related(
            "application__intake"
        )
    )
    for offer in due:
        with transaction.atomic():
            _lock_places(offer.application.intake)
            lapsed = Offer.objects.filter(pk=offer.pk, status=OfferStatus.PENDING).update(
                status=OfferStatus.LAPSED
            )
            if not lapsed:
                continue
            application = offer.application
            application.status = ApplicationStatus.DECLINED
            application.save(update_fields=["status", "updated_at"])
            audit.record(
                intake=application.intake,
                application=application,
                action="offer_lapsed",
                before={"status": OfferStatus.PENDING},
                after={"status": OfferStatus.LAPSED},
            )
            promoted = promote_reserves(intake=application.intake, now=now)
            _tell_team(application, "lapsed", promoted)
    return len(due)


@transaction.atomic
def promote_reserves(*, intake, now=None, actor=None) -> list:
    """Offer open places to the next reserves on the waitlist, in order."""
    _lock_places(intake)  # already held when a decline or lapse calls this; taken again freely
    promoted = []
    places = open_places(intake=intake)
    entries = WaitlistEntry.objects.filter(intake=intake, offered_at__isnull=True).select_related(
        "application__applicant", "application__intake"
    )
    for entry in entries[:places]:
        send_offer(application=entry.application, actor=actor, from_waitlist=True, now=now)
        entry.offered_at = now or timezone.now()
        entry.save(update_fields=["offered_at"])
        promoted.append(entry.application)
    return promoted


def _tell_team(application, what: str, promoted: list) -> None:
    if promoted:
        then = "We have offered the place to " + ", ".join(a.reference for a in promoted) + "."
    else:
        then = "There is no one left on the waiting list to offer the place to."
    emails.tell_team(
        intake=application.intake,
        subject_line=f"Offer {what}: {application.reference}",
        text=f"The offer to {application.reference} has been {what}. {then}",
    )
