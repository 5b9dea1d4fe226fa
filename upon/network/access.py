"""How the network's views are reached: members only, or the team. Who may do what with an
object is declared in `rules.py`."""

from upon.accounts.access import role_required
from upon.network.rules import MEMBERS

member_required = role_required(
    *MEMBERS, refusal="Members of the network only: participants, alumni and new directors"
)
