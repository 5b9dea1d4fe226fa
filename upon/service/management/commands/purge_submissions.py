from django.core.management.base import BaseCommand

from upon.service import once


class Command(BaseCommand):
    help = (
        "Forget the tokens of forms sent more than 7 days ago. A token only stops a form sent "
        "twice from saving twice, so after a week it has done its work. Safe to run as often as "
        "you like (for example daily)."
    )

    def handle(self, *args, **options):
        purged = once.purge()
        self.stdout.write(f"Forgot {purged} form submission{'s' if purged != 1 else ''}")
