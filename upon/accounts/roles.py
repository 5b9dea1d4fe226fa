"""Which roles a person holds, and where. Loaded once per request and cached on the user."""

from upon.accounts.models import Role

TEAM_ROLES = frozenset({Role.PROGRAMME_TEAM, Role.PROGRAMME_LEAD})
# Roles that see other people's personal data at scale: they must sign in with a second factor
# (upon/accounts/second_factor.py). Anyone else may turn one on.
SECOND_FACTOR_ROLES = frozenset({*TEAM_ROLES, Role.REVIEWER, Role.COACH})


def _assignments(user) -> list[tuple[str, int, int | None]]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_role_assignments", None)
    if cached is None:
        cached = list(user.roles.values_list("role", "programme_id", "intake_id"))
        user._role_assignments = cached
    return cached


def forget_roles(user) -> None:
    """Drop the cache after granting or removing a role."""
    user.__dict__.pop("_role_assignments", None)


def role_names(user) -> set[str]:
    return {role for role, _, _ in _assignments(user)}


def has_role(user, *roles: str) -> bool:
    return bool(role_names(user) & set(roles))


def programme_ids(user, *roles: str) -> set[int]:
    """Programmes where the person holds any of these roles."""
    return {programme for role, programme, _ in _assignments(user) if role in roles}


def intake_ids(user, *roles: str) -> set[int]:
    return {intake for role, _, intake in _assignments(user) if role in roles and intake}


def is_team(user) -> bool:
    return has_role(user, *TEAM_ROLES)


def team_programme_ids(user) -> set[int]:
    return programme_ids(user, *TEAM_ROLES)


def lead_programme_ids(user) -> set[int]:
    return programme_ids(user, Role.PROGRAMME_LEAD)


def needs_second_factor(user) -> bool:
    return has_role(user, *SECOND_FACTOR_ROLES)
