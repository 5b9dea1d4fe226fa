"""How support's views reach their objects. Who may do what is declared in `rules.py`; the
querysets here load what the pages and rules read, so a check costs no extra query."""

from upon.accounts.access import role_required
from upon.support.models import Appointment
from upon.support.rules import RECORDS_POSTS

APPOINTMENTS = Appointment.objects.select_related(
    "person", "programme", "local_authority", "verified_by", "changed_by"
)

records_posts_required = role_required(
    *RECORDS_POSTS, refusal="Participants, alumni and new directors only"
)
