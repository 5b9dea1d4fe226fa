"""The demo's alumni (demo/network_alumni.py): 400 people, forty on each of ten past cohorts (one
intake a year before last year's, its programme year over), each with an accepted application
and offer, a completed place, the alumnus role from the end of their year and a directory
profile; their cohorts' groups as the scheduled job keeps them; the directory's cohort filter,
a profile's cohort and the intakes' funnel all read from those places."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from demo.common import new_context, start_of_today
from demo.intakes import IntakePlan, create_intake, create_programme, earlier_window
from demo.network_alumni import (
    ALUMNI_PER_COHORT,
    COHORT_YEARS,
    DAY,
    DEMO_ALUMNI,
    invented_alumni,
)
from tests.demo.invariants import assert_nothing_happened_after, cohort_in_its_year
from upon.accounts.models import Role, RoleAssignment, User
from upon.delivery.models import Cohort, Participant, ParticipantStatus
from upon.network import directory, groups
from upon.network.models import Group, GroupKind, Membership, Post, Profile, Thread, Topic
from upon.programmes.models import Intake, Programme
from upon.recruitment import intakes as intake_service
from upon.recruitment.models import ApplicationStatus
from upon.reporting import funnel
from upon.selection.models import OfferStatus

pytestmark = pytest.mark.django_db


def _past_cohorts(today: datetime.date) -> list[Cohort]:
    return list(Cohort.objects.filter(ends_on__lt=today).select_related("intake"))


def test_the_demo_alumni_hold_completed_places_on_ten_past_cohorts(authorities):
    call_command("seed_demo", verbosity=0, seed=7)
    midnight = start_of_today()
    today = timezone.localdate(midnight)
    assert_nothing_happened_after(midnight)

    past = sorted(_past_cohorts(today), key=lambda c: c.starts_on)
    assert len(past) == COHORT_YEARS == 10
    # One a year, the newest the year before last year's, over ten months ago.
    current = cohort_in_its_year(midnight)
    years = [c.starts_on.year for c in [*past, current]]
    assert years == list(range(years[0], years[0] + 11))
    assert all(c.ends_on - c.starts_on == datetime.timedelta(days=364) for c in past)
    assert (today - past[-1].ends_on).days > 280
    assert current.starts_on > past[-1].ends_on
    programme = Programme.objects.get()
    assert programme.created_at < past[0].intake.created_at

    places = Participant.objects.filter(cohort__in=past).select_related(
        "application__offer", "cohort__intake"
    )
    assert places.count() == DEMO_ALUMNI == 400
    for cohort in past:
        assert cohort.participants.count() == ALUMNI_PER_COHORT == 40
        assert cohort.intake.applications.count() == 40
        assert cohort.name == f"{cohort.intake.name} cohort"
    ended = {}
    for place in places:
        # Completed at the end of the year, certificate issued, through an accepted offer.
        assert place.status == ParticipantStatus.COMPLETED
        closing = timezone.localdate(place.certificate_issued_at)
        assert closing == place.cohort.ends_on == timezone.localdate(place.status_changed_at)
        application = place.application
        assert application.intake == place.cohort.intake
        assert application.status == ApplicationStatus.ACCEPTED
        assert application.offer.status == OfferStatus.ACCEPTED
        assert application.submitted_at < application.offer.sent_at
        assert timezone.localdate(application.offer.responded_at) < place.cohort.starts_on
        ended[place.user_id] = place.cohort.ends_on
    # The alumnus role alone, from the day their year ended.
    granted = RoleAssignment.objects.filter(user_id__in=ended)
    assert set(granted.values_list("role", flat=True)) == {Role.ALUMNUS}
    assert granted.count() == 400
    assert all(timezone.localdate(g.granted_at) == ended[g.user_id] for g in granted)

    # The past intakes are closed: never offered to applicants.
    open_ids = set(intake_service.open_intakes().values_list("pk", flat=True))
    assert open_ids.isdisjoint(c.intake_id for c in past)
    assert intake_service.next_intake() is None


def test_the_alumni_are_in_the_directory_and_their_cohorts_groups(authorities, client):
    call_command("seed_demo", verbosity=0, seed=7)
    today = timezone.localdate(start_of_today())
    past = _past_cohorts(today)

    # Each in the directory, in their employer's region, their cohort shown from their place.
    alumni = Profile.objects.filter(user__participations__cohort__in=past)
    assert alumni.count() == 400
    shown = {p.user_id: p for p in directory.profiles().filter(pk__in=alumni)}
    for place in Participant.objects.filter(cohort__in=past).select_related(
        "cohort", "application"
    ):
        profile = shown[place.user_id]
        assert profile.cohort_name == place.cohort.name
        assert profile.region == place.application.region != ""
        assert profile.is_alumnus and not profile.is_participant
    # The directory's cohort filter finds a cohort's forty.
    oldest = min(past, key=lambda c: c.starts_on)
    assert directory.cohort_choices()[-1] == (oldest.pk, oldest.name)
    alumnus = User.objects.get(email="alumnus@upon.example")
    client.force_login(alumnus)
    response = client.get("/network/directory/", {"cohort": oldest.pk})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 40
    assert {shown.cohort for _profile, shown in response.context["rows"]} == {oldest.name}

    # Their cohorts' groups, made as the scheduled job makes them: it finds nothing to do.
    assert groups.sync_all_cohort_groups(now=timezone.now()) == 0
    for cohort in past:
        group = Group.objects.get(cohort=cohort)
        assert group.kind == GroupKind.COHORT and group.name == cohort.name
        people = set(cohort.participants.values_list("user_id", flat=True))
        assert set(group.memberships.values_list("member_id", flat=True)) == people
        # A thread in each, written by its members.
        [thread] = Thread.objects.filter(group=group)
        authors = set(Post.objects.filter(thread=thread).values_list("author_id", flat=True))
        assert authors <= people
        assert 3 <= thread.post_count == thread.posts.count() <= 6
    # Each in their cohort's, their region's and their first topic's groups.
    theirs = Membership.objects.filter(member__network_profile__in=alumni)
    assert theirs.count() == 3 * 400
    assert sorted(theirs.values_list("group__kind", flat=True).distinct()) == sorted(
        [GroupKind.COHORT, GroupKind.REGION, GroupKind.TOPIC]
    )
    # A thread among them in each topic group, written by the group's members.
    topic_threads = Thread.objects.filter(group__kind=GroupKind.TOPIC).exclude(
        title="My first hundred days"  # the director's and alumnus sign-ins' thread
    )
    assert sorted(topic_threads.values_list("group__topic", flat=True)) == sorted(Topic.values)
    for thread in topic_threads:
        posts = Post.objects.filter(thread=thread)
        assert 3 <= thread.post_count == posts.count() <= 6
        members = Membership.objects.filter(group=thread.group).values_list("member_id")
        assert not posts.exclude(author_id__in=members).exists()
    # An alumnus finds their cohort's group among theirs.
    place = Participant.objects.filter(cohort=oldest).select_related("user").first()
    client.force_login(place.user)
    mine = [g.name for g in client.get("/network/groups/").context["mine"]]
    assert oldest.name in mine


def test_the_funnel_counts_the_alumni_through_every_stage(authorities, client):
    call_command("seed_demo", verbosity=0, seed=7)
    today = timezone.localdate(start_of_today())
    programme = Programme.objects.get()
    past = {c.intake_id for c in _past_cohorts(today)}

    funnels = funnel.intake_funnels(programme=programme, suppress=False)
    assert len(funnels) == Intake.objects.count() == 14
    for found in funnels:
        if found.intake.pk not in past:
            continue
        counts = {f.key: f.count for f in found.figures}
        assert counts["applied"] == counts["shortlisted"] == counts["offered"] == 40
        assert counts["accepted"] == counts["completed"] == 40
        # Eligible: what they told us (a team manager is not, whatever else they said).
        eligible = found.intake.applications.filter(funnel.eligible_filter()).count()
        assert counts["eligible"] == eligible and 30 < eligible <= 40
    # The funder's page (figures suppressed) and the lead's both show them.
    for email in ("funder@upon.example", "lead@upon.example"):
        client.force_login(User.objects.get(email=email))
        response = client.get(reverse("reporting:funnel", args=[programme.pk]))
        assert response.status_code == 200
        assert len(response.context["funnels"]) == 14


def test_more_alumni_join_an_intake_that_already_has_its_cohort(authorities):
    """The national dataset makes up a shortfall of members with alumni of its cohorts whose
    year is over: they join the cohort there is, their references after the intake's others."""
    ctx = new_context(seed=5)
    programme = create_programme(created_at=ctx.midnight - 4000 * DAY)
    team = User.objects.create_user(
        email="team@example.com", password=None, date_joined=ctx.midnight - DAY
    )
    intake = create_intake(
        ctx, programme, IntakePlan(*earlier_window(ctx, years=3), applications=2, capacity=2)
    )
    first = invented_alumni(ctx, [intake], 2, team=team)
    more = invented_alumni(ctx, [intake, intake], 3, team=team)

    [cohort] = Cohort.objects.all()
    assert {p.cohort_id for p in first + more} == {cohort.pk}
    assert cohort.ends_on < ctx.today
    references = sorted(intake.applications.values_list("reference", flat=True))
    prefix = f"ADCS-{intake.opens_at.year}"
    assert references == [f"{prefix}-{n:05d}" for n in range(1, 6)]
    assert cohort.participants.filter(status=ParticipantStatus.COMPLETED).count() == 5
    assert RoleAssignment.objects.filter(role=Role.ALUMNUS).count() == 5
    assert_nothing_happened_after(ctx.midnight)
