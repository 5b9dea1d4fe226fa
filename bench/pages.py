"""What `make bench` measures: the pages, who asks for them, and a small case beside each.

Each page is measured in-process through django.test.Client (force_login), so the time is the
server's own: URL routing, middleware, view, queries and template, no network.

Selection pages are measured on the intake with the biggest reviewer pool (the newest closed
intake of the national dataset: 5,000 applications, 80 reviewers, three reviews each) and, for
the query count, on the pilot intake of 12 with its pool of three.

Delivery pages (issue 4) are measured on the biggest cohort in its year (100 people, of the
national dataset's 5,000 in 50 cohorts): a participant's home, and the register of its latest
past taught day asked for by that day's facilitator; for the query count, on the pilot's
cohort of three.

Support pages (issue 12) are measured on the national dataset's 300 directors in support: the
home of the director with the most coaching sessions logged, the home of the coach with the most
directors and the team's list of entitlements; for the query count, the director with the
fewest sessions, the coach with the fewest directors and the entitlements ending within 90 days.

Network pages (issue 13) are measured on the national dataset's 5,000 directory profiles,
200,000 group posts and 20,000 library resources, each as a member of the network (the first
member of the London group): the directory searched by a topic and a region (inspection, London),
the first page of the group thread with 200 replies, and the library searched for a common word
("inspection"). For the query count: the same search narrowed to the smallest cohort with
people in the directory (a topic and region one of them offers), the thread with the fewest
posts asked for by a member of its group, and the library's search narrowed to one kind and
one topic.
"""

from dataclasses import dataclass

from _signed_in import signed_in_client
from django.db.models import Count, Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from upon.accounts.models import User
from upon.delivery.models import Cohort, Participant, Session, SessionKind
from upon.network.models import Membership, Profile, Resource, Thread
from upon.programmes.models import Intake
from upon.recruitment.models import Application, ApplicationStatus
from upon.selection.models import ReviewAssignment, Reviewer
from upon.support.models import Coach, CoachingRelationship, Entitlement
from upon.workforce import analytics
from upon.workforce.models import Tenure

# Issue 3's target for the selection pages; the recruitment pages keep issue 2's 100 ms.
SELECTION_P95_MS = 150
# Issue 4's target for the participant home and the register.
DELIVERY_P95_MS = 150
# Issue 12's target for the director's and coach's homes and the team's entitlements.
SUPPORT_P95_MS = 150
# Issue 13's target for the directory search, a group thread and the library search.
NETWORK_P95_MS = 150
# What the network's pages ask for: a topic and a region in the directory, a common word in
# the library (and, for the small case, the same word narrowed to one kind and one topic).
DIRECTORY_SEARCH = "?topic=inspection&region=E12000007"
LIBRARY_WORD = "inspection"
LIBRARY_NARROWED = "&kind=tool&topic=twin_hat"


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
    # Who asks for small_url, when not the same person (a reviewer of the small intake).
    small_client: Client | None = None
    max_p95_ms: float = 100
    max_floor_ratio: float | None = 3  # None: the ratio is shown but is not a target


def _client(user=None) -> Client:
    # A page that raises fails the bench with its traceback (bench/run.py), never a quiet 500.
    return signed_in_client(user)


def dataset() -> dict:
    """The intakes and people the pages are measured for; fails loudly if seed data is missing."""
    intakes = Intake.objects.annotate(size=Count("applications"))
    open_intake = next(intake for intake in intakes.order_by("-opens_at") if intake.is_open())
    biggest = intakes.order_by("-size", "-opens_at").first()
    smallest = intakes.filter(size__gt=0).order_by("size", "opens_at").first()
    export_intake = intakes.filter(size__gte=5000).order_by("size", "-opens_at").first() or biggest
    complete = Application.objects.exclude(status=ApplicationStatus.DRAFT).annotate(
        jobs=Count("career")
    )
    detail = complete.filter(intake=biggest, jobs=3).order_by("reference").first()
    small_detail = complete.filter(intake=smallest, jobs=1).order_by("reference").first()
    someone_small = smallest.applications.order_by("reference").first()
    return {
        **_selection_dataset(),
        **_delivery_dataset(),
        **_support_dataset(),
        **_network_dataset(),
        **_outcomes_dataset(),
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
    applications = reverse("recruitment:intake_applications", args=[big])
    small_applications = reverse("recruitment:intake_applications", args=[small])

    def detail(application):
        return reverse("recruitment:application_detail", args=[application.reference])

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
            reverse("recruitment:applications"),
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
            reverse("recruitment:export_csv", args=[data["export_intake"].pk]),
            rows=data["export_intake"].size,
            small_url=reverse("recruitment:export_csv", args=[small]),
            export=True,
        ),
        *selection_pages(data, team),
        *delivery_pages(data),
        *support_pages(data),
        *network_pages(data),
        *register_analytics_pages(data),
        *outcome_pages(data),
    ]


def _selection_dataset() -> dict:
    """The reviewed intakes, their busiest reviewers and one submitted review of each."""
    reviewed = Intake.objects.filter(pk__in=Reviewer.objects.values("intake")).annotate(
        size=Count("applications")
    )
    big = reviewed.order_by("-size", "-opens_at").first()
    small = reviewed.order_by("size", "opens_at").first()
    if big is None or big == small:
        raise SystemExit(
            "The dataset has no reviewer pools (it predates the selection seed): rebuild it with "
            "`bench/run.py --rebuild`, or drop and re-create the PostgreSQL database."
        )

    def busiest(intake):
        return (
            Reviewer.objects.filter(intake=intake, user__isnull=False)
            .annotate(load=Count("assignments", filter=Q(assignments__removed_at__isnull=True)))
            .select_related("user")
            .order_by("-load", "pk")
            .first()
        )

    def a_submitted_review(reviewer):
        return (
            ReviewAssignment.objects.filter(
                reviewer=reviewer, removed_at__isnull=True, review__submitted_at__isnull=False
            )
            .order_by("pk")
            .first()
        )

    big_reviewer, small_reviewer = busiest(big), busiest(small)
    return {
        "review_intake": big,
        "review_small_intake": small,
        "reviewer": big_reviewer,
        "small_reviewer": small_reviewer,
        "review": a_submitted_review(big_reviewer),
        "small_review": a_submitted_review(small_reviewer),
    }


def selection_pages(data: dict, team: Client) -> list[Page]:
    """The reviewer's queue and review page, and the team's moderation panel."""
    reviewer, small_reviewer = data["reviewer"], data["small_reviewer"]
    reviewer_client, small_client = _client(reviewer.user), _client(small_reviewer.user)
    big, small = data["review_intake"], data["review_small_intake"]

    def review(assignment):
        return reverse("selection:review", args=[assignment.pk])

    def moderation(intake):
        return reverse("selection:moderation", args=[intake.pk])

    common = {"max_p95_ms": SELECTION_P95_MS, "max_floor_ratio": None}
    return [
        Page(
            "review_queue",
            f"Reviewer queue, {reviewer.load} assignments",
            reviewer_client,
            reviewer.user,
            reverse("selection:queue"),
            rows=25,
            columns=4,
            small_url=reverse("selection:queue"),
            small_client=small_client,
            **common,
        ),
        Page(
            "review_page",
            "Review page, a submitted review",
            reviewer_client,
            reviewer.user,
            review(data["review"]),
            rows=35,  # seven capabilities: statement, four rubric choices and a comment each
            columns=2,
            small_url=review(data["small_review"]),
            small_client=small_client,
            **common,
        ),
        Page(
            "moderation",
            f"Moderation panel, {big.size:,} applications",
            team,
            data["team"],
            moderation(big),
            rows=25,
            columns=7,
            small_url=moderation(small),
            **common,
        ),
    ]


def _delivery_dataset() -> dict:
    """The biggest cohort in its year and the smallest cohort: a participant of each (in a set),
    and each one's latest past taught day with the facilitator who runs it."""
    today = timezone.localdate()
    sized = Cohort.objects.annotate(size=Count("participants"))
    big = sized.filter(starts_on__lte=today, ends_on__gte=today).order_by("-size", "pk").first()
    small = sized.order_by("size", "pk").first()
    if big is None or big == small:
        raise SystemExit(
            "The dataset has no cohorts in their year (it predates the delivery seed): rebuild "
            "it with `bench/run.py --rebuild`, or drop and re-create the PostgreSQL database."
        )

    def participant(cohort):
        people = Participant.objects.filter(
            cohort=cohort, action_learning_set__isnull=False
        ).select_related("user")
        # The demo participant sign-in, when it is in the cohort: its home is the one people see.
        return (
            people.filter(user__email="participant@upon.example").first()
            or people.order_by("pk").first()
        )

    def past_taught_day(cohort):
        return (
            Session.objects.filter(
                cohort=cohort,
                kind=SessionKind.TAUGHT_DAY,
                published=True,
                ends_at__lte=timezone.now(),
            )
            .order_by("-starts_at")
            .first()
        )

    big_session, small_session = past_taught_day(big), past_taught_day(small)
    return {
        "cohort": big,
        "small_cohort": small,
        "participant": participant(big),
        "small_participant": participant(small),
        "register_session": big_session,
        "small_register_session": small_session,
        "register_facilitator": big_session.facilitators.order_by("pk").first(),
        "small_register_facilitator": small_session.facilitators.order_by("pk").first(),
    }


def delivery_pages(data: dict) -> list[Page]:
    """A participant's home (/programme/) and the register of a past taught day."""
    participant, small_participant = data["participant"], data["small_participant"]
    facilitator = data["register_facilitator"]

    def register(session):
        return reverse("delivery:register", args=[session.pk])

    common = {"max_p95_ms": DELIVERY_P95_MS, "max_floor_ratio": None}
    size = data["cohort"].size
    return [
        Page(
            "participant_home",
            f"Participant home, cohort of {size}",
            _client(participant.user),
            participant.user,
            reverse("delivery:programme"),
            rows=40,  # the next session, timetable, past sessions, set, goals, resources
            columns=4,
            small_url=reverse("delivery:programme"),
            small_client=_client(small_participant.user),
            **common,
        ),
        Page(
            "register",
            f"Register, {size} participants",
            _client(facilitator),
            facilitator,
            register(data["register_session"]),
            rows=size,
            columns=6,  # the name and the five marks
            small_url=register(data["small_register_session"]),
            small_client=_client(data["small_register_facilitator"]),
            **common,
        ),
    ]


def _support_dataset() -> dict:
    """The directors with the most and the fewest coaching sessions logged (in a running
    relationship), and the coaches with the most and the fewest directors now."""
    running = CoachingRelationship.objects.filter(ended_on__isnull=True)
    logged = running.annotate(logged=Count("sessions")).filter(logged__gt=0)
    most, fewest = logged.order_by("-logged", "pk").first(), logged.order_by("logged", "pk").first()
    coaches = (
        Coach.objects.annotate(
            directors=Count("relationships", filter=Q(relationships__ended_on__isnull=True))
        )
        .filter(directors__gt=0)
        .select_related("user")
    )
    busiest, quietest = (
        coaches.order_by("-directors", "pk").first(),
        coaches.order_by("directors", "pk").first(),
    )
    if most is None or most.logged == fewest.logged or busiest.directors == quietest.directors:
        raise SystemExit(
            "The dataset has no coaching logs (it predates the support seed): rebuild it with "
            "`bench/run.py --rebuild`, or drop and re-create the PostgreSQL database."
        )
    return {
        "director": most.director,
        "director_sessions": most.logged,
        "small_director": fewest.director,
        "coach": busiest,
        "small_coach": quietest,
        "entitlements": Entitlement.objects.count(),
    }


def support_pages(data: dict) -> list[Page]:
    """The director's home and the coach's home (each starts with its work), and the team's
    list of every entitlement."""
    director, coach = data["director"], data["coach"]
    common = {"max_p95_ms": SUPPORT_P95_MS, "max_floor_ratio": None}
    entitlements = reverse("support:team_entitlements")
    return [
        Page(
            "director_home",
            f"Director's support, {data['director_sessions']} coaching sessions",
            _client(director),
            director,
            reverse("support:my_support"),
            rows=15,  # the post, status, end, hours, places, partnership, five check-ins
            columns=3,
            small_url=reverse("support:my_support"),
            small_client=_client(data["small_director"]),
            **common,
        ),
        Page(
            "coach_home",
            f"Coach's directors, {coach.directors} directors",
            _client(coach.user),
            coach.user,
            reverse("support:coach_home"),
            rows=coach.directors,
            columns=4,
            small_url=reverse("support:coach_home"),
            small_client=_client(data["small_coach"].user),
            **common,
        ),
        Page(
            "team_entitlements",
            f"Team entitlements, {data['entitlements']} in support",
            _client(data["team"]),
            data["team"],
            entitlements,
            rows=20,
            columns=6,
            small_url=entitlements + "?show=ending",
            **common,
        ),
    ]


def _network_dataset() -> dict:
    """The thread with the most replies (the national dataset's 200) and the one with the
    fewest, each with a member of its group; the smallest cohort with people in the directory,
    and a profile there whose topic and region the small directory search asks for."""
    threads = Thread.objects.select_related("group").order_by("-post_count", "pk")
    big, small = threads.first(), threads.filter(post_count__gt=1).last()
    if big is None or big.post_count < 200 or not Resource.objects.exists():
        raise SystemExit(
            "The dataset has no network (it predates the network seed): rebuild it with "
            "`bench/run.py --rebuild`, or drop and re-create the PostgreSQL database."
        )

    def a_member(thread):
        return Membership.objects.filter(group=thread.group).order_by("pk").first().member

    in_directory = Participant.objects.filter(user__network_profile__isnull=False)
    pilot = (
        Cohort.objects.filter(participants__in=in_directory)
        .annotate(size=Count("participants", distinct=True))
        .order_by("size", "pk")
        .first()
    )
    someone = Profile.objects.filter(user__participations__cohort=pilot).exclude(region="").first()
    return {
        "big_thread": big,
        "small_thread": small,
        "thread_member": a_member(big),
        "small_thread_member": a_member(small),
        "small_directory_search": (
            f"?topic={someone.topics[0]}&region={someone.region}&cohort={pilot.pk}"
        ),
        "profiles": Profile.objects.count(),
        "resources": Resource.objects.count(),
    }


def network_pages(data: dict) -> list[Page]:
    """The directory searched by topic and region, the thread with 200 replies (its first page)
    and the library searched for a common word, each as a member (of the thread's group)."""
    member = data["thread_member"]
    client = _client(member)
    common = {"max_p95_ms": NETWORK_P95_MS, "max_floor_ratio": None}
    directory, library = reverse("network:directory"), reverse("network:library")

    def thread(found):
        return reverse("network:thread", args=[found.pk])

    return [
        Page(
            "directory_search",
            f"Directory, topic and region, {data['profiles']:,} profiles",
            client,
            member,
            directory + DIRECTORY_SEARCH,
            rows=20,
            columns=4,  # the name, post, region and topics
            small_url=directory + data["small_directory_search"],
            **common,
        ),
        Page(
            "group_thread",
            f"Group thread, {data['big_thread'].post_count - 1} replies",
            client,
            member,
            thread(data["big_thread"]),
            rows=20,
            columns=2,  # who and when, and the post
            small_url=thread(data["small_thread"]),
            small_client=_client(data["small_thread_member"]),
            **common,
        ),
        Page(
            "library_search",
            f"Library, search '{LIBRARY_WORD}', {data['resources']:,} resources",
            client,
            member,
            f"{library}?q={LIBRARY_WORD}",
            rows=20,
            columns=3,  # the title, kind and snippet
            small_url=f"{library}?q={LIBRARY_WORD}{LIBRARY_NARROWED}",
            **common,
        ),
    ]


def register_analytics_pages(data: dict) -> list[Page]:
    """The national register's analytics (issue 14, item 3), as the funder reads them: the yearly
    figures, tenure, and survival by region. The figures are cached under the register's state
    (upon/workforce/analytics.py), so the warm-ups work them out and the timed requests read the
    cache; the cold figure is the seed's to pay once per change. The small case is the same page
    grouped another way (the register is national: there is no smaller one): the same queries."""
    funder = User.objects.get(email="funder@upon.example")
    client = _client(funder)
    years, tenure = reverse("workforce:analytics_years"), reverse("workforce:analytics_tenure")
    survival = reverse("workforce:analytics_survival")
    tenures = Tenure.objects.count()
    # A row for every reporting year since the register's first (38 on the national dataset).
    reporting_years = len(analytics.yearly(today=timezone.localdate()))
    return [
        Page(
            "register_years",
            f"Register, yearly figures, {tenures:,} tenures",
            client,
            funder,
            years,
            rows=reporting_years,
            columns=13,
            small_url=years,
        ),
        Page(
            "register_tenure",
            f"Register, tenure, {tenures:,} tenures",
            client,
            funder,
            tenure,
            rows=16,
            columns=3,
            small_url=tenure,
        ),
        Page(
            "register_survival",
            f"Register, survival by region, {tenures:,} tenures",
            client,
            funder,
            survival + "?by=region",
            rows=9,
            columns=11,
            small_url=survival + "?by=type",
        ),
    ]


def _outcomes_dataset() -> dict:
    """The programme with the most alumni linked in the national register, and the one with
    the fewest (at least one), for the alumni page; the national register is read whole."""
    from upon.programmes.models import Programme
    from upon.workforce.models import Tenure

    linked = Programme.objects.annotate(
        alumni=Count(
            "intakes__cohort__participants__user__register_entry",
            filter=Q(intakes__cohort__participants__status="completed"),
            distinct=True,
        )
    ).filter(alumni__gt=0)
    return {
        "alumni_programme": linked.order_by("-alumni", "pk").first(),
        "small_alumni_programme": linked.order_by("alumni", "pk").first(),
        "register_tenures": Tenure.objects.count(),
        "funder": User.objects.get(email="funder@upon.example"),
    }


def outcome_pages(data: dict) -> list[Page]:
    """Issue 14, item 4: the alumni's tenure against every director appointed in the same
    years (the whole register read, Kaplan-Meier twice, the log-rank test, the step chart) and
    where alumni lead now, as the funder; for the query count, the programme with the fewest
    alumni in the register."""
    big, small = data["alumni_programme"], data["small_alumni_programme"]
    if big is None:
        # The national seed links no alumni to the register yet (demo/register.py links the
        # demo scale's): said loudly, not measured on an empty page.
        print("alumni_outcomes NOT MEASURED: no programme has alumni in the national register")
        return []
    return [
        Page(
            "alumni_outcomes",
            f"Alumni as directors, {big.alumni} alumni against "
            f"{data['register_tenures']:,} register tenures",
            _client(data["funder"]),
            data["funder"],
            reverse("reporting:alumni", args=[big.pk]),
            rows=30,  # the tenure table's 20 figures and the 10 regions
            columns=3,
            small_url=reverse("reporting:alumni", args=[small.pk]),
            max_p95_ms=150,
            max_floor_ratio=None,
        ),
    ]


# Issue 11, item 18: no page's first request after start-up is slow (the needs page once took
# 4.3 s, importing matplotlib inside the request, and 195 ms after). Every page with a chart is
# asked for once by a fresh process (bench/run.py, first_request): its first request and its
# second are timed.
@dataclass
class FirstRequest:
    name: str  # the metric: <name>_first_request_ms_<engine>
    title: str
    user: object  # who asks
    url: str
    # As production runs it: a shared cache (Redis), which the schedule's job filled with the
    # day's figures in another process before the fresh process starts (bench/run.py).
    shared_cache: bool = False
    target: bool = True  # False: reported, with no target (the empty cache's figure)


def chart_pages(data: dict) -> list[FirstRequest]:
    """Every page that draws a chart, on the biggest intake, reviewer pool and cohort."""
    team, lead = data["team"], User.objects.get(email="lead@upon.example")
    big, cohort = data["biggest"], data["cohort"]
    return [
        FirstRequest(
            "intake_funnel",
            f"Intake dashboard (funnel), {big.size:,} applications",
            team,
            reverse("recruitment:intake_dashboard", args=[big.pk]),
        ),
        FirstRequest(
            "calibration",
            f"Calibration, {data['review_intake'].size:,} applications",
            team,
            reverse("selection:calibration", args=[data["review_intake"].pk]),
        ),
        FirstRequest(
            "adverse_impact",
            f"Adverse impact monitoring, {big.size:,} applications",
            lead,
            reverse("reporting:adverse_impact", args=[big.pk]),
        ),
        FirstRequest(
            "cohort_needs",
            f"Cohort needs, cohort of {cohort.size}",
            team,
            reverse("delivery:needs", args=[cohort.pk]),
        ),
        FirstRequest(
            "session_feedback",
            f"Session feedback, cohort of {cohort.size}",
            team,
            reverse("delivery:team_feedback", args=[cohort.pk]),
        ),
        # The alumni page, as production runs it: the comparison in the shared cache, where the
        # schedule's job put the day's (see the register's pages below); and, with no target, on
        # an empty cache.
        *(
            [
                FirstRequest(
                    f"alumni_outcomes{'' if shared else '_empty_cache'}",
                    "Alumni as directors (step chart)" + ("" if shared else ", empty cache"),
                    data["funder"],
                    reverse("reporting:alumni", args=[data["alumni_programme"].pk]),
                    shared_cache=shared,
                    target=shared,
                )
                for shared in (True, False)
            ]
            if data["alumni_programme"] is not None
            else []
        ),
        # The register's analytics (issue 14). As production runs them: the figures live in the
        # shared cache (REDIS_URL), where the schedule's job put the day's (and the task worker
        # puts them after each change), so a fresh process's first request reads them from
        # there. Beside each, with no target, a fresh process on an empty local-memory cache,
        # which reads the whole national register and works every figure out: what the first
        # reader would wait for with no shared cache and no worker.
        *(
            FirstRequest(
                f"register_{name}{'' if shared else '_empty_cache'}",
                f"Register, {title}, {data['register_tenures']:,} tenures"
                + ("" if shared else ", empty cache"),
                data["funder"],
                url,
                shared_cache=shared,
                target=shared,
            )
            for name, title, url in (
                ("years", "yearly figures (bar chart)", reverse("workforce:analytics_years")),
                (
                    "survival",
                    "survival by region (step chart)",
                    reverse("workforce:analytics_survival") + "?by=region",
                ),
            )
            for shared in (True, False)
        ),
    ]
