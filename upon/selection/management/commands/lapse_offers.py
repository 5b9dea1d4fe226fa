from django.core.management.base import BaseCommand

from upon.selection import offers


class Command(BaseCommand):
    help = (
        "Lapse every offer whose accept-by date has passed without an answer, offer each place "
        "to the next reserve on the waiting list, and tell the programme team. Safe to run as "
        "often as you like (for example hourly)."
    )

    def handle(self, *args, **options):
        lapsed = offers.lapse_due_offers()
        self.stdout.write(f"Lapsed {lapsed} offer{'s' if lapsed != 1 else ''}")
