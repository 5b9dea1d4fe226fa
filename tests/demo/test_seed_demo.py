import datetime
import hashlib
import re
import zoneinfo
from collections import Counter

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from demo.common import DEMO_PASSWORD, is_over, start_of_today
from demo.delivery import (
    DEMO_CHALLENGE_TEAMS,
    DEMO_SET_MEETINGS,
    DEMO_VISITS,
    NATIONAL_OTHER,
    NATIONAL_SET_MEETINGS,
    NATIONAL_TAUGHT,
    VENUES,
    national_cohort_size,
)
from demo.network_alumni import COHORT_YEARS
from demo.people import SIGN_INS, SIGN_INS_FILE, sign_ins_table
from demo.selection import IN_REVIEW, UNDECIDED_STATES
from tests.demo.invariants import (
    assert_demo_agrees_with_today,
    assert_nothing_happened_after,
    assert_open_intake_is_open,
    assert_public_dates_agree_with_the_windows,
    assert_registers_only_for_sessions_over,
    assert_selection_deadlines_are_to_come,
    assert_sessions_on_working_days,
    cohort_in_its_year,
    national_intakes,
    regional_intake,
    register_size,
)
from upon.accounts.models import INTAKE_SCOPED_ROLES, Role, RoleAssignment, User
from upon.delivery.models import (
    ActionLearningSet,
    AssessmentPoint,
    Attendance,
    AttendanceStatus,
    Challenge,
    Cohort,
    DevelopmentGoal,
    Mode,
    Participant,
    ParticipantStatus,
    SelfAssessment,
    Session,
    SessionFeedback,
    SessionKind,
    SessionMaterial,
    SetNote,
    Venue,
)
from upon.organisations.models import Organisation, OrganisationKind, Region
from upon.programmes.models import Intake, Programme
from upon.recruitment.capabilities import DEFAULT_CAPABILITIES
from upon.recruitment.models import (
    Application,
    ApplicationStatus,
    CapabilityStatement,
    CareerEntry,
    Endorsement,
    EndorsementStatus,
)
from upon.reporting.models import BudgetLine, MonitoringResponse, Spend
from upon.selection import calibration, composition, conflicts, offers
from upon.selection.models import (
    AuditEvent,
    CapabilityScore,
    Decision,
    Offer,
    Review,
    ReviewAssignment,
    Reviewer,
    SelectionSettings,
    WaitlistEntry,
)
from upon.support.models import (
    Appointment,
    Coach,
    CoachingRelationship,
    CoachingSession,
    EmployerPartnership,
    Entitlement,
    LearningEvent,
    RelationshipCheck,
)
from upon.workforce.models import Director
from upon.workforce.models import Tenure as RegisterTenure

S = ApplicationStatus

pytestmark = pytest.mark.django_db


def seed(**options):
    call_command("seed_demo", verbosity=0, **options)


def digest() -> str:
    """What must not change between two runs with one seed: references, statuses, people."""
    rows = Application.objects.order_by("reference").values_list(
        "reference", "status", "applicant__email", "full_name", "employer__name"
    )
    statements = CapabilityStatement.objects.order_by(
        "application__reference", "capability__position"
    ).values_list("application__reference", "text")
    endorsements = Endorsement.objects.order_by("application__reference").values_list(
        "application__reference", "status", "sponsor_email"
    )
    reviews = ReviewAssignment.objects.order_by("application__reference", "reviewer__email")
    reviews = reviews.values_list(
        "application__reference", "reviewer__email", "review__overall", "review__submitted_at"
    )
    offers = Offer.objects.order_by("application__reference").values_list(
        "application__reference", "status", "from_waitlist", "sent_at"
    )
    sessions = Session.objects.order_by("starts_at", "title").values_list(
        "title", "starts_at", "mode", "venue__name"
    )
    marks = Attendance.objects.order_by(
        "session__starts_at", "session__title", "participant__user__email"
    ).values_list("session__title", "participant__user__email", "status")
    sets = Participant.objects.order_by("user__email").values_list(
        "user__email", "action_learning_set__name"
    )
    return hashlib.sha256(
        repr(
            (
                list(rows),
                list(statements),
                list(endorsements),
                list(reviews),
                list(offers),
                list(sessions),
                list(marks),
                list(sets),
            )
        ).encode()
    ).hexdigest()


def wipe() -> None:
    """Back to a fresh database: only the migrated local authorities remain."""
    # Support first: its rows protect the people, posts and programme they belong to.
    for model in (
        CoachingSession,
        RelationshipCheck,
        CoachingRelationship,
        EmployerPartnership,
        Entitlement,
        Appointment,
        Coach,
        LearningEvent,
        Spend,  # the grant's spend protects its budget lines, which protect the programme
        BudgetLine,
        RegisterTenure,  # the register's tenures protect their directors
        Director,
    ):
        model.objects.all().delete()
    SetNote.objects.all().delete()  # the author is protected
    Cohort.objects.all().delete()  # participants protect their applications and people
    Decision.objects.all().delete()  # decided_by protects the team member
    RoleAssignment.objects.all().delete()
    Application.objects.all().delete()
    Intake.objects.all().delete()
    Programme.objects.all().delete()
    User.objects.all().delete()
    Organisation.objects.exclude(kind=OrganisationKind.LOCAL_AUTHORITY).delete()


def test_demo_scale_open_intake_has_every_status_and_is_open_now(authorities, stopped_clock):
    seed(seed=7)
    assert_open_intake_is_open(stopped_clock)
    assert_nothing_happened_after(start_of_today())

    programme = Programme.objects.get()
    assert (programme.slug, programme.name) == (
        "aspiring-directors",
        "Aspiring Directors of Children's Services",
    )
    *past, last, open_intake = national_intakes()
    # The two regional intakes in selection, and the alumni's ten past intakes, a year apart.
    assert Intake.objects.count() == 4 + COHORT_YEARS
    assert len(past) == COHORT_YEARS
    assert [last.opens_at.year - i.opens_at.year for i in past] == list(range(10, 0, -1))
    assert not any(intake.is_open() for intake in past)
    assert open_intake.is_open() and not last.is_open()
    assert open_intake.capacity == 40
    assert open_intake.applications.count() == 150
    # Every status somewhere in the demo; the open intake has nothing decided yet.
    assert set(Application.objects.values_list("status", flat=True)) == set(
        ApplicationStatus.values
    )
    assert set(open_intake.applications.values_list("status", flat=True)) == {
        S.DRAFT,
        S.SUBMITTED,
        S.WITHDRAWN,
    }
    assert set(last.applications.values_list("status", flat=True)) >= {
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.DECLINED,
        ApplicationStatus.UNSUCCESSFUL,
    }
    for intake in (last, open_intake):
        assert list(intake.capabilities.values_list("name", flat=True)) == [
            name for name, _text, _limit in DEFAULT_CAPABILITIES
        ]
    assert set(Endorsement.objects.values_list("status", flat=True)) == set(
        EndorsementStatus.values
    )


def test_demo_scale_keeps_every_promise_about_today(authorities, stopped_clock):
    seed(seed=7)

    # Last year's cohort mid-year, this year's intake open with nothing composed, an offer to
    # answer, an intake ready to compose, a participant one taught day from completing, dates
    # that agree, visits at their hosts and believable equality answers.
    assert_demo_agrees_with_today(start_of_today(), timezone.now())
    offer = Offer.objects.get(application__applicant__email="offer@upon.example")
    assert offer.status == "pending"
    assert offer.application.intake == regional_intake("North West")
    ready = regional_intake("South East")
    assert ready.name.endswith("intake, South East")
    # A regional intake's applicants work in its region.
    for intake in (ready, regional_intake("North West")):
        regions = intake.applications.exclude(employer=None).values_list("employer__region")
        assert {Region(r).label for (r,) in regions.distinct()} == {intake.name.split(", ")[1]}
    # The lead's cohort page can propose a cohort that fills the places.
    proposal = composition.propose(intake=ready)
    assert proposal.feasible, proposal.problems
    assert len(proposal.selected) == ready.capacity == 6
    visits = Session.objects.filter(kind=SessionKind.LEARNING_VISIT).order_by("starts_at")
    assert [(v.title, v.venue.name) for v in visits] == [
        ("Learning visit: a family hub in Nottingham", "Nottingham Family Hub, Meadows"),
        ("Learning visit: a youth justice service in Hackney", "Hackney Youth Justice Service"),
    ]


def test_demo_scale_monitoring_answers_follow_the_published_shape(authorities, stopped_clock):
    seed(seed=7)

    answered = MonitoringResponse.objects.exclude(gender_identity="")
    different = answered.filter(gender_identity="different").count()
    assert different / answered.count() < 0.02
    ages = Counter(
        MonitoringResponse.objects.exclude(age_band="").values_list("age_band", flat=True)
    )
    assert ages["65_plus"] / sum(ages.values()) < 0.03
    # The bands of a senior workforce, most common first.
    assert [band for band, _n in ages.most_common(2)] == ["45_54", "35_44"]
    # Every question still has some "prefer not to say" and some blanks.
    for field in ("sex", "age_band", "gender_identity", "ethnicity"):
        values = set(MonitoringResponse.objects.values_list(field, flat=True))
        assert {"prefer_not_to_say", ""} <= values, field


def test_demo_scale_references_run_in_order_within_each_intake(authorities, stopped_clock):
    seed(seed=7)

    for intake in Intake.objects.all():
        references = list(
            intake.applications.order_by("created_at", "reference").values_list(
                "reference", flat=True
            )
        )
        year, prefix = intake.opens_at.year, intake.reference_prefix
        assert references == [f"{prefix}-{year}-{n:05d}" for n in range(1, len(references) + 1)]


def test_demo_scale_content_is_plausible_and_within_limits(authorities, stopped_clock):
    seed(seed=7)

    submitted = Application.objects.exclude(status=ApplicationStatus.DRAFT)
    for application in submitted.prefetch_related("career", "statements__capability"):
        assert 1 <= len(application.career.all()) <= 3
        assert len(application.statements.all()) == 7
        for statement in application.statements.all():
            assert 0 < len(statement.text.split()) <= statement.capability.word_limit
        assert application.submitted_at is not None
    employers = Organisation.objects.filter(applications__isnull=False).distinct()
    assert set(employers.values_list("kind", flat=True)) == {
        OrganisationKind.LOCAL_AUTHORITY,
        OrganisationKind.NHS_TRUST,
        OrganisationKind.VOLUNTARY,
        OrganisationKind.PRIVATE,
    }
    answers = MonitoringResponse.objects.values_list("ethnicity", flat=True)
    assert 0.5 * Application.objects.count() < len(answers) < Application.objects.count()
    assert "prefer_not_to_say" in set(answers) and "" in set(answers)


def test_demo_scale_has_a_sign_in_for_every_role_with_the_shared_password(authorities):
    seed(seed=7)

    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    for email, _label, role in SIGN_INS:
        user = User.objects.get(email=email)
        assert user.email_confirmed_at is not None
        assert check_password(DEMO_PASSWORD, user.password)
        if role:
            assignment = user.roles.get(role=role)
            assert (assignment.intake_id is not None) == (role in INTAKE_SCOPED_ROLES)
    # One hash, made once, shared by every demo person.
    assert User.objects.values("password").distinct().count() == 1
    assert (
        RoleAssignment.objects.filter(role__in=INTAKE_SCOPED_ROLES, intake__isnull=True).count()
        == 0
    )

    draft = Application.objects.get(applicant__email="applicant@upon.example")
    assert draft.status == ApplicationStatus.DRAFT
    assert draft.completed_sections == ["about_you", "current_role", "career"]
    submitted = Application.objects.get(applicant__email="submitted@upon.example")
    assert submitted.status == ApplicationStatus.SUBMITTED
    assert submitted.intake.is_open()
    assert SIGN_INS_FILE.read_text(encoding="utf-8") == sign_ins_table()


def test_same_seed_gives_the_same_data_and_another_seed_does_not(authorities):
    seed(seed=11)
    first = digest()
    wipe()
    seed(seed=11)
    second = digest()
    wipe()
    seed(seed=12)
    third = digest()

    assert first == second
    assert third != first


def test_if_empty_is_idempotent_and_a_second_plain_run_refuses(authorities):
    seed(seed=7, if_empty=True)
    counts = (User.objects.count(), Application.objects.count(), RoleAssignment.objects.count())

    seed(seed=7, if_empty=True)
    seed(seed=8, if_empty=True)

    assert (
        User.objects.count(),
        Application.objects.count(),
        RoleAssignment.objects.count(),
    ) == counts
    assert Programme.objects.count() == 1
    with pytest.raises(CommandError, match="already has a programme"):
        seed(seed=7)


def test_national_scale_at_a_reduced_size_has_the_expected_counts(authorities, stopped_clock):
    seed(seed=3, scale="national", applications=300)

    # The regional cohorts' intakes (delivery only) have no applications: see the test below.
    intakes = list(Intake.objects.exclude(reference_prefix="ADCSR").order_by("opens_at"))
    # A pilot, ten autumn intakes, four spring ones, and the open one.
    assert len(intakes) == 16
    pilot, *closed, newest_closed, open_intake = intakes
    assert open_intake.is_open()
    assert pilot.applications.count() == 12
    assert newest_closed.applications.count() == 30
    assert sum(intake.applications.count() for intake in closed) == 300 - 30 - 12
    assert max(intake.applications.count() for intake in closed) < 30
    # A tenth more in the open intake, nothing decided yet, and the two demo applicants.
    assert open_intake.applications.count() == 30 + 2
    assert set(open_intake.applications.values_list("status", flat=True)) == {
        S.DRAFT,
        S.SUBMITTED,
        S.WITHDRAWN,
    }
    assert Application.objects.count() == 300 + 32
    # One person per application, except the three demo sign-ins who applied; 12 more staff;
    # the reviewer pools of the pilot (3) and of the newest closed intake (80); 20 facilitators
    # and the people added to cohorts by hand.
    added = Participant.objects.filter(application__isnull=True).count()
    assert User.objects.count() == 332 - 3 + len(SIGN_INS) + 12 + 3 + 80 + 20 + added
    complete = Application.objects.exclude(status=ApplicationStatus.DRAFT)
    assert CapabilityStatement.objects.filter(application__in=complete).count() == (
        7 * complete.count()
    )
    assert (
        CareerEntry.objects.filter(application__in=complete)
        .values("application")
        .distinct()
        .count()
        == complete.count()
    )
    assert Endorsement.objects.filter(application__in=complete).count() == complete.count()
    assert (
        len(set(Application.objects.values_list("reference", flat=True)))
        == Application.objects.count()
    )
    spring = [intake for intake in intakes if intake.reference_prefix == "ADCSS"]
    assert len(spring) == 4
    assert all(
        re.fullmatch(rf"ADCSS-{i.opens_at.year}-\d{{5}}", a.reference)
        for i in spring
        for a in i.applications.all()
    )
    # Selection for the pilot and the newest closed intake: every reviewed application has its
    # k submitted reviews with a score for each capability, and the panel's decision.
    for intake, pool, k in ((pilot, 3, 2), (newest_closed, 80, 3)):
        selection = SelectionSettings.objects.get(intake=intake)
        assert (selection.places, selection.reviews_per_application) == (intake.capacity, k)
        assert Reviewer.objects.filter(intake=intake).count() == pool
        reviewed = intake.applications.filter(status__in=IN_REVIEW)
        assert reviewed.count() > 0
        assert ReviewAssignment.objects.filter(application__intake=intake).count() == (
            k * reviewed.count()
        )
        submitted = Review.objects.filter(
            assignment__application__intake=intake, submitted_at__isnull=False
        )
        assert submitted.count() == k * reviewed.count()
        assert CapabilityScore.objects.filter(
            review__in=submitted, score__isnull=False
        ).count() == (7 * k * reviewed.count())
        assert Decision.objects.filter(application__intake=intake).count() == reviewed.count()
        accepted = intake.applications.filter(status=S.ACCEPTED).count()
        assert offers.accepted_places(intake=intake) == accepted > 0
    assert not SelectionSettings.objects.filter(intake=open_intake).exists()


def _open_and_last():
    *_past, last, open_intake = national_intakes()
    return last, open_intake


def test_demo_scale_has_a_reviewer_pool_and_every_reviewed_application_its_k_reviewers(
    authorities, monkeypatch, stopped_clock
):
    seed(seed=7)
    last, open_intake = _open_and_last()

    for intake, pool, places in ((last, 6, 20), (open_intake, 8, 40)):
        selection = SelectionSettings.objects.get(intake=intake)
        assert (selection.places, intake.capacity, selection.reviews_per_application) == (
            places,
            places,
            2,
        )
        reviewers = list(Reviewer.objects.filter(intake=intake).select_related("user"))
        assert len(reviewers) == pool
        for reviewer in reviewers:
            assert reviewer.user.email == reviewer.email
            assert reviewer.user.roles.filter(role=Role.REVIEWER, intake=intake).exists()
            assert reviewer.expertise and reviewer.region
            assert reviewer.conflict_organisations.count() == 1
        # Every application in review has exactly k reviewers; nothing else has any.
        counts = Counter(
            ReviewAssignment.objects.filter(
                application__intake=intake, removed_at__isnull=True
            ).values_list("application__status", "application_id")
        )
        reviewed = intake.applications.filter(status__in=IN_REVIEW)
        assert set(counts.values()) == {2}
        assert {status for status, _ in counts} == set(
            reviewed.values_list("status", flat=True).distinct()
        )
        assert len(counts) == reviewed.count()
        # Loads within capacity and balanced within one.
        loads = [(r.assignments.count(), r.capacity) for r in reviewers]
        assert all(load <= capacity for load, capacity in loads)
        assert max(load for load, _ in loads) - min(load for load, _ in loads) <= 1
        # No reviewer reviews an application they are conflicted with (every reviewed status
        # counts here, not only "submitted").
        monkeypatch.setattr(conflicts, "IN_REVIEW", IN_REVIEW)
        found = conflicts.find_conflicts(intake=intake)
        pairs = set(
            ReviewAssignment.objects.filter(application__intake=intake).values_list(
                "application_id", "reviewer_id"
            )
        )
        assert found and not (pairs & set(found))

    assert selection.review_deadline > timezone.now() + datetime.timedelta(days=7)
    reviewer = Reviewer.objects.get(intake=open_intake, email="reviewer@upon.example")
    assert reviewer.user.email == "reviewer@upon.example"


def test_demo_scale_reviews_show_lenient_and_severe_reviewers_and_a_queue_to_work(
    authorities, stopped_clock
):
    seed(seed=7)
    last, open_intake = _open_and_last()

    for intake in (last, open_intake):
        decided = ReviewAssignment.objects.filter(application__intake=intake).exclude(
            application__status=S.SUBMITTED
        )
        # The panel decided only on applications whose reviews were all in.
        assert decided.filter(review__submitted_at__isnull=False).count() == decided.count()
        for review in Review.objects.filter(
            assignment__application__intake=intake, submitted_at__isnull=False
        ).prefetch_related("scores"):
            scores = [row.score for row in review.scores.all()]
            assert len(scores) == 7 and set(scores) <= {1, 2, 3, 4}
            assert float(review.overall) == pytest.approx(sum(scores) / 7, abs=0.0005)
            assert review.recommendation and review.confidence
        result = calibration.intake_calibration(intake=intake)
        offsets = [r.offset for r in result.reviewers.values()]
        assert min(offsets) < -0.2 and max(offsets) > 0.2
        assert result.alpha is not None

    # The reviewer sign-in has reviews done, a draft and some not started.
    mine = ReviewAssignment.objects.filter(reviewer__user__email="reviewer@upon.example")
    states = Counter(
        "submitted" if a.review.submitted_at else "draft"
        for a in mine.filter(review__isnull=False).select_related("review")
    )
    not_started = mine.filter(review__isnull=True).count()
    # The open intake has nothing decided: its reviews are dealt in turn.
    assert not mine.exclude(application__status=S.SUBMITTED).exists()
    turns = [UNDECIDED_STATES[n % 6] for n in range(mine.count())]
    assert (states["submitted"], states["draft"], not_started) == (
        turns.count("submitted"),
        turns.count("draft"),
        turns.count("none"),
    )
    assert states["submitted"] and states["draft"] and not_started
    draft = Review.objects.filter(assignment__in=mine, submitted_at__isnull=True).prefetch_related(
        "scores"
    )[0]
    scores = [row.score for row in draft.scores.all()]
    assert len(scores) == 7 and None in scores and any(scores)
    # Nothing happened after the start of today.
    midnight = start_of_today()
    assert not ReviewAssignment.objects.filter(assigned_at__gte=midnight).exists()
    assert not Review.objects.filter(updated_at__gte=midnight).exists()
    assert not AuditEvent.objects.filter(at__gte=midnight).exists()


def test_demo_scale_decisions_offers_and_waitlist_match_the_statuses(authorities, stopped_clock):
    seed(seed=7)
    last, open_intake = _open_and_last()
    offers_out = regional_intake("North West")

    outcome_for = {
        S.SHORTLISTED: "shortlist",
        S.OFFERED: "shortlist",
        S.ACCEPTED: "shortlist",
        S.DECLINED: "shortlist",
        S.RESERVE: "reserve",
        S.UNSUCCESSFUL: "decline",
    }
    offer_for = {S.OFFERED: "pending", S.ACCEPTED: "accepted", S.DECLINED: "declined"}
    for intake in (last, offers_out):
        statuses = dict(intake.applications.values_list("pk", "status"))
        decisions = dict(
            Decision.objects.filter(application__intake=intake).values_list(
                "application_id", "outcome"
            )
        )
        assert decisions == {
            pk: outcome_for[status] for pk, status in statuses.items() if status in outcome_for
        }
        assert all(Decision.objects.filter(application__intake=intake).values_list("rationale"))
        found = dict(
            Offer.objects.filter(application__intake=intake).values_list("application_id", "status")
        )
        assert found == {
            pk: offer_for[status] for pk, status in statuses.items() if status in offer_for
        }
        selection = SelectionSettings.objects.get(intake=intake)
        accepted = Counter(statuses.values())[S.ACCEPTED]
        assert offers.accepted_places(intake=intake) == accepted
        assert selection.composition_confirmed_at is not None
        # The accepted and pending offers fill the places; each decline offered one more.
        assert offers.open_places(intake=intake) == 0
        declined = Counter(statuses.values())[S.DECLINED]
        from_list = Offer.objects.filter(application__intake=intake, from_waitlist=True)
        assert from_list.count() == declined
        waitlist = list(WaitlistEntry.objects.filter(intake=intake))
        assert [entry.position for entry in waitlist] == list(range(1, len(waitlist) + 1))
        offered = [entry.application_id for entry in waitlist if entry.offered_at]
        assert offered == [entry.application_id for entry in waitlist[: len(offered)]]
        assert set(offered) == set(from_list.values_list("application_id", flat=True))
        waiting = [statuses[entry.application_id] for entry in waitlist if not entry.offered_at]
        expected = sorted(
            (s for s in statuses.values() if s in (S.SHORTLISTED, S.RESERVE)),
            key=[S.SHORTLISTED, S.RESERVE].index,
        )
        assert waiting == expected

    # The North West's pending offers (the offer sign-in's among them) can still be answered;
    # last year's were all answered. The open intake has no offers and no decisions.
    assert Offer.objects.filter(status="pending").count() == 4
    assert_selection_deadlines_are_to_come(timezone.now(), open_intake)
    assert offers.accepted_places(intake=offers_out) == 4
    assert offers.accepted_places(intake=last) == 20
    assert Offer.objects.filter(status="declined").exclude(decline_reason="").count() == 3 + 1
    assert not Decision.objects.filter(application__intake=open_intake).exists()
    # Declines carry feedback from reviewers' comments; last year's were all published.
    declines = Decision.objects.filter(outcome="decline")
    assert not declines.filter(feedback="").exists()
    assert declines.filter(application__intake=last, published_at__isnull=True).count() == 0


def _employers_mixed(participants) -> bool:
    """No two people of one set from one employer (people with no application have their own)."""
    seen = set()
    for p in participants:
        if p.application_id and p.application.employer_id:
            key = (p.action_learning_set_id, p.application.employer_id)
            if key in seen:
                return False
            seen.add(key)
    return True


def test_demo_scale_last_years_intake_is_a_cohort_part_way_through_its_year(
    authorities, stopped_clock
):
    seed(seed=7)
    last, open_intake = _open_and_last()
    midnight = start_of_today()  # the seeder's "past" ends here
    today = timezone.localdate(midnight)

    cohort = cohort_in_its_year(midnight)
    assert cohort.intake == last
    assert cohort.starts_on == last.programme_starts < today < cohort.ends_on == last.programme_ends
    assert cohort.ends_on - cohort.starts_on == datetime.timedelta(days=364)
    # The cohort is the accepted offers, the participant sign-in among them, each with the role.
    accepted = last.applications.filter(status=S.ACCEPTED)
    participants = list(cohort.participants.select_related("user", "application"))
    assert len(participants) == accepted.count() == 20
    assert {p.application_id for p in participants} == set(accepted.values_list("pk", flat=True))
    assert {p.user_id for p in participants} == set(accepted.values_list("applicant_id", flat=True))
    assert "participant@upon.example" in {p.user.email for p in participants}
    for p in participants:
        assert p.user.roles.filter(role=Role.PARTICIPANT, intake=last).exists()
    facilitator = User.objects.get(email="facilitator@upon.example")

    # Venues and a published timetable: eight taught days in order, visits, a challenge
    # session and each set's meetings about every six weeks.
    assert Venue.objects.count() == len(VENUES) + len(DEMO_VISITS)
    sets = list(ActionLearningSet.objects.filter(cohort=cohort))
    sessions = list(Session.objects.filter(cohort=cohort).order_by("starts_at", "pk"))
    kinds = Counter(s.kind for s in sessions)
    assert kinds == {
        SessionKind.TAUGHT_DAY: 8,
        SessionKind.LEARNING_VISIT: 2,
        SessionKind.CHALLENGE: 1,
        SessionKind.ACTION_LEARNING: len(DEMO_SET_MEETINGS) * len(sets),
    }
    taught = [s for s in sessions if s.kind == SessionKind.TAUGHT_DAY]
    assert [s.sequence_number for s in taught] == list(range(1, 9))
    assert all(s.published for s in sessions)
    assert_sessions_on_working_days(cohort)
    assert any(is_over(s.ends_at, midnight) for s in taught)
    assert any(s.starts_at > midnight for s in taught)
    virtual = [s for s in taught if s.mode == Mode.VIRTUAL]
    assert virtual and all(s.joining_link and s.venue_id is None for s in virtual)
    assert all(s.venue_id for s in sessions if s.mode == Mode.IN_PERSON)
    assert all(facilitator in s.facilitators.all() for s in taught)
    materials = SessionMaterial.objects.filter(session__cohort=cohort)
    assert materials.count() == 8 and not materials.filter(url="").exists()

    # Sets of 5 to 7 formed by the service, a facilitator each, no two from one employer.
    sizes = [s.members.count() for s in sets]
    assert sum(sizes) == 20 and all(5 <= n <= 7 for n in sizes)
    assert all(s.facilitator_id for s in sets)
    assert facilitator.pk in {s.facilitator_id for s in sets}
    assert _employers_mixed(participants)
    own_set = Participant.objects.get(
        cohort=cohort, user__email="participant@upon.example"
    ).action_learning_set
    assert SetNote.objects.filter(action_learning_set=own_set).count() == 2

    # Registers for every session that is over, and none for sessions to come.
    assert_registers_only_for_sessions_over(cohort, midnight)
    marks = Attendance.objects.filter(session__cohort=cohort)
    statuses = Counter(marks.values_list("status", flat=True))
    assert statuses[AttendanceStatus.PRESENT] > 0.6 * marks.count()
    assert {AttendanceStatus.LATE, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT} <= set(
        statuses
    )
    # Feedback only from people who came, on sessions that are over.
    feedback = SessionFeedback.objects.filter(session__cohort=cohort)
    assert feedback.exists()
    for answer in feedback.select_related("session"):
        mark = Attendance.objects.get(session=answer.session, participant=answer.participant)
        assert mark.status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
        assert answer.session.ends_at <= answer.submitted_at < start_of_today()

    # Self-assessment at the start for everyone, at the midpoint (past: the year is more than
    # half done) for most, but not yet for the sign-in; goals for everyone.
    submitted = SelfAssessment.objects.filter(
        participant__cohort=cohort, submitted_at__isnull=False
    )
    assert submitted.filter(point=AssessmentPoint.START).count() == 20
    midpoint = submitted.filter(point=AssessmentPoint.MIDPOINT)
    assert 10 < midpoint.count() < 20
    assert not midpoint.filter(participant__user__email="participant@upon.example").exists()
    assert all(a.ratings.count() == 7 for a in submitted)
    assert DevelopmentGoal.objects.filter(participant__cohort=cohort).count() >= 20

    # A leadership challenge with its teams, everyone in one.
    challenge = Challenge.objects.get(cohort=cohort)
    assert challenge.deadline > timezone.now()
    teams = list(challenge.teams.all())
    assert len(teams) == DEMO_CHALLENGE_TEAMS
    assert sorted(m.pk for t in teams for m in t.members.all()) == sorted(
        p.pk for p in participants
    )


NATIONAL_MOMENTS = [
    pytest.param(None, id="now"),
    pytest.param(
        datetime.datetime(2026, 6, 10, 16, 45, tzinfo=zoneinfo.ZoneInfo("Europe/London")),
        id="weekday-16:45",
    ),
    pytest.param(
        datetime.datetime(2026, 10, 25, 23, 59, tzinfo=zoneinfo.ZoneInfo("Europe/London")),
        id="clocks-go-back-23:59",
    ),
]


@pytest.mark.parametrize("moment", NATIONAL_MOMENTS)
def test_national_scale_at_a_reduced_size_builds_cohorts_sets_and_registers(
    authorities, stopped_clock, time_machine, moment
):
    """At the real moment and at two awkward ones: registers exactly for sessions over by the
    start of today, whatever the hour."""
    if moment is not None:
        time_machine.move_to(moment, tick=False)
    seed(seed=3, scale="national", applications=300)
    now, midnight = timezone.now(), start_of_today()
    size = national_cohort_size(300)

    cohorts = list(Cohort.objects.select_related("intake").order_by("starts_on", "pk"))
    pilot = Intake.objects.filter(reference_prefix="ADCSP").get()
    regional = Intake.objects.filter(reference_prefix="ADCSR")
    # Fifty cohorts, five a year for ten years (36 of them regional), and the pilot's.
    assert len(cohorts) == 51
    assert regional.count() == 36 and not Application.objects.filter(intake__in=regional).exists()
    assert not Cohort.objects.filter(intake__closes_at__gt=now).exists()  # not the open one
    for cohort in cohorts:
        intake = cohort.intake
        participants = list(cohort.participants.select_related("application"))
        accepted = set(intake.applications.filter(status=S.ACCEPTED).values_list("pk", flat=True))
        # Every accepted applicant, topped up to the cohort size (not the pilot) by hand.
        assert {p.application_id for p in participants if p.application_id} == accepted
        if intake == pilot:
            assert len(participants) == len(accepted) == 3
        else:
            assert len(participants) == max(size, len(accepted))
        assert RoleAssignment.objects.filter(
            role=Role.PARTICIPANT, intake=intake, user__participations__cohort=cohort
        ).count() == len(participants)
        # Everyone in a cohort whose year has ended completed it, certificate and all.
        ended = cohort.ends_on < timezone.localdate(midnight)
        assert {(p.status, p.certificate_issued_at is not None) for p in participants} == {
            ("completed", True) if ended else ("active", False)
        }
        # Sets: everyone in one, no two from one employer.
        assert all(p.action_learning_set_id for p in participants)
        assert _employers_mixed(participants)
        sessions = list(cohort.sessions.select_related("action_learning_set"))
        its_sets = list(cohort.action_learning_sets.all())
        assert len(sessions) == len(NATIONAL_TAUGHT) + len(NATIONAL_OTHER) + len(
            NATIONAL_SET_MEETINGS
        ) * len(its_sets)
        assert all(s.published and s.facilitators.exists() for s in sessions)
        # Each set's meetings, run by its facilitator, with its joining link.
        for its_set in its_sets:
            meetings = [s for s in sessions if s.action_learning_set == its_set]
            assert len(meetings) == len(NATIONAL_SET_MEETINGS)
            assert all(
                s.kind == SessionKind.ACTION_LEARNING
                and s.joining_link
                and list(s.facilitators.all()) == [its_set.facilitator]
                for s in meetings
            )
        # A register for every past session (a set's members for its meeting), none for
        # sessions to come, on working days.
        for session in sessions:
            expected = register_size(session) if is_over(session.ends_at, midnight) else 0
            assert session.attendance.count() == expected
        assert_sessions_on_working_days(cohort)
    current = [c for c in cohorts if c.starts_on <= timezone.localdate(midnight) <= c.ends_on]
    assert len(current) == 5
    assert all(c.sessions.filter(ends_at__gt=midnight).exists() for c in current)
    assert Participant.objects.count() == sum(c.participants.count() for c in cohorts)
    sign_in = Participant.objects.get(user__email="participant@upon.example")
    assert sign_in.cohort in current
    assert sign_in.cohort.sessions.filter(facilitators__email="facilitator@upon.example").exists()
    # Alumni who became directors are in the register, for the alumni page (issue 14): every
    # director linked to an account has a verified post, and some completed a cohort.
    linked = Director.objects.filter(user__isnull=False)
    assert set(linked.values_list("user", flat=True)) <= set(
        Appointment.objects.filter(verified_at__isnull=False).values_list("person", flat=True)
    )
    assert linked.filter(user__participations__status=ParticipantStatus.COMPLETED).exists()
    assert_public_dates_agree_with_the_windows()
    assert_nothing_happened_after(midnight)
