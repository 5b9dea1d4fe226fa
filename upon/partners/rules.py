"""Who manages a programme's partner organisations and API tokens: its lead only.

The rest of the programme's team reach the programme's partners and tokens but are refused
(403); another programme's team, and everyone else, find none (404, or 403 without a team
role). The API itself answers tokens, never a session (`api.py`).
"""

import rules

from upon.accounts import roles
from upon.accounts.permissions import add_perm
from upon.accounts.roles import TEAM_ROLES
from upon.reporting.rules import is_team_for_programme


@rules.predicate
def leads_programme(user, programme) -> bool:
    return programme.pk in roles.lead_programme_ids(user)


# On a programme, a partner organisation (`programme`) or a token (`partner.programme`).
def _programme(obj):
    if hasattr(obj, "partner"):
        return obj.partner.programme
    return getattr(obj, "programme", obj)


@rules.predicate
def leads_programme_of(user, obj) -> bool:
    return leads_programme(user, _programme(obj))


@rules.predicate
def on_team_of(user, obj) -> bool:
    return is_team_for_programme(user, _programme(obj))


add_perm("partners.manage_tokens", leads_programme_of, roles=TEAM_ROLES, reach=on_team_of)
