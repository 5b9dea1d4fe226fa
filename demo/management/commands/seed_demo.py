import argparse
import time

from django.core.management.base import BaseCommand, CommandError

from demo.common import new_context
from demo.people import SIGN_INS_FILE, sign_ins_table
from demo.scales import NATIONAL_APPLICATIONS, build_demo, build_national
from upon.programmes.models import Programme


class Command(BaseCommand):
    help = (
        "Fill an EMPTY database with synthetic data (Faker en_GB names; never real directors). "
        "Rules: refuses to run if any programme exists, unless --if-empty, which then does "
        "nothing. The same --seed gives the same people, references and statuses; dates are "
        "relative to today, so the open intake is always open. --scale demo (the default): one "
        "programme; last year's decided intake, its cohort part-way through its programme year "
        "(timetable, registers, sets, self-assessments, a challenge; the participant sign-in one "
        "taught day from completing); two regional intakes that closed weeks ago, one with "
        "offers out (the offer sign-in holds one) and one decided and ready for the lead to "
        "compose; this year's intake, open, about 150 applications, reviews under way and "
        "nothing decided; and one sign-in per role, all with the demo password (demo only). "
        "--scale national: the benchmark dataset, 50,000 "
        "applications over ten years of intakes (5,000 in the newest closed one, 12 in a pilot) "
        "and 5,000 more in the open intake, and 5,000 participants in 50 cohorts with their "
        "sessions, sets and registers, 300 directors in support with 60 coaches and two years "
        "of coaching logs and check-ins, and the network's 5,000 members in the directory, "
        "200,000 group posts and 20,000 library resources, with a progress bar. Both scales: "
        "support for new directors (the director, coach and employer sign-ins see their "
        "work) and the network (the demo: ten past intakes, one a year before last year's, "
        "each with a cohort of 40 alumni who completed it, in the directory and their groups, "
        "and 2,000 library resources). "
        "Writes docs/demo-sign-ins.txt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2020, help="Random seed (default 2020).")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing, successfully, if a programme already exists (used by make run).",
        )
        parser.add_argument("--scale", choices=["demo", "national"], default="demo")
        # For tests: a national dataset of a different size.
        parser.add_argument(
            "--applications", type=int, default=NATIONAL_APPLICATIONS, help=argparse.SUPPRESS
        )

        for name in ("directors", "coaches", "authorities"):
            parser.add_argument(f"--{name}", type=int, default=None, help=argparse.SUPPRESS)

    def handle(self, *args, seed, if_empty, scale, applications, verbosity, **options):
        if Programme.objects.exists():
            if if_empty:
                if verbosity:
                    self.stdout.write("A programme already exists: no demo data added.")
                return
            raise CommandError(
                "The database already has a programme. seed_demo fills only an empty database; "
                "use --if-empty to skip quietly."
            )
        say = self.stdout.write if verbosity else None
        ctx = new_context(seed=seed, out=say)
        started = time.perf_counter()
        if scale == "national":
            ctx.statement_words = (60, 160)
            result = build_national(
                ctx,
                applications=applications,
                bar=verbosity > 0,
                directors=options.get("directors"),
                coaches=options.get("coaches"),
                authorities=options.get("authorities"),
            )
        else:
            result = build_demo(ctx)
        seconds = time.perf_counter() - started
        table = sign_ins_table()
        if not SIGN_INS_FILE.exists() or SIGN_INS_FILE.read_text(encoding="utf-8") != table:
            SIGN_INS_FILE.write_text(table, encoding="utf-8")
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Seeded {result['applications']:,} applications in "
                    f"{len(result['intakes'])} intakes in {seconds:.1f} s (seed {seed}). "
                    f"Open intake: /intakes/{result['open_intake'].slug}/"
                )
            )
            self.stdout.write(table)
