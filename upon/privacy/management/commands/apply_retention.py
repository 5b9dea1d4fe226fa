from django.core.management.base import BaseCommand
from django.utils import timezone

from upon.privacy import retention


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = (
        "Apply the retention schedule now (the scheduler does it daily): anonymise unsuccessful "
        "applications and delete old equality answers, keeping their counts. --dry-run says "
        "what would go and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would go; change nothing"
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        found = retention.plan(now=now)
        verb = "Would anonymise" if dry_run else "Anonymising"
        for reference, intake in found.applications:
            self.stdout.write(f"{verb} application {reference} ({intake})")
        verb = "Would delete" if dry_run else "Deleting"
        for intake, answers in found.intakes:
            self.stdout.write(f"{verb} {answers} equality answers of {intake}, keeping its counts")
        if not found:
            self.stdout.write("Nothing is due")
            return
        if dry_run:
            self.stdout.write(
                f"Dry run: {plural(len(found.applications), 'application')} and the answers "
                f"of {plural(len(found.intakes), 'intake')} would go; nothing was changed"
            )
            return
        changed = retention.apply_due(now=now)
        self.stdout.write(f"Done: {changed} records changed")
