"""Business rules for people: accounts, email confirmation, invitations and roles.

Links sent by email carry a random token; only its SHA-256 hash is stored (see tokens.py). Each
link works once: it is spent by a conditional UPDATE, so two clicks at once cannot both win.
"""

import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from upon.accounts import roles, tasks
from upon.accounts.models import (
    INTAKE_SCOPED_ROLES,
    EmailConfirmation,
    Invitation,
    Role,
    RoleAssignment,
    User,
)
from upon.accounts.rules import is_team_for_programme_of
from upon.accounts.signals import role_granted
from upon.accounts.tokens import hash_token, make_token
from upon.service.mail import send_templated

CONFIRMATION_LIFETIME = datetime.timedelta(days=3)
ACCOUNT_EXISTS_INTERVAL = datetime.timedelta(days=1)
INVITATION_LIFETIME = datetime.timedelta(days=14)


class LinkProblem(Exception):
    """A single-use link that cannot be used. `status` is the HTTP status to show."""

    status = 404


class UnknownLink(LinkProblem):
    status = 404


class ExpiredLink(LinkProblem):
    status = 410


class UsedLink(LinkProblem):
    status = 410


class EmailInUse(Exception):
    """An account already exists for this email address."""


class CannotInvite(Exception):
    """The person may not invite to this role on this programme (accounts.invite); says why."""


class WrongPerson(Exception):
    """The invitation was sent to a different email address from the signed-in person's."""


def normalise_email(email: str) -> str:
    """Emails are case-insensitive here: stored and compared in lower case."""
    return email.strip().lower()


def site_link(url_name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(url_name, kwargs=kwargs)


def _create_user(*, full_name: str, email: str, password: str, confirmed_at) -> User:
    email = normalise_email(email)
    if User.objects.filter(email=email).exists():
        raise EmailInUse(email)
    try:
        with transaction.atomic():
            return User.objects.create_user(
                email, password, full_name=full_name.strip(), email_confirmed_at=confirmed_at
            )
    except IntegrityError:
        # Someone registered the same address a moment ago.
        raise EmailInUse(email) from None


def register(*, full_name: str, email: str, password: str) -> User | None:
    """Create an unconfirmed account and email a confirmation link.

    If the address already has an account, its owner gets an email saying so instead (at most
    once a day) and this returns None. Nobody learns who has an account: the page shown
    afterwards is the same, and so is the time it takes, since the password is hashed either
    way and the email is sent in the background.
    """
    try:
        user = _create_user(full_name=full_name, email=email, password=password, confirmed_at=None)
    except EmailInUse:
        make_password(password)  # as slow as creating the account
        tasks.tell_account_exists.enqueue(normalise_email(email))
        return None
    tasks.send_confirmation_email.enqueue(user.pk)
    return user


def tell_account_exists(*, email: str, now: datetime.datetime | None = None) -> bool:
    """Email the owner of an address that already has an account, unless they were told in
    the last day. True if an email was sent."""
    now = now or timezone.now()
    told = (
        User.objects.filter(email=normalise_email(email))
        .filter(
            Q(account_exists_emailed_at__isnull=True)
            | Q(account_exists_emailed_at__lte=now - ACCOUNT_EXISTS_INTERVAL)
        )
        .update(account_exists_emailed_at=now)
    )
    if told:
        send_templated(
            to=normalise_email(email),
            template="accounts/emails/account_exists.txt",
            context={
                "sign_in_link": site_link("accounts:sign_in"),
                "reset_link": site_link("accounts:password_reset"),
            },
        )
    return bool(told)


def send_confirmation(*, user: User) -> EmailConfirmation:
    """Email a new confirmation link, single-use and valid for 3 days. Earlier links still work."""
    token, token_hash = make_token()
    now = timezone.now()
    confirmation = EmailConfirmation.objects.create(
        user=user, token_hash=token_hash, created_at=now, expires_at=now + CONFIRMATION_LIFETIME
    )
    send_templated(
        to=user.email,
        template="accounts/emails/confirm_email.txt",
        context={"user": user, "link": site_link("accounts:confirm_email", token=token)},
    )
    return confirmation


def find_confirmation(*, token: str, now: datetime.datetime | None = None) -> EmailConfirmation:
    """The confirmation a link points to, if it can still be used."""
    now = now or timezone.now()
    confirmation = (
        EmailConfirmation.objects.select_related("user")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if confirmation is None:
        raise UnknownLink()
    if confirmation.used_at is not None:
        raise UsedLink()
    if confirmation.expires_at <= now:
        raise ExpiredLink()
    return confirmation


def confirm_email(*, token: str, now: datetime.datetime | None = None) -> User:
    """Spend a confirmation link and mark the person's email address confirmed."""
    now = now or timezone.now()
    confirmation = find_confirmation(token=token, now=now)
    with transaction.atomic():
        spent = EmailConfirmation.objects.filter(pk=confirmation.pk, used_at__isnull=True).update(
            used_at=now
        )
        if not spent:
            raise UsedLink()
        user = confirmation.user
        if user.email_confirmed_at is None:
            user.email_confirmed_at = now
            user.save(update_fields=["email_confirmed_at"])
    return user


def invite_refusal(*, invited_by: User, role: str, programme) -> str | None:
    """Why the person may not invite to `role` on `programme` (accounts.invite), or None."""
    draft = Invitation(role=role, programme=programme)
    if invited_by.has_perm("accounts.invite", draft):
        return None
    if not is_team_for_programme_of.test(invited_by, draft):
        return "Only the programme team can invite people to this programme"
    return "Only a programme lead can invite a programme lead or a funder"


def check_scope(*, role: str, programme, intake) -> None:
    """Intake-scoped roles need an intake of the programme; the others are for the programme."""
    if role not in Role.values:
        raise ValidationError("Select a role", code="role")
    if role in INTAKE_SCOPED_ROLES:
        if intake is None:
            raise ValidationError("Select the intake", code="intake_required")
        if intake.programme_id != programme.pk:
            raise ValidationError(f"Select an intake of {programme.name}", code="intake_mismatch")
    elif intake is not None:
        raise ValidationError(
            "This role is for a whole programme, not one intake", code="intake_not_allowed"
        )


def invite(*, invited_by: User, email: str, role: str, programme, intake=None) -> Invitation:
    """Email a person a single-use link, valid for 14 days, to take a role."""
    refusal = invite_refusal(invited_by=invited_by, role=role, programme=programme)
    if refusal:
        raise CannotInvite(refusal)
    check_scope(role=role, programme=programme, intake=intake)
    token, token_hash = make_token()
    now = timezone.now()
    invitation = Invitation.objects.create(
        email=normalise_email(email),
        role=role,
        programme=programme,
        intake=intake,
        token_hash=token_hash,
        invited_by=invited_by,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    send_templated(
        to=invitation.email,
        template="accounts/emails/invitation.txt",
        context={
            "invitation": invitation,
            "invited_by": invited_by,
            "link": site_link("accounts:invitation_accept", token=token),
        },
    )
    return invitation


def find_invitation(*, token: str, now: datetime.datetime | None = None) -> Invitation:
    """The invitation a link points to, if it can still be accepted."""
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_related("programme", "intake")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        raise UnknownLink()
    if invitation.accepted_at is not None:
        raise UsedLink()
    if invitation.expires_at <= now:
        raise ExpiredLink()
    return invitation


def accept_invitation(
    *, invitation: Invitation, user: User, now: datetime.datetime | None = None
) -> RoleAssignment:
    """Spend the invitation and grant its role to the person it was sent to."""
    now = now or timezone.now()
    if normalise_email(user.email) != invitation.email:
        raise WrongPerson()
    if invitation.expires_at <= now:
        raise ExpiredLink()
    with transaction.atomic():
        spent = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=now, accepted_by=user
        )
        if not spent:
            raise UsedLink()
        invitation.accepted_at, invitation.accepted_by = now, user
        # The link reached the person at this address, which confirms it.
        if user.email_confirmed_at is None:
            user.email_confirmed_at = now
            user.save(update_fields=["email_confirmed_at"])
        return grant_role(
            user=user,
            role=invitation.role,
            programme=invitation.programme,
            intake=invitation.intake,
            granted_by=invitation.invited_by,
        )


def accept_invitation_with_new_account(
    *, invitation: Invitation, full_name: str, password: str
) -> User:
    """Create the invited person's account (confirmed by the link itself) and accept."""
    with transaction.atomic():
        user = _create_user(
            full_name=full_name,
            email=invitation.email,
            password=password,
            confirmed_at=timezone.now(),
        )
        accept_invitation(invitation=invitation, user=user)
    return user


def grant_role(
    *, user: User, role: str, programme, intake=None, granted_by: User | None = None
) -> RoleAssignment:
    """Give a person a role for a programme (or one of its intakes). Granting twice is harmless."""
    check_scope(role=role, programme=programme, intake=intake)
    assignment, _ = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        programme=programme,
        intake=intake,
        defaults={"granted_by": granted_by},
    )
    _granted([user], role=role, programme=programme, intake=intake)
    return assignment


def grant_roles(
    *, users, role: str, programme, intake=None, granted_by: User | None = None
) -> list[RoleAssignment]:
    """Give many people one role, as `grant_role` gives it to one: one query for who holds it
    already and one insert for the rest, however many people; each is told of (`role_granted`)
    as a single grant would be. Returns the assignments made."""
    check_scope(role=role, programme=programme, intake=intake)
    users = list({user.pk: user for user in users}.values())
    held = set(
        RoleAssignment.objects.filter(
            role=role, programme=programme, intake=intake, user__in=[u.pk for u in users]
        ).values_list("user_id", flat=True)
    )
    made = RoleAssignment.objects.bulk_create(
        RoleAssignment(
            user=user, role=role, programme=programme, intake=intake, granted_by=granted_by
        )
        for user in users
        if user.pk not in held
    )
    _granted(users, role=role, programme=programme, intake=intake)
    return made


def _granted(users, *, role: str, programme, intake) -> None:
    """After a grant: drop each person's cached roles and tell the apps above (`role_granted`)."""
    for user in users:
        roles.forget_roles(user)
        role_granted.send(
            sender=RoleAssignment, user=user, role=role, programme=programme, intake=intake
        )
