"""Who may do what with an intake: declared once, checked by every app that works in one."""

import rules

from upon.accounts import roles


@rules.predicate
def is_team_for_intake(user, intake):
    return intake.programme_id in roles.team_programme_ids(user)


@rules.predicate
def is_lead_for_intake(user, intake):
    return intake.programme_id in roles.lead_programme_ids(user)


rules.add_perm("programmes.manage_intake", is_team_for_intake)
rules.add_perm("programmes.view_equality_report", is_lead_for_intake)
