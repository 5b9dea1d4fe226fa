"""Who may do what with an intake: declared once, checked by every app that works in one.

Other apps build their permissions on these predicates (selection's team pages and the lead's
cohort confirmation, delivery's cohorts, reporting's lead-only reports).
"""

import rules

from upon.accounts import roles
from upon.accounts.permissions import add_perm
from upon.accounts.roles import TEAM_ROLES


@rules.predicate
def is_team_for_intake(user, intake):
    return intake.programme_id in roles.team_programme_ids(user)


@rules.predicate
def is_lead_for_intake(user, intake):
    return intake.programme_id in roles.lead_programme_ids(user)


# The programme team runs its programme's intakes; another programme's intake is not there.
add_perm("programmes.manage_intake", is_team_for_intake, roles=TEAM_ROLES)
