"""How the lead's pages reach their objects; who may is declared in `rules.py`."""

from upon.accounts.access import role_required
from upon.accounts.models import Role
from upon.accounts.permissions import get_object_for
from upon.partners.models import ApiToken, PartnerOrganisation
from upon.programmes.models import Programme

PERM = "partners.manage_tokens"
lead_required = role_required(Role.PROGRAMME_LEAD, refusal="Programme lead only")


def get_programme(request, pk):
    return get_object_for(request.user, Programme.objects.all(), PERM, pk=pk)


def get_partner(request, pk):
    partners = PartnerOrganisation.objects.select_related("programme")
    return get_object_for(request.user, partners, PERM, pk=pk)


def get_token(request, pk):
    tokens = ApiToken.objects.select_related("partner__programme", "issued_by", "revoked_by")
    return get_object_for(request.user, tokens, PERM, pk=pk)
