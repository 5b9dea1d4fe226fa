"""Who may do what with the national register: declared once, checked by every view through
`upon.accounts.permissions.get_object_for` (403 for the wrong role, 404 for no relation).

The register is national, not a programme's: the programme team and lead of any programme keep
it (read, add, change, end, import, export). Everyone else, funders included, is refused (403);
the funder sees the register's aggregates in reports, never the named register. An upload
waiting for its import is its uploader's: another team member finds no such upload (404).
A director's link to an Upon account is read by the whole team but changed only by the team of
a programme where the linked person is a new director or alumnus (`linking.py`); another
programme's team finds the tenure and is refused (403).
"""

import rules

from upon.accounts import roles
from upon.accounts.permissions import add_perm
from upon.accounts.roles import TEAM_ROLES
from upon.workforce import linking

TEAM = sorted(TEAM_ROLES)


@rules.predicate
def keeps_register(user, obj=None) -> bool:
    return roles.is_team(user)


@rules.predicate
def uploaded(user, register_import) -> bool:
    return register_import.uploaded_by_id == user.pk


@rules.predicate
def may_change_link(user, tenure) -> bool:
    return linking.may_change_link(team_member=user, director=tenure.director)


# An authority's history, and a tenure: read, add, change, end.
add_perm("workforce.keep_register", keeps_register, roles=TEAM)
# Finish (or read the dry run of) one's own upload.
add_perm("workforce.finish_import", keeps_register & uploaded, roles=TEAM)
# Link a tenure's director to an Upon account, change the link or remove it.
add_perm(
    "workforce.link_account",
    keeps_register & may_change_link,
    roles=TEAM,
    reach=keeps_register,
)
