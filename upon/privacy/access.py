"""How the privacy pages fetch what they show (permissions in rules.py)."""

from upon.accounts import roles
from upon.accounts.permissions import get_object_for
from upon.privacy import registry
from upon.privacy.people import programme_ids_of
from upon.programmes.models import Programme


def get_person_for_lead(user, pk):
    return get_object_for(
        user, registry.user_model().objects.all(), "privacy.handle_personal_data", pk=pk
    )


def lead_programme_of(user, person) -> Programme:
    """The programme (of the lead's, the person's first) an export or erasure is logged under."""
    ids = programme_ids_of(person) & roles.lead_programme_ids(user)
    return Programme.objects.get(pk=min(ids))


def get_programme_for_lead(user, pk) -> Programme:
    return get_object_for(user, Programme, "privacy.find_people", pk=pk)


def get_programme_for_team(user, pk) -> Programme:
    return get_object_for(user, Programme, "privacy.view_equality_reads", pk=pk)
