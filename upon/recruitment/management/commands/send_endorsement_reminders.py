from django.core.management.base import BaseCommand
from django.utils import timezone

from upon.recruitment import endorsements


class Command(BaseCommand):
    help = (
        "Email a reminder to each sponsor who has not responded to an endorsement request: "
        "the first 3 days after the request, the second 7 days after it, never more than two. "
        "Only for draft applications whose link has not expired. Each reminder carries a new "
        "link and the old one stops working. Safe to run as often as you like (for example "
        "hourly): a reminder is sent once."
    )

    def handle(self, *args, **options):
        sent = endorsements.send_due_reminders(now=timezone.now())
        self.stdout.write(f"Sent {sent} endorsement reminder{'s' if sent != 1 else ''}")
