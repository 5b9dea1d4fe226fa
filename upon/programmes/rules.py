"""Who may do what with an intake: declared once, checked by every app that works in one.

Other apps build their permissions on these predicates (selection's team pages and the lead's
cohort confirmation, delivery's cohorts, reporting's lead-only reports).
"""

from upon.accounts.permissions import add_perm
from upon.accounts.roles import TEAM_ROLES
from upon.accounts.rules import is_lead_for_programme_of, is_team_for_programme_of

# An intake belongs to its programme: its team and its lead are the programme's.
is_team_for_intake = is_team_for_programme_of
is_lead_for_intake = is_lead_for_programme_of


# The programme team runs its programme's intakes; another programme's intake is not there.
add_perm("programmes.manage_intake", is_team_for_intake, roles=TEAM_ROLES)
