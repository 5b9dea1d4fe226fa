"""Who may read what in reporting: declared once, fetched through get_object_for.

Equality monitoring is special category data: only the programme lead reads it, and only in
aggregate; the rest of the team reach the intake but are refused (403). The applicant answers
the monitoring form for their own application.
"""

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
