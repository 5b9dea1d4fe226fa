"""How support's views reach their objects. Who may do what is declared in `rules.py`; the
querysets here load what the pages and rules read, so a check costs no extra query."""

from upon.accounts.access import role_required
from upon.support.models import Appointment, Booking, LearningEvent
from upon.support.rules import BOOKS_LEARNING, RECORDS_POSTS

APPOINTMENTS = Appointment.objects.select_related(
    "person", "programme", "local_authority", "verified_by", "changed_by"
)

records_posts_required = role_required(
    *RECORDS_POSTS, refusal="Participants, alumni and new directors only"
)

LEARNING_EVENTS = LearningEvent.objects.select_related("programme")
BOOKINGS = Booking.objects.select_related("event", "event__programme", "person")
books_learning_required = role_required(*BOOKS_LEARNING, refusal="New directors and alumni only")
