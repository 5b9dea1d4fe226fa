"""Who may read what in reporting: declared once, fetched through get_object_for.

Equality monitoring is special category data: only the programme lead reads it, and only in
aggregate; the rest of the team reach the intake but are refused (403). The applicant answers
the monitoring form for their own application.
"""

import rules

from upon.accounts import roles
from upon.accounts.models import Role
from upon.accounts.permissions import add_perm
from upon.accounts.roles import TEAM_ROLES
from upon.programmes.rules import is_lead_for_intake, is_team_for_intake
from upon.recruitment.rules import is_own_application

add_perm(
    "reporting.view_equality_report",
    is_lead_for_intake,
    roles=TEAM_ROLES,
    reach=is_team_for_intake,
)
add_perm(
    "reporting.view_adverse_impact",
    is_lead_for_intake,
    roles=TEAM_ROLES,
    reach=is_team_for_intake,
)
add_perm("reporting.answer_monitoring", is_own_application, roles=None)


# The grant and what the programme achieved (issue 14, items 4 and 5), on the programme itself.
# Its team and lead read both and record spend; its funder reads the figures (the views hide
# anything about one person from them); another programme's team or funder finds nothing.
@rules.predicate
def is_team_for_programme(user, programme):
    return programme.pk in roles.team_programme_ids(user)


@rules.predicate
def is_funder_for_programme(user, programme):
    return programme.pk in roles.programme_ids(user, Role.FUNDER)


OUTCOME_READERS = TEAM_ROLES | {Role.FUNDER}

add_perm(
    "reporting.view_grant",
    is_team_for_programme | is_funder_for_programme,
    roles=OUTCOME_READERS,
)
add_perm(
    "reporting.view_funnel",
    is_team_for_programme | is_funder_for_programme,
    roles=OUTCOME_READERS,
)
# Spend, and the figures about people unsuppressed, are the team's.
add_perm("reporting.record_spend", is_team_for_programme, roles=TEAM_ROLES)
# Budget lines are the team's too: they add them to the programme's grant and change them; the
# funder reads the grant page, never these.
add_perm("reporting.keep_budget", is_team_for_programme, roles=TEAM_ROLES)


@rules.predicate
def is_team_for_budget_line(user, line):
    return line.programme_id in roles.team_programme_ids(user)


add_perm("reporting.change_budget_line", is_team_for_budget_line, roles=TEAM_ROLES)
add_perm(
    "reporting.view_alumni_outcomes",
    is_team_for_programme | is_funder_for_programme,
    roles=OUTCOME_READERS,
)


# Diversity through the funnel reads equality monitoring answers: the programme's lead only, in
# aggregate; the rest of its team reach the programme but are refused (403).
@rules.predicate
def is_lead_for_programme(user, programme):
    return programme.pk in roles.lead_programme_ids(user)


add_perm(
    "reporting.view_diversity",
    is_lead_for_programme,
    roles=TEAM_ROLES,
    reach=is_team_for_programme,
)


# The funder's report (issue 14, item 6): the team builds versions and reads them all; the
# funder reads the list and downloads the finished versions of their own programme only (a
# version still being built, or failed, does not exist for them).
@rules.predicate
def is_team_for_report(user, report):
    return report.programme_id in roles.team_programme_ids(user)


@rules.predicate
def is_funder_for_finished_report(user, report):
    return report.done and report.programme_id in roles.programme_ids(user, Role.FUNDER)


add_perm(
    "reporting.view_funder_reports",
    is_team_for_programme | is_funder_for_programme,
    roles=OUTCOME_READERS,
)
add_perm("reporting.build_funder_report", is_team_for_programme, roles=TEAM_ROLES)
add_perm("reporting.follow_funder_report", is_team_for_report, roles=TEAM_ROLES)
add_perm(
    "reporting.download_funder_report",
    is_team_for_report | is_funder_for_finished_report,
    roles=OUTCOME_READERS,
)
