"""What `make bench` measures: the pages, who asks for them, and a small case beside each.

Each page is measured in-process through django.test.Client (force_login), so the time is the
server's own: URL routing, middleware, view, queries and template, no network.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.test import Client
from django.urls import reverse

from upon.accounts.models import User
from upon.recruitment.models import Application, ApplicationStatus, Intake


@dataclass
class Page:
    name: str  # the metric's name in bench/results.json
    title: str
    client: Client
    user: object  # who the floor renders for (None: anonymous)
    url: str
    rows: int  # rows in the floor's table: what the real page shows
    # The same page over the smallest intake (a pilot of 12), for the query count: a filter
    # or search there that finds rows, since an empty page may skip a prefetch.
    small_url: str | None = None
    export: bool = False
    columns: int = 6  # cells a row in the floor's table: the real table's, where it has one


def _client(user=None) -> Client:
    # A page still being written may raise: record its 500 instead of stopping the bench.
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def dataset() -> dict:
    """The intakes and people the pages are measured for; fails loudly if seed data is missing."""
    intakes = Intake.objects.annotate(size=Count("applications"))
    open_intake = next(intake for intake in intakes.order_by("-opens_at") if intake.is_open())
    biggest = intakes.order_by("-size", "-opens_at").first()
    smallest = intakes.order_by("size", "opens_at").first()
    export_intake = intakes.filter(size__gte=5000).order_by("size", "-opens_at").first() or biggest
    complete = Application.objects.exclude(status=ApplicationStatus.DRAFT).annotate(
        jobs=Count("career")
    )
    detail = complete.filter(intake=biggest, jobs=3).order_by("reference").first()
    small_detail = complete.filter(intake=smallest, jobs=1).order_by("reference").first()
    someone_small = smallest.applications.order_by("reference").first()
    return {
        "open_intake": open_intake,
        "biggest": biggest,
        "smallest": smallest,
        # A surname in the small intake, so its search finds someone.
        "small_search": someone_small.full_name.split()[-1].lower(),
        "export_intake": export_intake,
        "detail": detail,
        "small_detail": small_detail,
        "team": User.objects.get(email="team@upon.example"),
        "applicant": User.objects.get(email="submitted@upon.example"),
    }


def pages(data: dict) -> list[Page]:
    team = _client(data["team"])
    applicant = _client(data["applicant"])
    big, small = data["biggest"].pk, data["smallest"].pk
    applications = reverse("team:applications", args=[big])
    small_applications = reverse("team:applications", args=[small])

    def detail(application):
        return reverse("team:application_detail", args=[application.reference])

    return [
        Page(
            "intake_page",
            "Public intake page",
            _client(),
            None,
            reverse("recruitment:intake", args=[data["open_intake"].slug]),
            rows=10,
        ),
        Page(
            "dashboard",
            "Applicant dashboard",
            applicant,
            data["applicant"],
            reverse("applications:dashboard"),
            rows=4,
        ),
        Page(
            "app_list",
            f"Team list, {data['biggest'].size:,} applications",
            team,
            data["team"],
            applications,
            rows=25,
            columns=9,
            small_url=small_applications,
        ),
        Page(
            "app_list_filtered",
            "Team list, submitted in London",
            team,
            data["team"],
            applications + "?status=submitted&region=E12000007",
            rows=25,
            columns=9,
            small_url=small_applications + "?status=unsuccessful",
        ),
        Page(
            "app_search",
            "Team list, search 'smith'",
            team,
            data["team"],
            applications + "?q=smith",
            rows=25,
            columns=9,
            small_url=small_applications + f"?q={data['small_search']}",
        ),
        Page(
            "app_detail",
            "Application detail",
            team,
            data["team"],
            detail(data["detail"]),
            rows=30,
            small_url=detail(data["small_detail"]),
        ),
        Page(
            "export_5000",
            f"CSV export, {data['export_intake'].size:,} applications",
            team,
            data["team"],
            reverse("team:export_csv", args=[data["export_intake"].pk]),
            rows=data["export_intake"].size,
            small_url=reverse("team:export_csv", args=[small]),
            export=True,
        ),
    ]
