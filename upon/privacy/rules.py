"""Who may do what with a person's data (issue 15, item 4).

A subject access export or an erasure is the programme lead's, for a person with a place in
the lead's programme (an application to one of its intakes, or a role in it). The rest of that
programme's team reach the person but are refused (403); the team of another programme, and
its lead, find no such person (404). The log of equality answers read is the team's to see.
"""

import rules

from upon.accounts import roles
from upon.accounts.permissions import add_perm
from upon.accounts.roles import TEAM_ROLES
from upon.privacy.people import programme_ids_of
from upon.reporting.rules import is_lead_for_programme, is_team_for_programme


@rules.predicate
def is_lead_for_person(user, person):
    return bool(programme_ids_of(person) & roles.lead_programme_ids(user))


@rules.predicate
def is_team_for_person(user, person):
    return bool(programme_ids_of(person) & roles.team_programme_ids(user))


add_perm(
    "privacy.handle_personal_data",
    is_lead_for_person,
    roles=TEAM_ROLES,
    reach=is_team_for_person,
)
add_perm(
    "privacy.find_people",
    is_lead_for_programme,
    roles=TEAM_ROLES,
    reach=is_team_for_programme,
)
add_perm("privacy.view_equality_reads", is_team_for_programme, roles=TEAM_ROLES)
