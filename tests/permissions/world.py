"""One deterministic "world" for the permission matrix: one of each object any URL needs, and
the people (identities) whose access the matrix declares.

Everything the matrix knows about models lives here, built through the project's factories, so a
model moving app (Programme and Intake to `programmes`) or a URL namespace changing touches this
file and `matrix.py` only.

The world's programme has one intake (`intake`), open for applications, with selection settings,
a submitted `application` (reviewed by `reviewer`, decided, offered) and a cohort already
running (`cohort`, sessions, a set, a challenge). The applicant also has a `draft` in a second
open intake of the same programme, for the pages that edit an application. `other` is a second
programme with its own cohort: its team, participant and facilitator are outsiders here.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.delivery.factories import (
    ActionLearningSetFactory,
    CohortFactory,
    ParticipantFactory,
    SessionFactory,
    VenueFactory,
    facilitator_for,
)
from tests.factories import (
    ApplicationFactory,
    CapabilityStatementFactory,
    CareerEntryFactory,
    EndorsementFactory,
    IntakeFactory,
    ProgrammeFactory,
    RoleAssignmentFactory,
    SubmittedApplicationFactory,
    UserFactory,
)
from tests.selection.factories import (
    ReviewAssignmentFactory,
    ReviewerFactory,
    SelectionSettingsFactory,
)
from tests.support.factories import AppointmentFactory, alumnus_of
from upon.accounts.models import EmailConfirmation, Invitation, Role
from upon.accounts.tokens import hash_token
from upon.delivery.models import (
    Attendance,
    AttendanceStatus,
    Challenge,
    ChallengeSubmission,
    ChallengeTeam,
    DevelopmentGoal,
    FacilitatorCalendar,
    Mode,
    SessionKind,
    SessionMaterial,
    Unavailability,
)
from upon.network import groups
from upon.network.models import (
    Collection,
    CollectionItem,
    Conversation,
    Group,
    Message,
    Profile,
    Resource,
    ResourceKind,
    ResourceStatus,
    Visibility,
)
from upon.partners.models import ApiToken, PartnerOrganisation
from upon.recruitment.models import ApplicationStatus, EndorsementStatus
from upon.selection.models import Decision, Offer, Outcome
from upon.support import further_learning
from upon.support.employers import link_token
from upon.support.models import (
    Booking,
    BookingStatus,
    Coach,
    CoachingRelationship,
    CoachingSession,
    EmployerCheckIn,
    EmployerPartnership,
    Entitlement,
    LearningEvent,
    RelationshipCheck,
)
from upon.workforce.models import Basis, Director, RegisterImport, Tenure

# The secrets in links, fixed so the world is the same on every run. Only hashes are stored.
ENDORSEMENT_TOKEN = "world-endorsement-token"
INVITATION_TOKEN = "world-invitation-token"
CONFIRMATION_TOKEN = "world-confirmation-token"
PARTICIPANT_CALENDAR_TOKEN = "world-participant-calendar"
FACILITATOR_CALENDAR_TOKEN = "world-facilitator-calendar"

# Every identity the matrix checks, in the order failures are reported.
IDENTITIES = (
    "anonymous",  # signed out
    "outsider",  # signed in, no role, no application
    "applicant",  # owns `application` and `draft`
    "other_applicant",  # their own draft in the same intake as `draft`
    "reviewer",  # in the intake's pool, assigned to `application`
    "other_reviewer",  # in the same pool, not assigned to `application`
    "team",  # programme team of the world's programme
    "other_team",  # programme team of another programme
    "lead",  # programme lead of the world's programme (the lead role only)
    "participant",  # in the world's cohort, set and challenge team
    "other_participant",  # in another programme's cohort
    "facilitator",  # of the world's cohort: runs its session and its set
    "other_facilitator",  # of another programme's cohort
    "alumnus",  # an alumnus of the world's programme, with no post recorded
    "director",  # a new director of the world's programme, with support open
    "coach",  # a coach of the world's programme, coaching the director
    "employer",  # the employer contact of the director's support, with an account
    "funder",  # the funder of the world's programme
)


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def build() -> World:
    now = timezone.now().replace(microsecond=0)
    world = World()
    o = world.objects
    u = world.users

    u["anonymous"] = None
    u["outsider"] = UserFactory(full_name="Oona Outsider")

    # Recruitment: the programme, its intake open for applications, and the applicant.
    o["programme"] = programme = ProgrammeFactory(name="World Programme", slug="world-programme")
    o["intake"] = intake = IntakeFactory(programme=programme, name="World intake", slug="world")
    o["capability"] = capability = intake.capabilities.order_by("position").first()
    # Composition confirmed: the application below has its offer.
    o["selection"] = SelectionSettingsFactory(intake=intake, places=2, composition_confirmed_at=now)
    u["applicant"] = applicant = UserFactory(full_name="Ada Applicant")
    o["application"] = application = SubmittedApplicationFactory(
        intake=intake, applicant=applicant, reference="WORLD-00001"
    )
    CareerEntryFactory(application=application)
    CapabilityStatementFactory(application=application, capability=capability)

    # The applicant's draft, in a second open intake: the pages that edit an application.
    o["draft_intake"] = draft_intake = IntakeFactory(
        programme=programme, name="World draft intake", slug="world-draft"
    )
    o["draft"] = draft = ApplicationFactory(
        intake=draft_intake, applicant=applicant, reference="WORLD-00002"
    )
    o["career_entry"] = CareerEntryFactory(application=draft)
    CapabilityStatementFactory(
        application=draft, capability=draft_intake.capabilities.order_by("position").first()
    )
    o["endorsement"] = EndorsementFactory(
        application=draft,
        status=EndorsementStatus.REQUESTED,
        token_hash=hash_token(ENDORSEMENT_TOKEN),
        requested_at=now,
        expires_at=now + datetime.timedelta(days=14),
    )
    u["other_applicant"] = other_applicant = UserFactory(full_name="Ben Otherapplicant")
    o["other_draft"] = ApplicationFactory(
        intake=draft_intake, applicant=other_applicant, reference="WORLD-00003"
    )

    # Selection: the reviewer assigned to the application (not yet opened), another reviewer
    # of the pool, a published decision and a pending offer.
    o["reviewer_place"] = ReviewerFactory(
        intake=intake, user=UserFactory(full_name="Rowan Reviewer")
    )
    u["reviewer"] = o["reviewer_place"].user
    o["assignment"] = ReviewAssignmentFactory(reviewer=o["reviewer_place"], application=application)
    o["other_reviewer_place"] = ReviewerFactory(
        intake=intake, user=UserFactory(full_name="Sam Secondreviewer")
    )
    u["other_reviewer"] = o["other_reviewer_place"].user

    o["team_role"] = RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, programme=programme, user__full_name="Tess Team"
    )
    u["team"] = o["team_role"].user
    u["lead"] = RoleAssignmentFactory(
        role=Role.PROGRAMME_LEAD, programme=programme, user__full_name="Lee Lead"
    ).user
    u["funder"] = RoleAssignmentFactory(
        role=Role.FUNDER, programme=programme, user__full_name="Fern Funder"
    ).user
    # The grant: a budget line of the world's programme with one spend against it.
    from upon.reporting.models import BudgetLine, Spend

    o["budget_line"] = line = BudgetLine.objects.create(
        programme=programme,
        name="World delivery",
        amount=100_000,
        starts_on=now.date() - datetime.timedelta(days=100),
        ends_on=now.date() + datetime.timedelta(days=265),
    )
    Spend.objects.create(
        budget_line=line,
        spent_on=now.date() - datetime.timedelta(days=10),
        amount=1_000,
        description="World venue hire",
        recorded_by=u["team"],
    )
    # The funder's report: a finished version (its files stand in for the job's).
    from upon.reporting.models import FunderReport

    o["funder_report"] = FunderReport.objects.create(
        programme=programme,
        version=1,
        starts_on=now.date() - datetime.timedelta(days=100),
        ends_on=now.date() - datetime.timedelta(days=1),
        status="done",
        progress=100,
        pdf=b"%PDF-1.7 world",
        xlsx=b"PK world",
        created_by=u["team"],
        finished_at=now,
    )
    o["decision"] = Decision.objects.create(
        application=application,
        outcome=Outcome.SHORTLIST,
        rationale="Strong evidence across the framework.",
        decided_by=u["lead"],
        decided_at=now,
        published_at=now,
    )
    o["offer"] = Offer.objects.create(
        application=application, sent_at=now, accept_by=now + datetime.timedelta(days=14)
    )
    application.status = ApplicationStatus.OFFERED
    application.save(update_fields=["status"])
    # The other applicant's application to the same intake, declined: the feedback page.
    o["declined"] = declined = SubmittedApplicationFactory(
        intake=intake, applicant=other_applicant, reference="WORLD-00004"
    )
    Decision.objects.create(
        application=declined,
        outcome=Outcome.DECLINE,
        rationale="Less evidence of systems leadership than others.",
        decided_by=u["lead"],
        decided_at=now,
    )

    # Delivery: the intake's cohort with a venue, a session that ended yesterday, a material,
    # attendance, an action learning set and its next meeting, a challenge with a team and a
    # submission, a goal.
    o["cohort"] = cohort = CohortFactory(intake=intake, name="World cohort")
    o["venue"] = venue = VenueFactory(programme=programme, name="World venue")
    o["participant"] = participant = ParticipantFactory(
        cohort=cohort, user__full_name="Pat Participant"
    )
    u["participant"] = participant.user
    u["facilitator"] = facilitator = facilitator_for(cohort, full_name="Fran Facilitator")
    starts = now - datetime.timedelta(days=1, hours=8)
    o["session"] = session = SessionFactory(
        cohort=cohort,
        title="Leading in complexity",
        sequence_number=1,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=7),
        venue=venue,
    )
    session.facilitators.add(facilitator)
    # A draft session nobody has attended yet: the one that can be deleted.
    o["draft_session"] = SessionFactory(
        cohort=cohort,
        title="Engaging communities",
        sequence_number=2,
        starts_at=starts + datetime.timedelta(days=60),
        ends_at=starts + datetime.timedelta(days=60, hours=7),
        venue=venue,
        published=False,
    )
    o["material"] = SessionMaterial.objects.create(
        session=session, title="Agenda", file=ContentFile(b"%PDF-1.7\n", name="agenda.pdf")
    )
    Attendance.objects.create(
        session=session,
        participant=participant,
        status=AttendanceStatus.PRESENT,
        marked_by=facilitator,
    )
    o["unavailability"] = Unavailability.objects.create(
        facilitator=facilitator,
        starts_at=starts + datetime.timedelta(days=30),
        ends_at=starts + datetime.timedelta(days=31),
        note="Leave",
    )
    o["set"] = ActionLearningSetFactory(cohort=cohort, name="Set A", facilitator=facilitator)
    participant.action_learning_set = o["set"]
    participant.save(update_fields=["action_learning_set"])
    # Set A's next meeting, online, run by its facilitator.
    o["meeting"] = meeting = SessionFactory(
        cohort=cohort,
        kind=SessionKind.ACTION_LEARNING,
        sequence_number=None,
        title="Set A meeting",
        action_learning_set=o["set"],
        starts_at=starts + datetime.timedelta(days=14),
        ends_at=starts + datetime.timedelta(days=14, hours=3),
        mode=Mode.VIRTUAL,
        venue=None,
        joining_link="https://meet.example.com/set-a",
    )
    meeting.facilitators.add(facilitator)
    o["challenge"] = challenge = Challenge.objects.create(
        cohort=cohort,
        title="Reduce drift in care proceedings",
        brief="Work with a local authority on one change.",
        deadline=now + datetime.timedelta(days=60),
    )
    o["challenge_team"] = challenge_team = ChallengeTeam.objects.create(
        challenge=challenge, name="Team 1"
    )
    challenge_team.members.add(participant)
    o["submission"] = ChallengeSubmission.objects.create(
        team=challenge_team,
        file=ContentFile(b"%PDF-1.7\n", name="findings.pdf"),
        original_name="findings.pdf",
        submitted_by=participant.user,
    )
    o["goal"] = DevelopmentGoal.objects.create(
        participant=participant, capability=capability, text="Chair a multi-agency board."
    )
    o["assessment_point"] = "start"
    participant.calendar_token = PARTICIPANT_CALENDAR_TOKEN
    participant.save(update_fields=["calendar_token"])
    FacilitatorCalendar.objects.create(user=facilitator, token=FACILITATOR_CALENDAR_TOKEN)

    # Support: the participant's post as a DCS, recorded and not yet verified; an alumnus.
    o["appointment"] = AppointmentFactory(person=participant.user, programme=programme)
    u["alumnus"] = alumnus_of(programme, full_name="Alex Alumnus")
    u["director"] = director = UserFactory(full_name="Dee Director")
    o["director_post"] = director_post = AppointmentFactory(
        person=director, programme=programme, verified_at=now, verified_by=u["team"]
    )
    o["entitlement"] = entitlement = Entitlement.objects.create(
        person=director,
        programme=programme,
        appointment=director_post,
        starts_on=director_post.starts_on,
        ends_on=director_post.starts_on + datetime.timedelta(days=730),
        coaching_hours=12,
        further_learning_places=3,
    )
    RoleAssignmentFactory(user=director, role=Role.NEW_DIRECTOR, programme=programme)
    # The coach pool: a coach of the programme, coaching the director.
    u["coach"] = coach_user = UserFactory(full_name="Cal Coach")
    RoleAssignmentFactory(user=coach_user, role=Role.COACH, programme=programme)
    o["coach"] = coach = Coach.objects.create(user=coach_user, programme=programme, capacity=2)
    o["relationship"] = CoachingRelationship.objects.create(
        coach=coach,
        director=director,
        entitlement=entitlement,
        started_on=director_post.starts_on,
        confirmed_by=u["team"],
    )
    # Their coaching log: three sessions, so the relationship check is due; the coach answered
    # it low and the team has not yet reviewed it.
    for days in (7, 14, 21):
        CoachingSession.objects.create(
            relationship=o["relationship"],
            held_on=director_post.starts_on + datetime.timedelta(days=days),
            minutes=60,
            mode="online",
            themes=[1],
            notes="Private to the coach and the director.",
            recorded_by=coach_user,
        )
    o["relationship_check"] = RelationshipCheck.objects.create(
        relationship=o["relationship"],
        side="coach",
        respondent=coach_user,
        working_well=2,
        progress=3,
    )
    # The director's employer contact, invited, with an account; the 3-month check-in is due.
    u["employer"] = employer = RoleAssignmentFactory(
        role=Role.EMPLOYER_CONTACT, programme=programme, user__full_name="Emma Employer"
    ).user
    partnership = EmployerPartnership.objects.create(
        entitlement=entitlement,
        programme=programme,
        local_authority=director_post.local_authority,
        contact_name=employer.full_name,
        contact_email=employer.email,
        invited_by=u["team"],
    )
    EmployerCheckIn.objects.create(
        partnership=partnership, month=3, due_on=now.date() - datetime.timedelta(days=1)
    )
    o["employer_token"] = link_token(partnership)
    # Further learning: an event of the programme in a month, the director booked on it.
    o["learning_event"] = learning_event = LearningEvent.objects.create(
        programme=programme,
        title="World masterclass",
        starts_at=now + datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=30, hours=3),
        places=2,
        created_by=u["team"],
    )
    o["booking"] = Booking.objects.create(
        event=learning_event, person=director, status=BookingStatus.BOOKED
    )
    o["learning_feed_token"] = further_learning.feed_token(director)

    # Another programme with its own cohort: everyone in it is an outsider to the world.
    o["other_cohort"] = other_cohort = CohortFactory(
        intake=IntakeFactory(name="Other intake", slug="other")
    )
    other_programme = other_cohort.intake.programme
    u["other_team"] = RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM, programme=other_programme, user__full_name="Otto Otherteam"
    ).user
    u["other_participant"] = ParticipantFactory(
        cohort=other_cohort, user__full_name="Quinn Otherparticipant"
    ).user
    u["other_facilitator"] = facilitator_for(other_cohort, full_name="Ola Otherfacilitator")

    # The network's directory and messages: the alumnus's profile, and a conversation between
    # the alumnus and the participant (its one message, from the alumnus, already read).
    o["profile"] = Profile.objects.create(user=u["alumnus"], about="World alumnus", topics=["send"])
    o["conversation"] = conversation = Conversation.objects.create(
        first=min(u["alumnus"], u["participant"], key=lambda p: p.pk),
        second=max(u["alumnus"], u["participant"], key=lambda p: p.pk),
        started_by=u["alumnus"],
    )
    o["message"] = Message.objects.create(
        conversation=conversation, sender=u["alumnus"], body="Hello from the world", read_at=now
    )
    # Groups (issue 13, item 4): every cohort's group in step with its people, the region and
    # topic groups; a thread in the world cohort's group started by its participant; a thread
    # in the London group, which the alumnus joined, with the alumnus's post reported by the
    # director.
    groups.sync_all_cohort_groups(now=now)
    groups.open_groups()
    o["cohort_group"] = cohort_group = groups.cohort_group(cohort)
    o["cohort_thread"] = groups.start_thread(
        group=cohort_group, author=u["participant"], title="Our first residential", body="Hello"
    )
    o["cohort_post"] = o["cohort_thread"].posts.get()
    o["region_group"] = region_group = Group.objects.get(kind="region", region="E12000007")
    groups.join(group=region_group, member=u["alumnus"])
    region_thread = groups.start_thread(
        group=region_group, author=u["alumnus"], title="London directors", body="Hi all"
    )
    o["region_post"] = region_thread.posts.get()
    o["post_report"] = groups.report_post(
        post=o["region_post"], reporter=u["director"], reason="Off topic"
    )
    # The network's library: a network resource, one for the world's cohort only, a public
    # one, the participant's suggestion waiting for the team, and a collection holding the
    # network resource.
    o["resource"] = Resource.objects.create(
        kind=ResourceKind.GUIDE,
        title="World guide",
        summary="For the network.",
        link="https://example.org/world-guide",
        visibility=Visibility.NETWORK,
    )
    o["cohort_resource"] = Resource.objects.create(
        kind=ResourceKind.RECORDING,
        title="World cohort recording",
        summary="For the world cohort.",
        link="https://example.org/world-recording",
        visibility=Visibility.COHORT,
        cohort=cohort,
    )
    o["public_resource"] = Resource.objects.create(
        kind=ResourceKind.RESEARCH,
        title="World research",
        summary="For anyone.",
        link="https://example.org/world-research",
        visibility=Visibility.PUBLIC,
    )
    o["suggestion"] = Resource.objects.create(
        kind=ResourceKind.TOOL,
        title="World suggestion",
        summary="Suggested by the participant.",
        link="https://example.org/world-tool",
        status=ResourceStatus.SUGGESTED,
        suggested_by=participant.user,
    )
    o["collection"] = collection = Collection.objects.create(
        title="World collection", created_by=u["team"]
    )
    o["collection_item"] = CollectionItem.objects.create(
        collection=collection, resource=o["resource"], position=1
    )

    # Links sent by email: an invitation, an email confirmation, a password reset.
    Invitation.objects.create(
        email="invited@example.org",
        role=Role.REVIEWER,
        programme=programme,
        intake=intake,
        token_hash=hash_token(INVITATION_TOKEN),
        invited_by=u["team"],
        expires_at=now + datetime.timedelta(days=7),
    )
    EmailConfirmation.objects.create(
        user=u["outsider"],
        token_hash=hash_token(CONFIRMATION_TOKEN),
        expires_at=now + datetime.timedelta(days=1),
    )
    # The network's peer support (issue 13, item 3): the director asked a question of the
    # alumnus, who answered. Opportunities (item 5): one the employer posted, open for a month;
    # the alumnus's alert.
    from upon.network.models import (
        Answer,
        Opportunity,
        OpportunityAlert,
        Question,
        QuestionNotice,
    )
    from upon.organisations.models import Organisation

    o["question"] = question = Question.objects.create(
        asker=director, topic="finance", title="World question", body="How do I set a budget?"
    )
    QuestionNotice.objects.create(question=question, member=u["alumnus"])
    o["answer"] = Answer.objects.create(
        question=question, author=u["alumnus"], body="Start from the outturn."
    )
    leeds = Organisation.objects.get(kind="local_authority", name="Leeds")
    o["opportunity"] = Opportunity.objects.create(
        kind="interim_dcs",
        title="World interim director",
        employer=leeds,
        region=leeds.region,
        description="Twelve months.",
        closes_on=now.date() + datetime.timedelta(days=30),
        posted_by=employer,
        posted_at=now,
    )
    # Buddy pairing: the alumnus offered as the director's buddy.
    from upon.network.models import BuddyPair

    o["buddy_pair"] = BuddyPair.objects.create(new_director=director, buddy=u["alumnus"])
    o["opportunity_alert"] = OpportunityAlert.objects.create(
        member=u["alumnus"], region=leeds.region
    )

    # Someone who is never signed in here: signing in changes the hash a reset token checks.
    forgetful = UserFactory(full_name="Fergus Forgetful")
    o["reset_uid"] = urlsafe_base64_encode(force_bytes(forgetful.pk))
    o["reset_token"] = default_token_generator.make_token(forgetful)
    # The national register (issue 14): a director in post in Hartlepool, and a spreadsheet the
    # team uploaded and has not imported yet.
    o["register_authority"] = hartlepool = Organisation.objects.get(gss_code="E06000001")
    o["register_tenure"] = Tenure.objects.create(
        authority=hartlepool,
        director=Director.objects.create(name="World Director", normalised_name="world director"),
        started_on=datetime.date(2020, 4, 1),
        basis=Basis.PERMANENT,
    )
    # The world's new director is in the register, linked to their Upon account by the team.
    o["register_linked_tenure"] = Tenure.objects.create(
        authority=Organisation.objects.get(gss_code="E06000005"),
        director=Director.objects.create(
            name="Dee Director", normalised_name="dee director", user=u["director"]
        ),
        started_on=datetime.date(2024, 9, 1),
        basis=Basis.PERMANENT,
    )
    o["register_import"] = RegisterImport.objects.create(
        uploaded_by=u["team"], file_name="register.csv", content=b"Authority code\r\n"
    )
    # The partner API (issue 14): a partner organisation of the world's programme, and a token
    # its lead issued to it.
    o["partner"] = partner = PartnerOrganisation.objects.create(
        programme=programme, name="World Partner", added_by=u["lead"]
    )
    o["api_token"] = ApiToken.objects.create(
        partner=partner,
        name="World dashboard",
        prefix="0123abcd",
        secret_hash=hash_token("upon_0123abcd_world"),
        issued_by=u["lead"],
    )
    return world
