"""Who may do what with applications: declared once, checked by every view.

Intake permissions (programmes.manage_intake, programmes.view_equality_report) are in
upon/programmes/rules.py.
"""

import rules

from upon.accounts import roles
from upon.recruitment.models import ApplicationStatus


@rules.predicate
def is_own_application(user, application):
    return application.applicant_id == user.id


@rules.predicate
def is_team_for_application(user, application):
    return application.intake.programme_id in roles.team_programme_ids(user)


@rules.predicate
def is_draft(user, application):
    return application.status == ApplicationStatus.DRAFT


rules.add_perm("recruitment.view_application", is_own_application | is_team_for_application)
rules.add_perm("recruitment.change_application", is_own_application & is_draft)
rules.add_perm("recruitment.review_application_as_team", is_team_for_application)
