"""The lead's partner organisations and their API tokens: adding, issuing, revoking, and
finding the token a request carries.

A token reads `upon_<prefix>_<secret>`: the prefix (8 hex characters) finds the row, the hash of
the whole token must match, compared in constant time. Only the hash is stored; the token
itself is returned once, by `issue_token`, for the lead to copy.
"""

import datetime
import hmac
import re
import secrets
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower

from upon.accounts.tokens import hash_token
from upon.partners.models import ApiToken, PartnerOrganisation

SCHEME = "upon"
TOKEN_SHAPE = re.compile(r"upon_(?P<prefix>[0-9a-f]{8})_[A-Za-z0-9_-]{43}")
# How stale `last_used_at` may be before a request writes it again: a busy token writes once a
# minute, not on every request.
LAST_USED_EVERY = datetime.timedelta(minutes=1)


class PartnerProblem(Exception):
    """A rule refused the lead's change: `field` is where the message goes."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def partners_of(*, programme):
    return PartnerOrganisation.objects.filter(programme=programme).order_by(Lower("name"), "pk")


def add_partner(*, programme, name: str, by, now: datetime.datetime) -> PartnerOrganisation:
    name = " ".join(name.split())
    taken = PartnerOrganisation.objects.filter(programme=programme, name__iexact=name)
    if taken.exists():
        raise PartnerProblem("name", f"{name} is already a partner of {programme.name}")
    try:
        with transaction.atomic():
            return PartnerOrganisation.objects.create(
                programme=programme, name=name, added_by=by, added_at=now
            )
    except IntegrityError:  # added by someone else between the check and the save
        raise PartnerProblem("name", f"{name} is already a partner of {programme.name}") from None


@dataclass(frozen=True)
class Issued:
    token: ApiToken
    secret: str  # the whole token, shown to the lead once and never again


def issue_token(*, partner: PartnerOrganisation, name: str, by, now) -> Issued:
    while True:
        prefix = secrets.token_hex(4)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    secret = f"{SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        partner=partner,
        name=" ".join(name.split()),
        prefix=prefix,
        secret_hash=hash_token(secret),
        issued_by=by,
        issued_at=now,
    )
    return Issued(token, secret)


def revoke_token(*, token: ApiToken, by, now) -> bool:
    """Revoke the token from now on; False if it was revoked already (nothing changes)."""
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=by
    )
    token.refresh_from_db(fields=["revoked_at", "revoked_by"])
    return bool(revoked)


class Refused(Exception):
    """The request's token does not open the API: `message` says why, for the 401."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


UNKNOWN = "Unknown token: send a token the programme lead issued, as Authorization: Bearer <token>"
REVOKED = "This token has been revoked: ask the programme lead for a new one"


def token_for(secret: str, *, now: datetime.datetime) -> ApiToken:
    """The live token `secret` is, with its partner and programme; Refused otherwise. Notes
    when it was last used (at most once a LAST_USED_EVERY)."""
    shape = TOKEN_SHAPE.fullmatch(secret)
    if shape is None:
        raise Refused(UNKNOWN)
    token = (
        ApiToken.objects.select_related("partner__programme").filter(prefix=shape["prefix"]).first()
    )
    if token is None or not hmac.compare_digest(token.secret_hash, hash_token(secret)):
        raise Refused(UNKNOWN)
    if token.revoked:
        raise Refused(REVOKED)
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
