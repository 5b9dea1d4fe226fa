import signal
import threading

from django.core.management.base import BaseCommand
from django.utils import timezone

from upon.service import schedule


class Command(BaseCommand):
    help = (
        "Run the scheduled jobs (upon/service/schedule.py) that are due: reminders, check-ins "
        "due, entitlements ending, offers lapsing, old form tokens. With --once, run what is due "
        "and stop; otherwise look again every --every seconds until stopped (SIGTERM or Ctrl-C "
        "stops it after the job in hand). `make worker` starts it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run the due jobs once and stop.")
        parser.add_argument(
            "--every", type=float, default=60, help="Seconds between looks (default 60)."
        )

    def handle(self, *args, once=False, every=60, **options):
        if once:
            self.run_due()
            return
        stop = threading.Event()
        before = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
        for sig in before:
            signal.signal(sig, lambda *_: stop.set())
        self.stdout.write(f"Running scheduled jobs every {every:g} seconds until stopped")
        try:
            while not stop.is_set():
                self.run_due()
                stop.wait(every)
        finally:
            for sig, handler in before.items():
                signal.signal(sig, handler)
        self.stdout.write("Stopped")

    def run_due(self):
        for name, succeeded in schedule.run_due(now=timezone.now()).items():
            self.stdout.write(f"{name}: {'done' if succeeded else 'failed'}")
