"""The people who use Upon at once, for locust: `make load` (bench/load.py) runs them.

Applicants draft an application section by section (saving a statement for later, then
finishing it), ask a sponsor, and submit once the sponsor has endorsed; sponsors open the link in
their email (the server writes emails to files, EMAIL_TO_FILES) and endorse; reviewers score a
blind application with the page's autosave (htmx posts) and then submit; the programme team
lists, filters, searches, reads and exports an intake's applications; participants look at their
home page, programme, calendar and set. HelloWorld asks for /healthz only: the floor.

Every simulated person signs in once with a demo account and keeps its session (an applicant
moves to a fresh account after submitting): the sign-in throttle counts failures only, so right
passwords never meet it. Forms are posted as a browser does, with the CSRF token from the
csrftoken cookie and the `submission` token of forms that create something.

Each write that succeeded is kept in LEDGER (what was written, where), for bench/load_check.py
to find in the database afterwards. The accounts come from the JSON file named by LOAD_ACCOUNTS
(bench/load_check.py `accounts`); the outbox folder from LOAD_OUTBOX.

Runs alone too: `LOAD_ACCOUNTS=... LOAD_OUTBOX=... locust -f bench/locustfile.py --headless
-H http://127.0.0.1:8000 -u 20 -t 1m`.
"""

import itertools
import json
import os
import re
import time
import uuid
from base64 import b32decode
from collections import deque
from pathlib import Path

import gevent
from locust import HttpUser, between, task

# The demo accounts' password (docs/demo-sign-ins.txt), in the load database only.
PASSWORD = "upon-demo-password"  # nosec B105  # the published demo password
_codes_used: dict[str, int] = {}  # email -> the last time step whose code was given
SPONSOR_DOMAIN = "load-sponsor.example"
LEDGER: list[dict] = []
# Shared by the simulated people of one run (one locust process): who holds what.
_accounts: dict | None = None
_applicants: deque = deque()
_reviewer_turn = itertools.count()
_team_turn = itertools.count()
_participant_turn = itertools.count()
_held_reviews: set[int] = set()
_to_endorse: deque = deque()  # (reference, sponsor email), asked for and not yet answered
_endorsed: set[str] = set()
_links: dict[str, str] = {}  # sponsor email -> the path of the newest link sent to them
_outbox_read: dict[Path, int] = {}
# How many simulated people are ready: bench/load.py takes its figures once all of them are.
arrived = 0


def accounts() -> dict:
    global _accounts
    if _accounts is None:
        _accounts = json.loads(Path(os.environ["LOAD_ACCOUNTS"]).read_text(encoding="utf-8"))
        _applicants.extend(_accounts["applicants"])
    return _accounts


def record(kind: str, *, sent: bool = False, **what) -> None:
    """A write that succeeded; or, with `sent`, one about to be sent, which may reach the
    database even if this person is stopped before the answer comes (the end of a phase)."""
    LEDGER.append({"kind": kind, **what, **({"sent": True} if sent else {})})


def hidden(html: str, name: str) -> str | None:
    """The value of the hidden input `name` in the page, or None."""
    for tag in re.findall(r"<input\b[^>]*>", html):
        if f'name="{name}"' in tag:
            found = re.search(r'\bvalue="([^"]*)"', tag)
            return found.group(1) if found else ""
    return None


class Visitor(HttpUser):
    """Anyone: counted in `arrived` once ready (signed in, for those who sign in)."""

    abstract = True
    wait_time = between(1, 5)

    def on_start(self):
        global arrived
        self.begin()
        arrived += 1

    def begin(self) -> None:
        """What a person does first, once (sign in)."""


class Person(Visitor):
    """One browser: a session kept between requests, forms posted with their CSRF token."""

    abstract = True

    def post_form(self, path: str, data: dict, *, name: str, referer: str | None = None, **kw):
        data = {"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""), **data}
        headers = {"Referer": self.host + (referer or path), **kw.pop("headers", {})}
        return self.client.post(path, data=data, name=name, headers=headers, **kw)

    def sign_in(self, email: str) -> bool:
        self.client.cookies.clear()
        self.client.get("/account/sign-in/", name="sign in")
        with self.post_form(
            "/account/sign-in/",
            {"email": email, "password": PASSWORD},
            name="sign in (post)",
            catch_response=True,
        ) as response:
            if response.ok and "/sign-in/code/" in response.url:
                response.success()
                return self.give_code(email)
            if response.ok and "/sign-in/" not in response.url:
                return True
            response.failure(f"could not sign in as {email}")
            return False

    def give_code(self, email: str) -> bool:
        """Staff give their authenticator app's code (the demo key, bench/load_check.py). A code
        works once per account, and several simulated people may share one: take the next
        step's code (accepted 30 seconds early), or wait for a fresh one."""
        # Imported here, once locust has patched the standard library (django_otp's package
        # imports Django, which gevent's patching must not find first).
        from django_otp.oath import TOTP

        for _attempt in range(4):
            step = int(time.time()) // 30
            code = TOTP(b32decode(accounts()["app_key"])).token()
            if _codes_used.get(email, -1) >= step:
                gevent.sleep(30 - time.time() % 30 + 0.5)
                continue
            _codes_used[email] = step
            with self.post_form(
                "/account/sign-in/code/",
                {"code": f"{code:06d}"},
                name="sign in (code)",
                catch_response=True,
            ) as response:
                if response.ok and "/sign-in/" not in response.url:
                    return True
                response.success()  # used by another process's person this step: wait
            gevent.sleep(30 - time.time() % 30 + 0.5)
        return False


class HelloWorld(Visitor):
    """The floor: the cheapest answer the same server gives (no database, no session)."""

    @task
    def healthz(self):
        self.client.get("/healthz", name="/healthz")


class Applicant(Person):
    weight = 50

    def begin(self):
        self.email = None
        self.reference = None
        self.next_account()

    def next_account(self) -> None:
        accounts()
        if self.email:
            self.post_form("/account/sign-out/", {}, name="sign out", referer="/account/")
        self.email = _applicants.popleft() if _applicants else None
        self.reference = None
        if self.email and not self.sign_in(self.email):
            self.email = None

    @task
    def apply(self):
        if not self.email:  # every account has applied: read what is there, like the others
            self.client.get("/account/", name="home")
            return
        if not self.reference:
            self.start_application()
        elif self.reference in _endorsed:
            self.submit()
        else:  # waiting for the sponsor: look at the task list again later
            gevent.sleep(1)
            self.client.get(f"/applications/{self.reference}/", name="task list")

    def start_application(self) -> None:
        slug = accounts()["intake_slug"]
        self.client.get("/account/", name="home")
        self.wait()
        self.client.get(f"/intakes/{slug}/apply/", name="start application")
        self.wait()
        with self.post_form(
            f"/intakes/{slug}/apply/", {}, name="start application (post)", catch_response=True
        ) as response:
            found = re.search(r"/applications/([^/]+)/$", response.url)
            if not found:
                response.failure("no application after starting one")
                return
            self.reference = found.group(1)
        record("application", reference=self.reference, email=self.email)
        self.wait()
        self.draft()

    def section(self, path: str, data: dict, name: str) -> bool:
        page = self.client.get(path, name=name)
        self.wait()
        data = {**data, "submission": hidden(page.text, "submission") or ""}
        with self.post_form(path, data, name=f"{name} (post)", catch_response=True) as response:
            if response.ok and "govuk-error-summary" not in response.text:
                return True
            response.failure(f"{name} not saved")
            return False

    def draft(self) -> None:
        ref = self.reference
        base = f"/applications/{ref}"
        phone = f"07700 9{abs(hash(ref)) % 100000:05d}"
        if self.section(
            f"{base}/about-you/",
            {"full_name": f"Load Applicant {ref}", "phone": phone, "action": "continue"},
            "about you",
        ):
            record("about_you", reference=ref, full_name=f"Load Applicant {ref}", phone=phone)
        self.wait()
        page = self.client.get(f"{base}/current-role/", name="current role")
        authorities = re.findall(
            r'<option value="(\d+)"', page.text.split('name="local_authority"', 1)[-1]
        )
        title = f"Assistant Director {ref}"
        self.wait()
        if self.section(
            f"{base}/current-role/",
            {
                "job_title": title,
                "role_level": "assistant_director",
                "sector": "local_government",
                "employer_kind": "local_authority",
                "local_authority": authorities[0] if authorities else "",
                "employer_name": "",
                "region": "",
                "role_started_0": "1",
                "role_started_1": "4",
                "role_started_2": "2021",
                "action": "continue",
            },
            "current role",
        ):
            record("current_role", reference=ref, job_title=title)
        self.wait()
        entry = f"Head of Service {ref}"
        if self.section(
            f"{base}/career/",
            {
                "form": "entry",
                "employer_name": "Load Council",
                "job_title": entry,
                "started_0": "1",
                "started_1": "4",
                "started_2": "2019",
                "senior_leadership": "on",
            },
            "career entry",
        ):
            record("career_entry", reference=ref, job_title=entry)
        self.wait()
        self.section(f"{base}/career/", {"action": "continue"}, "career")
        tasks = self.client.get(f"{base}/", name="task list").text
        positions = sorted({int(p) for p in re.findall(r"/statements/(\d+)/", tasks)})
        for position in positions:
            self.wait()
            path = f"{base}/statements/{position}/"
            draft = f"A first draft for statement {position} of {ref}."
            # Saved for later first, as a person drafting does, then finished.
            for text, action in (
                (draft, "later"),
                (f"I led a partnership that halved waiting times ({ref}, {position}).", "continue"),
            ):
                self.wait()
                written = {"reference": ref, "position": position, "text": text}
                record("statement", sent=True, **written)
                if self.section(path, {"text": text, "action": action}, "statement"):
                    record("statement", **written)
        self.wait()
        sponsor = f"sponsor-{ref.lower()}@{SPONSOR_DOMAIN}"
        if self.section(
            f"{base}/endorsement/",
            {
                "sponsor_name": f"Sponsor of {ref}",
                "sponsor_email": sponsor,
                "sponsor_role": "dcs",
                "action": "send",
            },
            "endorsement request",
        ):
            record("endorsement_request", reference=ref, sponsor_email=sponsor)
            _to_endorse.append((ref, sponsor))

    def submit(self) -> None:
        base = f"/applications/{self.reference}"
        self.client.get(f"{base}/check/", name="check answers")
        self.wait()
        with self.post_form(
            f"{base}/check/", {"confirmed": "on"}, name="submit", catch_response=True
        ) as response:
            if not response.url.endswith(f"{base}/submitted/"):
                response.failure("not submitted")
                return
        record("submitted", reference=self.reference)
        self.wait()
        self.next_account()


class Sponsor(Visitor):
    """An employer's sponsor: no account, the link in their email is their way in."""

    weight = 8

    @task
    def endorse(self):
        if not _to_endorse:
            gevent.sleep(1)  # nothing to answer yet (with no pause between tasks, no spinning)
            return
        reference, sponsor = _to_endorse.popleft()
        path = link_for(sponsor)
        if path is None:  # not in the outbox yet: someone tries again later
            _to_endorse.append((reference, sponsor))
            return
        self.client.cookies.clear()
        self.client.get(path, name="endorse")
        self.wait()
        comment = f"Ready for it ({reference})."
        with self.client.post(
            path,
            data={
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
                "supports": "yes",
                "comment": comment,
            },
            headers={"Referer": self.host + path},
            name="endorse (post)",
            catch_response=True,
        ) as response:
            if not response.ok or "govuk-error-summary" in response.text:
                response.failure("endorsement not saved")
                return
        record("endorsed", reference=reference, comment=comment)
        _endorsed.add(reference)


def link_for(sponsor: str) -> str | None:
    """The path of the newest endorsement link emailed to `sponsor`, reading the outbox."""
    outbox = Path(os.environ["LOAD_OUTBOX"])
    for file in sorted(outbox.glob("*.log")):
        start = _outbox_read.get(file, 0)
        with file.open("rb") as stream:
            stream.seek(start)
            text = stream.read().decode("utf-8", "replace")
        # Only whole messages: the file-based backend ends each with a line of 79 dashes.
        whole, _, _rest = text.rpartition("-" * 79 + "\n")
        if not whole:
            continue
        _outbox_read[file] = start + len((whole + "-" * 79 + "\n").encode())
        for message in whole.split("-" * 79 + "\n"):
            to = re.search(r"^To: (\S+)$", message, re.MULTILINE)
            link = re.search(r"https?://[^/\s]+(/endorse/[^/\s]+/)", message)
            if to and link:
                _links[to.group(1).lower()] = link.group(1)
    return _links.pop(sponsor, None)


class Reviewer(Person):
    """Scores blind applications: the page autosaves as they go, then they submit."""

    weight = 14

    def begin(self):
        reviewers = accounts()["reviewers"]
        self.sign_in(reviewers[next(_reviewer_turn) % len(reviewers)])
        self.held = None

    def on_stop(self):
        _held_reviews.discard(self.held)

    @task
    def review(self):
        queue = self.client.get("/reviews/", name="review queue").text
        self.wait()
        # Another simulated reviewer on the same account may hold one: never two at once, as
        # two tabs on one review would refuse each other's saves (that is the versioning's job).
        free = [int(pk) for pk in re.findall(r"/reviews/(\d+)/", queue)]
        free = [pk for pk in free if pk not in _held_reviews]
        if not free:
            self.client.get("/reviews/rubric/", name="rubric")
            return
        self.held = pk = free[next(_reviewer_turn) % len(free)]
        _held_reviews.add(pk)
        try:
            self.score(pk)
        finally:
            _held_reviews.discard(pk)
            self.held = None

    def score(self, pk: int) -> None:
        """Score every capability, then revise them one at a time, each change autosaved (a
        draft or a review already submitted, which stays complete); then submit."""
        path = f"/reviews/{pk}/"
        page = self.client.get(path, name="review").text
        version = hidden(page, "version")
        capabilities = sorted({int(c) for c in re.findall(r'name="score_(\d+)"', page)})
        if version is None or not capabilities:
            return  # closed for changes: nothing to write
        scores = {c: 1 + (pk + c) % 4 for c in capabilities}
        comments = {c: "" for c in capabilities}
        chosen = {
            "recommendation": ("shortlist", "reserve", "decline")[pk % 3],
            "confidence": ("high", "medium", "low")[pk % 3],
        }
        for capability in capabilities:
            self.wait()
            scores[capability] = 1 + (scores[capability] % 4)
            comments[capability] = f"Evidence for capability {capability} ({uuid.uuid4()})"
            data = {**self.fields(version, scores, comments), **chosen}
            self.saved(pk, scores, comments, submitted=False, sent=True)
            with self.post_form(
                path,
                data,
                name="review autosave",
                headers={"HX-Request": "true"},
                catch_response=True,
            ) as response:
                version = hidden(response.text, "version") if response.ok else None
                if version is None:
                    response.failure(f"autosave refused: {response.status_code}")
                    return
            self.saved(pk, scores, comments, submitted=False)
        self.wait()
        data = {**self.fields(version, scores, comments), **chosen, "submit": ""}
        self.saved(pk, scores, comments, submitted=True, sent=True)
        with self.post_form(path, data, name="review submit", catch_response=True) as response:
            if not response.url.endswith("/reviews/"):
                response.failure("review not submitted")
                return
        self.saved(pk, scores, comments, submitted=True)

    @staticmethod
    def fields(version, scores, comments) -> dict:
        data = {"version": version}
        for capability, score in scores.items():
            data[f"score_{capability}"] = str(score)
            data[f"comment_{capability}"] = comments[capability]
        return data

    @staticmethod
    def saved(pk, scores, comments, **more) -> None:
        record(
            "review",
            assignment=pk,
            scores={str(c): s for c, s in scores.items()},
            comments={str(c): t for c, t in comments.items()},
            **more,
        )


class Team(Person):
    """The programme team working the open intake's applications."""

    weight = 10

    def begin(self):
        team = accounts()["team"]
        self.sign_in(team[next(_team_turn) % len(team)])
        self.base = f"/team/intakes/{accounts()['intake_pk']}/applications/"

    @task(4)
    def list_applications(self):
        self.client.get(self.base, name="team applications")

    @task(3)
    def filter_applications(self):
        self.client.get(
            self.base + "?status=submitted&status=draft&sector=local_government",
            name="team applications, filtered",
        )
        self.wait()
        self.client.get(self.base + "?page=2", name="team applications, page 2")

    @task(2)
    def search_and_read(self):
        page = self.client.get(self.base + "?q=ADCS", name="team applications, search").text
        references = re.findall(r"/team/applications/([^/\"]+)/", page)
        if references:
            self.wait()
            self.client.get(
                f"/team/applications/{references[len(references) // 2]}/",
                name="team application",
            )

    @task(1)
    def export(self):
        self.client.get(self.base + "export.csv?status=submitted", name="export csv")

    @task(1)
    def export_spreadsheet(self):
        self.client.get(self.base + "export.xlsx", name="export xlsx")


class Participant(Person):
    """Last year's cohort: their home page, their programme and calendar, their set."""

    weight = 18

    def begin(self):
        participants = accounts()["participants"]
        self.sign_in(participants[next(_participant_turn) % len(participants)])

    @task(3)
    def home(self):
        self.client.get("/account/", name="home")

    @task(3)
    def programme(self):
        self.client.get("/programme/", name="programme")

    @task(3)
    def calendar(self):
        self.client.get("/programme/calendar/", name="calendar")

    @task(1)
    def learning_set(self):
        self.client.get("/programme/set/", name="set")


PEOPLE = [Applicant, Sponsor, Reviewer, Team, Participant]
