"""The database side of `make load` (bench/load.py): who the simulated people sign in as, and,
afterwards, whether every write they were told succeeded is in the database.

    .venv/bin/python bench/load_check.py accounts OUT.json   # the demo accounts to use
    .venv/bin/python bench/load_check.py check LEDGER.jsonl  # nothing lost? exit 1 if lost

Both read DATABASE_URL like the service. `check` reads the ledger bench/locustfile.py keeps (one
JSON object a line, in the order the writes succeeded): for each thing written, the last value
written must be the one stored. A write the server answered with success is never missing, and
an older value never comes back over a newer one.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Accounts enough for the applicants of a whole run (each applies once, then signs in as the
# next): the demo has about a hundred people free to apply; the rest are made for the load.
APPLICANTS = 800


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upon.settings")
    import django

    django.setup()


def load_accounts(*, now=None) -> dict:
    """The open intake and the demo accounts for each simulated person: applicants (people with
    no role and no application to it yet, one each), its reviewers, the programme team and lead,
    and the participants."""
    from django.utils import timezone

    from upon.accounts.models import Role, RoleAssignment, User
    from upon.programmes.models import Intake

    now = now or timezone.now()
    intake = (
        Intake.objects.filter(opens_at__lte=now, closes_at__gt=now).order_by("-opens_at").first()
    )
    if intake is None:
        raise SystemExit("No intake is open: seed the demo data first (seed_demo).")

    def holding(*roles, **scope) -> list[str]:
        assignments = RoleAssignment.objects.filter(role__in=roles, **scope)
        return sorted(set(assignments.values_list("user__email", flat=True)))

    applicants = (
        User.objects.filter(email_confirmed_at__isnull=False, is_active=True)
        .exclude(pk__in=RoleAssignment.objects.values("user_id"))
        .exclude(applications__intake=intake)
        .order_by("email")
    )
    reviewers = (
        User.objects.filter(
            reviewer_places__intake=intake,
            reviewer_places__assignments__removed_at__isnull=True,
        )
        .distinct()
        .order_by("email")
    )
    staff = {
        "reviewers": list(reviewers.values_list("email", flat=True)),
        "team": holding(Role.PROGRAMME_TEAM, Role.PROGRAMME_LEAD, programme_id=intake.programme_id),
    }
    _give_the_demo_app([*staff["reviewers"], *staff["team"]])
    found = list(applicants.values_list("email", flat=True))
    if len(found) < APPLICANTS:
        found += _more_applicants(APPLICANTS - len(found), now=now)
    return {
        "intake_pk": intake.pk,
        "intake_slug": intake.slug,
        "applicants": found,
        **staff,
        "app_key": _demo_app_key(),
        "participants": holding(Role.PARTICIPANT),
    }


def _demo_app_key() -> str:
    from demo.common import DEMO_TOTP_KEY

    return DEMO_TOTP_KEY


def _give_the_demo_app(emails: list[str]) -> None:
    """Staff sign in with a second factor: in the load database, every staff account the run
    signs in as gets the demo key's authenticator app (demo/common.py), whose codes the
    simulated people work out (bench/locustfile.py)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from demo.people import give_the_demo_app
    from upon.accounts.models import User

    people = list(User.objects.filter(email__in=emails))
    TOTPDevice.objects.filter(user__in=people).delete()
    give_the_demo_app(people)


def _more_applicants(count: int, *, now) -> list[str]:
    """Make `count` more applicant accounts (load-applicant-N@upon.example) with the demo's
    password, taken over as it is hashed (no hashing 800 times)."""
    from upon.accounts.models import User

    password = User.objects.get(email="applicant@upon.example").password
    start = User.objects.filter(email__startswith="load-applicant-").count()
    made = User.objects.bulk_create(
        User(
            email=f"load-applicant-{n:04d}@upon.example",
            full_name=f"Load Applicant {n}",
            password=password,
            date_joined=now,
            email_confirmed_at=now,
        )
        for n in range(start, start + count)
    )
    return [user.email for user in made]


def latest(records: list[dict]) -> dict[tuple, list[dict]]:
    """For each thing written, what the database may hold: the last write that succeeded, or
    one sent after it whose answer never came (its sender was stopped: `"sent": true`). A thing
    with no write that succeeded is left out: nobody was told it was saved."""
    keys = {
        "application": ("reference",),
        "about_you": ("reference",),
        "current_role": ("reference",),
        "career_entry": ("reference", "job_title"),
        "statement": ("reference", "position"),
        "endorsement_request": ("reference",),
        "endorsed": ("reference",),
        "submitted": ("reference",),
        "review": ("assignment",),
    }
    found, submitted = {}, set()
    for record in records:
        kind = record["kind"]
        key = (kind, *(record[name] for name in keys[kind]))
        if record.get("sent"):
            if key in found:
                found[key].append(record)
            continue
        if kind == "review" and (record["submitted"] or key in submitted):
            submitted.add(key)
            record = {**record, "submitted": True}  # a later draft save keeps it submitted
        found[key] = [record]
    return found


def lost(records: list[dict]) -> list[str]:
    """What the ledger says was written and the database does not hold, one line each."""
    from upon.recruitment.models import Application
    from upon.selection.models import Review

    wanted = latest(records)
    references = {key[1] for key in wanted if key[0] != "review"}
    applications = {
        a.reference: a
        for a in Application.objects.filter(reference__in=references)
        .select_related("applicant", "endorsement")
        .prefetch_related("statements__capability", "career")
    }
    reviews = {
        r.assignment_id: r
        for r in Review.objects.filter(
            assignment_id__in=[key[1] for key in wanted if key[0] == "review"]
        ).prefetch_related("scores")
    }
    problems = []
    for (kind, *_key), (record, *later) in wanted.items():
        if kind == "review":
            review = reviews.get(record["assignment"])
            found = [_review_lost(r, review, submitted=record["submitted"]) for r in later]
            found.insert(0, _review_lost(record, review, submitted=record["submitted"]))
            if all(found):
                problems += found[0]
            continue
        application = applications.get(record["reference"])
        if application is None:
            problems.append(f"application {record['reference']} is missing")
        elif not any(_stored(kind, r, application) for r in (record, *later)):
            problems.append(f"{kind} of {record['reference']}: {record} is not what is stored")
    return problems


def _review_lost(record: dict, review, *, submitted: bool) -> list[str]:
    stored = (
        {str(s.capability_id): (s.score, s.comment) for s in review.scores.all()} if review else {}
    )
    problems = [
        f"review of assignment {record['assignment']}, capability {capability}: "
        f"{stored.get(capability)!r} stored, {(score, record['comments'][capability])!r} written"
        for capability, score in record["scores"].items()
        if stored.get(capability) != (score, record["comments"][capability])
    ]
    if submitted and not (review and review.submitted_at):
        problems.append(f"review of assignment {record['assignment']} is not submitted")
    return problems


def _stored(kind: str, record: dict, application) -> bool:
    """Whether the application holds what this record says was written to it."""
    from upon.recruitment.models import ApplicationStatus, EndorsementStatus

    endorsement = getattr(application, "endorsement", None)
    if kind == "application":
        return application.applicant.email == record["email"]
    if kind == "about_you":
        return (application.full_name, application.phone) == (record["full_name"], record["phone"])
    if kind == "current_role":
        return application.job_title == record["job_title"]
    if kind == "career_entry":
        return any(e.job_title == record["job_title"] for e in application.career.all())
    if kind == "statement":
        texts = {s.capability.position: s.text for s in application.statements.all()}
        return texts.get(record["position"]) == record["text"]
    if kind == "endorsement_request":
        return endorsement is not None and endorsement.sponsor_email == record["sponsor_email"]
    if kind == "endorsed":
        return endorsement is not None and (endorsement.status, endorsement.comment) == (
            EndorsementStatus.ENDORSED,
            record["comment"],
        )
    if kind == "submitted":
        return (
            application.status == ApplicationStatus.SUBMITTED
            and application.submitted_at is not None
        )
    raise ValueError(f"Unknown kind of write: {kind}")


def main(argv: list[str]) -> int:
    command, path = argv
    setup()
    if command == "accounts":
        found = load_accounts()
        Path(path).write_text(json.dumps(found, indent=1), encoding="utf-8")
        print(
            f"{len(found['applicants'])} applicants, {len(found['reviewers'])} reviewers, "
            f"{len(found['team'])} of the team, {len(found['participants'])} participants"
        )
        return 0
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    problems = lost(records)
    succeeded = sum(not record.get("sent") for record in records)
    print(json.dumps({"writes": succeeded, "checked": len(latest(records)), "lost": problems}))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
