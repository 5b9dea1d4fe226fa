"""Partner organisations and tokens: only a hash is kept, the secret opens the API until it is
revoked, and last use is noted at most once a minute."""

import datetime
import re

import pytest
from django.db import IntegrityError

from upon.accounts.tokens import hash_token
from upon.partners import services
from upon.partners.models import ApiToken, PartnerOrganisation

pytestmark = pytest.mark.django_db


def test_a_token_keeps_only_its_hash_and_prefix(issued, partner, lead, now):
    assert re.fullmatch(r"upon_[0-9a-f]{8}_[A-Za-z0-9_-]{43}", issued.secret)
    saved = ApiToken.objects.get()
    assert saved.prefix == issued.secret[5:13]
    assert saved.secret_hash == hash_token(issued.secret)
    assert issued.secret not in {getattr(saved, f.attname) for f in ApiToken._meta.fields}
    assert (saved.partner, saved.name, saved.issued_by, saved.issued_at) == (
        partner,
        "Dashboard",
        lead,
        now,
    )
    assert (saved.last_used_at, saved.revoked_at, saved.revoked_by) == (None, None, None)


def test_the_secret_finds_its_token_and_notes_its_use_once_a_minute(issued, now):
    assert services.token_for(issued.secret, now=now) == issued.token
    assert ApiToken.objects.get().last_used_at == now
    later = now + datetime.timedelta(seconds=59)
    services.token_for(issued.secret, now=later)
    assert ApiToken.objects.get().last_used_at == now
    a_minute_on = now + datetime.timedelta(minutes=1)
    services.token_for(issued.secret, now=a_minute_on)
    assert ApiToken.objects.get().last_used_at == a_minute_on


@pytest.mark.parametrize(
    "secret",
    [
        "",
        "nonsense",
        "upon_00000000_" + "a" * 43,  # the right shape, no such prefix
        "upon_ZZZZZZZZ_" + "a" * 43,
        "upon_12345678_" + "a" * 42,
    ],
)
def test_an_unknown_token_is_refused(issued, now, secret):
    with pytest.raises(services.Refused) as refused:
        services.token_for(secret, now=now)
    assert refused.value.message == services.UNKNOWN


def test_a_token_with_the_right_prefix_and_the_wrong_secret_is_refused(issued, now):
    wrong = issued.secret[:14] + ("b" if issued.secret[14] != "b" else "c") + issued.secret[15:]
    with pytest.raises(services.Refused) as refused:
        services.token_for(wrong, now=now)
    assert refused.value.message == services.UNKNOWN
    assert ApiToken.objects.get().last_used_at is None


def test_a_revoked_token_is_refused_and_revoking_twice_changes_nothing(issued, lead, team, now):
    assert services.revoke_token(token=issued.token, by=lead, now=now) is True
    later = now + datetime.timedelta(hours=1)
    assert services.revoke_token(token=issued.token, by=team, now=later) is False
    saved = ApiToken.objects.get()
    assert (saved.revoked_at, saved.revoked_by) == (now, lead)
    with pytest.raises(services.Refused) as refused:
        services.token_for(issued.secret, now=later)
    assert refused.value.message == services.REVOKED


def test_a_partner_name_is_one_per_programme_whatever_its_case(
    partner, programme, other_programme, lead, now
):
    with pytest.raises(services.PartnerProblem) as problem:
        services.add_partner(programme=programme, name=" research   PARTNER ", by=lead, now=now)
    assert (problem.value.field, problem.value.message) == (
        "name",
        "research PARTNER is already a partner of Upon Programme",
    )
    elsewhere = services.add_partner(
        programme=other_programme, name="Research Partner", by=lead, now=now
    )
    assert PartnerOrganisation.objects.count() == 2
    assert elsewhere.programme == other_programme
    with pytest.raises(IntegrityError):
        PartnerOrganisation.objects.create(
            programme=programme, name="RESEARCH PARTNER", added_by=lead
        )
