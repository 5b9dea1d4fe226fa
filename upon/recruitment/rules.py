"""Who may do what with applications: declared once, fetched through get_object_for.

The intake's permission (programmes.manage_intake) is in upon/programmes/rules.py. A sponsor
answers an endorsement and anyone checks eligibility without an account: the secret link and
the public intake are the permission there, not a rule.
"""

import rules

from upon.accounts import roles
from upon.accounts.permissions import add_perm
from upon.accounts.roles import TEAM_ROLES


@rules.predicate
def is_own_application(user, application):
    return application.applicant_id == user.id


@rules.predicate
def is_team_for_application(user, application):
    return application.intake.programme_id in roles.team_programme_ids(user)


# The applicant's own pages (task list, sections, endorsement, submit, withdraw): anyone signed
# in may apply, so no role is needed; someone else's application is not there (404). Whether a
# draft can still change is a rule of the application (recruitment.services), told as a message.
add_perm("recruitment.view_application", is_own_application, roles=None)
# The programme team reads its programme's applications.
add_perm("recruitment.review_application_as_team", is_team_for_application, roles=TEAM_ROLES)
