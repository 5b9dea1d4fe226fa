"""How the register's views reach their objects; who may is declared in `rules.py`."""

from upon.accounts.access import role_required, team_required
from upon.accounts.models import Role
from upon.accounts.permissions import get_object_for
from upon.accounts.roles import TEAM_ROLES
from upon.workforce import register
from upon.workforce.models import RegisterImport, Tenure

# The register's pages with no object: the programme team and lead of any programme.
register_required = team_required


def get_authority(request, pk):
    return get_object_for(
        request.user, register.local_authorities(), "workforce.keep_register", pk=pk
    )


def get_tenure(request, pk):
    tenures = Tenure.objects.select_related("authority", "director__user")
    return get_object_for(request.user, tenures, "workforce.keep_register", pk=pk)


def get_import(request, pk):
    return get_object_for(
        request.user, RegisterImport.objects.all(), "workforce.finish_import", pk=pk
    )


def get_tenure_to_link(request, pk):
    """A tenure whose director's Upon account this team member may link, change or unlink."""
    tenures = Tenure.objects.select_related("authority", "director__user")
    return get_object_for(request.user, tenures, "workforce.link_account", pk=pk)


# The register's analytics (aggregates, no names): the team and lead of any programme, and the
# funder.
analytics_readers = role_required(
    *sorted(TEAM_ROLES | {Role.FUNDER}), refusal="Programme team and funders only"
)
