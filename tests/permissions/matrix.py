"""The permission matrix: for every named URL, who gets what.

Each row says how to build the URL's arguments from the shared world (`world.py`), the expected
status on GET for every identity and, for a view that changes data, on POST (an empty form).
Expected statuses are what DESIGN.md requires: signed out, a private page redirects to sign in;
someone with no relation to the object gets 404; a person without the role gets 403.

Statuses: OK 200, FOUND 302 anywhere (the view did its work or sent the person on), SIGN_IN 302
to the sign-in page, FORBIDDEN 403, NOT_FOUND 404, NOT_ALLOWED 405.

A view that is wrong today keeps its correct expectation here and names the cell in `bugs`;
its test is then an expected failure (strict: fixing the view makes it pass and fail the
suite until the entry is removed). `get_writes` names a view that writes to the database on
GET today (it must not; same treatment).

Every new URL needs a row; `test_matrix.py` fails on a URL without one and on a row whose URL
is gone.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.permissions import world as w
from tests.permissions.world import IDENTITIES

OK, FOUND, SIGN_IN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, "302 sign-in", 403, 404, 405
UNAUTHORIZED = 401
# A refused request changes nothing: these are checked for writes on POST.
REFUSALS = (SIGN_IN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED)


def kind(default, *, anonymous=SIGN_IN, **grants) -> dict:
    """Every identity gets `default`, except the signed out and those named."""
    unknown = set(grants) - set(IDENTITIES)
    assert not unknown, f"Not identities: {unknown}"
    return {i: default for i in IDENTITIES} | {"anonymous": anonymous} | grants


# The kinds of access. The team's own programme (team and lead) against another programme's
# team (404) and everyone else (403); a reviewer's, participant's or facilitator's own object
# against another of the same role (404) and everyone else (403).
PUBLIC = kind(OK, anonymous=OK)
TOKEN = PUBLIC  # the secret in the address is the key
SIGNED_IN = kind(OK)
SIGNED_OUT = kind(FOUND, anonymous=OK)  # signed in already: sent on to the home page
POST_ONLY = kind(NOT_ALLOWED, anonymous=NOT_ALLOWED)
APPLICANT_OWN = kind(NOT_FOUND, applicant=OK)
REVIEWER = kind(FORBIDDEN, reviewer=OK, other_reviewer=OK)
REVIEWER_OWN = kind(FORBIDDEN, reviewer=OK, other_reviewer=NOT_FOUND)
TEAM_ANY = kind(FORBIDDEN, team=OK, other_team=OK, lead=OK)
TEAM = kind(FORBIDDEN, team=OK, other_team=NOT_FOUND, lead=OK)
LEAD = kind(FORBIDDEN, lead=OK, other_team=NOT_FOUND)
PARTICIPANT = kind(FORBIDDEN, participant=OK, other_participant=OK)
PARTICIPANT_OWN = kind(FORBIDDEN, participant=OK, other_participant=NOT_FOUND)
FACILITATOR = kind(FORBIDDEN, facilitator=OK, other_facilitator=OK)
FACILITATOR_OWN = kind(FORBIDDEN, facilitator=OK, other_facilitator=NOT_FOUND)
# Those who record their own posts (participants, alumni, new directors), and one's own post.
RECORDS_POSTS = kind(FORBIDDEN, participant=OK, other_participant=OK, alumnus=OK, director=OK)
OWN_POST = kind(
    FORBIDDEN, participant=OK, other_participant=NOT_FOUND, alumnus=NOT_FOUND, director=NOT_FOUND
)
# A new director's own pages (their relationship: 404 to anyone else holding the role); a coach's.
DIRECTOR = kind(FORBIDDEN, director=OK)
COACH = kind(FORBIDDEN, coach=OK)
# The coach and the director of the world's relationship: its log is no one else's.
COACHING_LOG = kind(NOT_FOUND, coach=OK, director=OK)
# The support's own director and the team invite its employer contact.
INVITES_EMPLOYER = kind(FORBIDDEN, team=OK, lead=OK, other_team=NOT_FOUND, director=OK)
EMPLOYER_LINK = lambda x: {"token": x.employer_token}  # noqa: E731
# New directors and alumni of the programme book its further learning; the director's booking.
BOOKS_LEARNING = kind(FORBIDDEN, alumnus=OK, director=OK)
OWN_BOOKING = kind(FORBIDDEN, alumnus=NOT_FOUND, director=OK)
LEARNING_FEED = lambda x: {"token": x.learning_feed_token}  # noqa: E731
# A file of the world's cohort: its team, participants and facilitators; no one else learns
# it exists.
COHORT_FILE = kind(NOT_FOUND, team=OK, lead=OK, participant=OK, facilitator=OK)
# The network's members (participants, alumni, new directors); with the team, who moderate.
MEMBERS = kind(FORBIDDEN, participant=OK, other_participant=OK, alumnus=OK, director=OK)
GROUPS = MEMBERS | {"team": OK, "other_team": OK, "lead": OK}
# The world cohort's group: its people read and post; the team (any programme's) reads.
IN_COHORT = kind(
    FORBIDDEN, participant=OK, other_participant=NOT_FOUND, alumnus=NOT_FOUND, director=NOT_FOUND
)
COHORT_GROUP = IN_COHORT | {"team": OK, "other_team": OK, "lead": OK}

# Members of the network (participants, alumni, new directors, of any programme); the two
# people of the world's conversation.
MEMBERS = kind(FORBIDDEN, participant=OK, other_participant=OK, alumnus=OK, director=OK)
CONVERSATION = kind(NOT_FOUND, alumnus=OK, participant=OK)


# The network's peer support and opportunities (issue 13, items 3 and 5). Members of the network:
# participants, alumni and new directors. A question is the asker's (the director) and those
# asked (the alumnus, who answered); everyone else, the team included, finds nothing (404).
NETWORK_MEMBER = kind(FORBIDDEN, participant=OK, other_participant=OK, alumnus=OK, director=OK)
IN_QUESTION = kind(NOT_FOUND, director=OK, alumnus=OK)
# The asker may not answer their own question (403); the alumnus has answered: sent back.
ANSWERS_QUESTION = kind(NOT_FOUND, director=FORBIDDEN, alumnus=FOUND)
SHARES_ANSWER = kind(NOT_FOUND, director=FOUND, alumnus=FOUND)
# The team of any programme and employer contacts post opportunities; the world's opportunity
# is the employer's, which the team (any programme's) may change too.
POSTS_OPPORTUNITIES = kind(FORBIDDEN, team=OK, other_team=OK, lead=OK, employer=OK)
READS_OPPORTUNITY = NETWORK_MEMBER | {"team": OK, "other_team": OK, "lead": OK, "employer": OK}
OWN_ALERT = kind(
    FORBIDDEN, participant=NOT_FOUND, other_participant=NOT_FOUND, alumnus=FOUND, director=NOT_FOUND
)

# The network (upon/network/rules.py): its members are participants, alumni and new directors.
NETWORK_MEMBERS = kind(FORBIDDEN, participant=OK, other_participant=OK, alumnus=OK, director=OK)
# A library resource the network sees, and one the world's cohort sees: the team of any
# programme too; anyone else finds no such resource; signed out, sign in first.
NETWORK_RESOURCE = kind(
    NOT_FOUND,
    participant=OK,
    other_participant=OK,
    alumnus=OK,
    director=OK,
    team=OK,
    other_team=OK,
    lead=OK,
)
COHORT_RESOURCE = kind(NOT_FOUND, participant=OK, team=OK, other_team=OK, lead=OK)

# The grant and what the programme achieved: its team, lead and funder; another programme's
# team finds nothing.
OUTCOME_READERS = kind(FORBIDDEN, team=OK, other_team=OK, lead=OK, funder=OK)
OUTCOMES = kind(FORBIDDEN, team=OK, other_team=NOT_FOUND, lead=OK, funder=OK)

# The partner API (upon/partners/api.py) answers a bearer token, never a session: everyone
# here, signed in or not, is 401 (tests/partners has the tokens, and fuzzes the API with one).
# Its OpenAPI description is public; an address under it that is not one of its answers is a
# JSON 404, and so is its root.
BEARER_TOKEN = kind(UNAUTHORIZED, anonymous=UNAUTHORIZED)
API_NOT_FOUND = kind(NOT_FOUND, anonymous=NOT_FOUND)


def but(base: dict, **overrides) -> dict:
    """A kind with some identities different (say why beside it)."""
    return kind(None) | base | overrides


def redirects(base: dict) -> dict:
    """The same kind where the allowed identities are sent on (302) instead of shown a page."""
    return {i: FOUND if status == OK else status for i, status in base.items()}


@dataclass(frozen=True)
class Row:
    kwargs: Callable
    get: dict
    post: dict | None = None
    # {(method, identity): "the view and what is wrong"}: known wrong today.
    bugs: dict = field(default_factory=dict)
    # "the view and what it writes": a GET that writes today.
    get_writes: str | None = None
    # Why this URL's GET may write the session table (and only that table).
    session_writes: str | None = None
    # Why this URL's GET logs a read of equality answers (it may insert into that log only).
    logs_reads: str | None = None


def row(kwargs=None, get=None, post=None, **more) -> Row:
    return Row(kwargs=kwargs or (lambda x: {}), get=get, post=post, **more)


def pk(name):
    return lambda x: {"pk": getattr(x, name).pk}


def ref(name):
    return lambda x: {"reference": getattr(x, name).reference}


def slug(name, **more):
    return lambda x: {"slug": getattr(x, name).slug, **more}


DRAFT = ref("draft")  # the applicant's draft: the pages that edit an application
INTAKE, COHORT, SESSION, CHALLENGE = pk("intake"), pk("cohort"), pk("session"), pk("challenge")
PERSON = lambda x: {"pk": x.users["applicant"].pk}  # noqa: E731
# Every read of equality answers is logged with who and why (upon/reporting/equality_reads.py).
READS_EQUALITY = "the lead reads the equality answers' counts"
ADMIN_RECORD = lambda x: {"object_id": x.application.pk}  # noqa: E731
ADMIN_REFUSED = kind(FORBIDDEN)

# Staff (their roles need a second factor) have an authenticator app already, so the page that
# sets one up sends them on.
HAS_APP = {i: FOUND for i in ("team", "other_team", "lead", "reviewer", "other_reviewer", "coach")}

MATRIX = {
    # The service and public recruitment pages
    "start": row(get=PUBLIC),
    # Operations: the load balancer's checks (upon/operations/health.py)
    "operations:healthz": row(get=PUBLIC),
    "operations:readyz": row(get=PUBLIC),
    "service:accessibility": row(get=PUBLIC),
    "service:cookies": row(get=PUBLIC),
    # Personal data (upon/privacy): the notice is public; the lead exports or erases a person
    # of their programme (the world's applicant); the team reads who read equality answers.
    "privacy:notice": row(get=PUBLIC),
    "privacy:home": row(get=TEAM_ANY),
    "privacy:programme": row(pk("programme"), get=LEAD),
    "privacy:equality_reads": row(pk("programme"), get=TEAM),
    "privacy:person": row(PERSON, get=LEAD),
    # POST only; the lead's empty post downloads the zip (it needs nothing but the button).
    "privacy:export": row(PERSON, get=POST_ONLY, post=LEAD),
    # An empty post (not from the check page) erases nothing: sent to the check page.
    "privacy:erase": row(PERSON, get=LEAD, post=redirects(LEAD)),
    "recruitment:programme": row(slug("programme"), get=PUBLIC),
    "recruitment:intake": row(slug("intake"), get=PUBLIC),
    # Eligibility keeps its answers in the session; with none yet, it starts at question one.
    "recruitment:eligibility_start": row(slug("draft_intake"), get=redirects(PUBLIC)),
    "recruitment:eligibility_question": row(
        slug("draft_intake", question="leadership_years"), get=PUBLIC, post=PUBLIC
    ),
    "recruitment:eligibility_result": row(slug("draft_intake"), get=redirects(PUBLIC)),
    # Accounts
    "accounts:home": row(get=SIGNED_IN),
    "accounts:sign_in": row(get=SIGNED_OUT, post=PUBLIC),
    "accounts:sign_out": row(get=POST_ONLY, post=redirects(PUBLIC)),
    "accounts:create_account": row(get=SIGNED_OUT, post=SIGNED_OUT),
    "accounts:check_email": row(get=redirects(PUBLIC)),  # nothing to show without a sign-up
    "accounts:resend_confirmation": row(
        get=but(POST_ONLY, anonymous=SIGN_IN), post=redirects(SIGNED_IN)
    ),
    # GET shows a button; POST confirms and sends the person to sign in (or home if it is them).
    "accounts:confirm_email": row(
        lambda x: {"token": w.CONFIRMATION_TOKEN}, get=TOKEN, post=redirects(TOKEN)
    ),
    "accounts:password_reset": row(get=PUBLIC, post=PUBLIC),
    "accounts:password_reset_done": row(get=PUBLIC),
    "accounts:password_reset_confirm": row(
        lambda x: {"uidb64": x.reset_uid, "token": x.reset_token},
        get=redirects(TOKEN),
        post=redirects(TOKEN),
        session_writes=(
            "Django's PasswordResetConfirmView moves the token from the address into the "
            "session and redirects, so it never leaks in a Referer header"
        ),
    ),
    "accounts:password_reset_complete": row(get=PUBLIC),
    "accounts:password_change": row(get=SIGNED_IN, post=SIGNED_IN),
    "accounts:password_change_done": row(get=SIGNED_IN),
    # The second factor (upon/accounts/second_factor.py). Everyone in the world has signed in
    # completely, so the code and set-up pages send them on: staff have an app already.
    "accounts:second_factor_verify": row(get=redirects(SIGNED_IN), post=redirects(SIGNED_IN)),
    "accounts:second_factor_set_up": row(get=SIGNED_IN | HAS_APP, post=SIGNED_IN | HAS_APP),
    # New codes are shown once, then this page sends the person to their settings.
    "accounts:recovery_codes": row(get=redirects(SIGNED_IN)),
    "accounts:second_factor": row(get=SIGNED_IN),
    "accounts:new_recovery_codes": row(
        get=but(POST_ONLY, anonymous=SIGN_IN), post=redirects(SIGNED_IN)
    ),
    "accounts:turn_off_second_factor": row(
        get=but(POST_ONLY, anonymous=SIGN_IN), post=redirects(SIGNED_IN)
    ),
    "accounts:people": row(get=TEAM_ANY),
    # The team member's role in the world's programme: its lead resets, its team may not.
    "accounts:reset_second_factor": row(pk("team_role"), get=LEAD, post=redirects(LEAD)),
    "accounts:invitations": row(get=TEAM_ANY),
    "accounts:invite": row(get=TEAM_ANY, post=TEAM_ANY),
    # The invitation is for invited@example.org: anyone signed in as someone else is refused.
    "accounts:invitation_accept": row(
        lambda x: {"token": w.INVITATION_TOKEN},
        get=kind(FORBIDDEN, anonymous=OK),
        post=kind(FORBIDDEN, anonymous=OK),
    ),
    "accounts:invitation_create_account": row(
        lambda x: {"token": w.INVITATION_TOKEN}, get=SIGNED_OUT, post=SIGNED_OUT
    ),
    # The applicant's application
    "recruitment:applications": row(get=SIGNED_IN),
    # Anyone signed in may start; the two applicants already have a draft and are sent to it.
    "recruitment:start_application": row(
        slug("draft_intake"),
        get=but(SIGNED_IN, applicant=FOUND, other_applicant=FOUND),
        post=redirects(SIGNED_IN),
    ),
    "recruitment:task_list": row(DRAFT, get=APPLICANT_OWN),
    "recruitment:about_you": row(DRAFT, get=APPLICANT_OWN, post=APPLICANT_OWN),
    "recruitment:current_role": row(DRAFT, get=APPLICANT_OWN, post=APPLICANT_OWN),
    "recruitment:career": row(DRAFT, get=APPLICANT_OWN, post=redirects(APPLICANT_OWN)),
    "recruitment:career_entry": row(
        lambda x: {"reference": x.draft.reference, "pk": x.career_entry.pk},
        get=APPLICANT_OWN,
        post=APPLICANT_OWN,
    ),
    "recruitment:career_entry_delete": row(
        lambda x: {"reference": x.draft.reference, "pk": x.career_entry.pk},
        get=APPLICANT_OWN,
        post=redirects(APPLICANT_OWN),
    ),
    "recruitment:statement": row(
        lambda x: {"reference": x.draft.reference, "position": 1},
        get=APPLICANT_OWN,
        post=APPLICANT_OWN,
    ),
    "recruitment:endorsement": row(DRAFT, get=APPLICANT_OWN, post=APPLICANT_OWN),
    "recruitment:check_answers": row(DRAFT, get=APPLICANT_OWN, post=APPLICANT_OWN),
    "recruitment:submitted": row(ref("application"), get=APPLICANT_OWN, post=APPLICANT_OWN),
    # The application holds an offer: withdrawing is not offered, the applicant is sent back.
    "recruitment:withdraw": row(
        ref("application"), get=redirects(APPLICANT_OWN), post=redirects(APPLICANT_OWN)
    ),
    "recruitment:endorse": row(lambda x: {"token": w.ENDORSEMENT_TOKEN}, get=TOKEN, post=TOKEN),
    "reporting:monitoring_form": row(
        DRAFT,
        get=APPLICANT_OWN,
        post=redirects(APPLICANT_OWN),
        logs_reads="the applicant reads their own answers back to change them",
    ),
    # The offer page only posts an acceptance; an empty post changes nothing and comes back.
    "selection:respond_to_offer": row(
        ref("application"), get=APPLICANT_OWN, post=redirects(APPLICANT_OWN)
    ),
    # Declining asks "are you sure" on its own page; the reason is optional, so an empty post
    # declines.
    "selection:decline_offer": row(
        ref("application"), get=APPLICANT_OWN, post=redirects(APPLICANT_OWN)
    ),
    # Reviewers
    "selection:queue": row(get=REVIEWER),
    # The rubric is the same for everyone who scores or moderates, in any programme.
    "selection:rubric": row(get=but(REVIEWER, team=OK, other_team=OK, lead=OK)),
    "selection:review": row(
        pk("assignment"),
        get=REVIEWER_OWN,
        post=REVIEWER_OWN,
    ),
    "selection:declare_conflict": row(pk("assignment"), get=REVIEWER_OWN, post=REVIEWER_OWN),
    # The programme team: intakes and applications
    "recruitment:team_home": row(get=redirects(TEAM_ANY)),
    "recruitment:team_intakes": row(get=TEAM_ANY),
    "recruitment:programme_create": row(get=TEAM_ANY, post=TEAM_ANY),
    "recruitment:intake_create": row(get=TEAM_ANY, post=TEAM_ANY),
    "recruitment:intake_dashboard": row(INTAKE, get=TEAM),
    "recruitment:intake_edit": row(INTAKE, get=TEAM, post=TEAM),
    "recruitment:intake_applications": row(INTAKE, get=TEAM),
    "recruitment:export_csv": row(INTAKE, get=TEAM),
    "recruitment:export_xlsx": row(INTAKE, get=TEAM),
    "recruitment:application_detail": row(ref("application"), get=TEAM),
    "reporting:equality_report": row(INTAKE, get=LEAD, logs_reads=READS_EQUALITY),
    "reporting:adverse_impact": row(INTAKE, get=LEAD, logs_reads=READS_EQUALITY),
    # The grant and the funnel: the programme's team and funder read them; spend is the team's.
    "reporting:outcomes": row(get=OUTCOME_READERS),
    "reporting:grant": row(pk("programme"), get=OUTCOMES),
    "reporting:funnel": row(pk("programme"), get=OUTCOMES),
    "reporting:funnel_csv": row(pk("programme"), get=OUTCOMES),
    "reporting:record_spend": row(pk("programme"), get=TEAM, post=TEAM),
    # Budget lines are the team's: the funder reads the grant page only.
    "reporting:add_budget_line": row(pk("programme"), get=TEAM, post=TEAM),
    "reporting:budget_line": row(pk("budget_line"), get=TEAM),
    "reporting:change_budget_line": row(pk("budget_line"), get=TEAM, post=TEAM),
    "reporting:alumni": row(pk("programme"), get=OUTCOMES),
    "reporting:alumni_tenure_csv": row(pk("programme"), get=OUTCOMES),
    "reporting:alumni_regions_csv": row(pk("programme"), get=OUTCOMES),
    # Equality monitoring through the funnel: the programme's lead only.
    "reporting:diversity": row(pk("programme"), get=LEAD, logs_reads=READS_EQUALITY),
    "reporting:funder_reports": row(pk("programme"), get=OUTCOMES),
    "reporting:new_funder_report": row(pk("programme"), get=TEAM, post=TEAM),
    # The team follows the job; the funder sees only finished versions, in the list.
    "reporting:funder_report_progress": row(pk("funder_report"), get=TEAM),
    "reporting:download_funder_report_pdf": row(pk("funder_report"), get=OUTCOMES),
    "reporting:download_funder_report_xlsx": row(pk("funder_report"), get=OUTCOMES),
    # The programme team: selection
    "selection:overview": row(INTAKE, get=TEAM),
    "selection:settings": row(INTAKE, get=TEAM, post=TEAM),
    "selection:add_reviewer": row(INTAKE, get=TEAM, post=TEAM),
    "selection:assign": row(INTAKE, get=POST_ONLY, post=redirects(TEAM)),
    "selection:withdraw_reviewer": row(pk("reviewer_place"), get=TEAM, post=TEAM),
    "selection:application_reviewers": row(ref("application"), get=TEAM, post=TEAM),
    "selection:remove_assignment": row(pk("assignment"), get=POST_ONLY, post=redirects(TEAM)),
    "selection:calibration": row(INTAKE, get=TEAM),
    "selection:further_reviews": row(INTAKE, get=POST_ONLY, post=redirects(TEAM)),
    "selection:moderation": row(INTAKE, get=TEAM),
    "selection:bulk_decide": row(INTAKE, get=POST_ONLY, post=TEAM),
    "selection:decide": row(ref("application"), get=TEAM, post=TEAM),
    "selection:assessment": row(INTAKE, get=TEAM),
    "selection:add_assessment_slot": row(INTAKE, get=TEAM, post=TEAM),
    "selection:application_assessment": row(ref("application"), get=TEAM, post=TEAM),
    "selection:cohort": row(INTAKE, get=TEAM),
    "selection:stranded": row(INTAKE, get=TEAM),
    # Composition is confirmed already: the lead is told so and sent back (the check page
    # and a post from it alike).
    "selection:confirm": row(INTAKE, get=redirects(LEAD), post=redirects(LEAD)),
    "selection:publish_decisions": row(INTAKE, get=POST_ONLY, post=redirects(TEAM)),
    "selection:feedback": row(ref("declined"), get=TEAM, post=TEAM),
    # The programme team: delivery
    "delivery:delivery": row(INTAKE, get=TEAM),
    "delivery:make_cohort": row(INTAKE, get=POST_ONLY, post=redirects(TEAM)),
    "delivery:settings": row(COHORT, get=TEAM, post=TEAM),
    "delivery:timetable": row(COHORT, get=TEAM),
    # The check page; an empty post did not come from it and is sent there, publishing nothing.
    "delivery:publish": row(COHORT, get=TEAM, post=redirects(TEAM)),
    "delivery:add_session": row(COHORT, get=TEAM, post=TEAM),
    "delivery:edit_session": row(SESSION, get=TEAM, post=TEAM),
    "delivery:delete_session": row(pk("draft_session"), get=POST_ONLY, post=redirects(TEAM)),
    "delivery:add_material": row(SESSION, get=TEAM, post=TEAM),
    "delivery:remove_material": row(pk("material"), get=POST_ONLY, post=redirects(TEAM)),
    "delivery:venues": row(COHORT, get=TEAM),
    "delivery:add_venue": row(COHORT, get=TEAM, post=TEAM),
    "delivery:edit_venue": row(
        lambda x: {"pk": x.cohort.pk, "venue_pk": x.venue.pk}, get=TEAM, post=TEAM
    ),
    "delivery:availability": row(COHORT, get=TEAM, post=TEAM),
    "delivery:remove_unavailability": row(
        lambda x: {"pk": x.cohort.pk, "unavailability_pk": x.unavailability.pk},
        get=POST_ONLY,
        post=redirects(TEAM),
    ),
    "delivery:plan": row(COHORT, get=TEAM, post=TEAM),
    "delivery:accept_plan": row(COHORT, get=POST_ONLY, post=redirects(TEAM)),
    "delivery:switch_mode": row(COHORT, get=TEAM, post=TEAM),
    "delivery:team_progress": row(COHORT, get=TEAM),
    # The check page; an empty post did not come from it and is sent there, confirming nobody.
    "delivery:confirm_completion": row(COHORT, get=TEAM, post=redirects(TEAM)),
    "delivery:team_feedback": row(COHORT, get=TEAM),
    "delivery:team_session_feedback": row(SESSION, get=TEAM),
    "delivery:team_participant": row(pk("participant"), get=TEAM, post=TEAM),
    # The participant has not completed: there is no certificate to show anyone yet.
    "delivery:team_certificate": row(
        pk("participant"), get=but(TEAM, team=NOT_FOUND, lead=NOT_FOUND)
    ),
    "delivery:team_sets": row(COHORT, get=TEAM),
    "delivery:form_sets": row(COHORT, get=POST_ONLY, post=redirects(TEAM)),
    "delivery:move": row(COHORT, get=TEAM, post=TEAM),
    "delivery:set_facilitator": row(pk("set"), get=TEAM, post=TEAM),
    "delivery:set_meetings": row(pk("set"), get=TEAM),
    "delivery:plan_meeting": row(pk("set"), get=TEAM, post=TEAM),
    "delivery:edit_meeting": row(pk("meeting"), get=TEAM, post=TEAM),
    "delivery:needs": row(COHORT, get=TEAM),
    "delivery:need_sessions": row(
        lambda x: {"pk": x.cohort.pk, "capability_pk": x.capability.pk}, get=TEAM, post=TEAM
    ),
    "delivery:team_challenges": row(COHORT, get=TEAM),
    "delivery:add_challenge": row(COHORT, get=TEAM, post=TEAM),
    "delivery:team_challenge": row(CHALLENGE, get=TEAM),
    "delivery:edit_challenge": row(CHALLENGE, get=TEAM, post=TEAM),
    "delivery:form_teams": row(CHALLENGE, get=POST_ONLY, post=TEAM),
    "delivery:add_team": row(CHALLENGE, get=POST_ONLY, post=redirects(TEAM)),
    "delivery:teams_by_hand": row(CHALLENGE, get=TEAM, post=TEAM),
    # Participants: their own place, found from who they are
    "delivery:programme": row(get=PARTICIPANT),
    "delivery:session_feedback": row(SESSION, get=PARTICIPANT_OWN, post=PARTICIPANT_OWN),
    # Not completed: no certificate yet, for either participant.
    "delivery:certificate": row(
        get=but(PARTICIPANT, participant=NOT_FOUND, other_participant=NOT_FOUND)
    ),
    "delivery:my_calendar": row(get=PARTICIPANT),
    "delivery:reset_calendar": row(get=POST_ONLY, post=redirects(PARTICIPANT)),
    "delivery:feed": row(lambda x: {"token": w.PARTICIPANT_CALENDAR_TOKEN}, get=TOKEN),
    # The other participant is in no set: the page says so; they cannot post a note to no set.
    "delivery:my_set": row(
        get=PARTICIPANT,
        # A participant in no set has nothing to post a note to.
        post=but(PARTICIPANT, other_participant=NOT_FOUND),
    ),
    "delivery:self_assessment": row(get=PARTICIPANT),
    "delivery:assessment": row(
        lambda x: {"point": x.assessment_point}, get=PARTICIPANT, post=PARTICIPANT
    ),
    "delivery:add_goal": row(get=PARTICIPANT, post=PARTICIPANT),
    "delivery:edit_goal": row(pk("goal"), get=PARTICIPANT_OWN, post=PARTICIPANT_OWN),
    "delivery:challenges": row(get=PARTICIPANT),
    "delivery:challenge": row(CHALLENGE, get=PARTICIPANT_OWN, post=PARTICIPANT_OWN),
    # Facilitators
    "delivery:facilitating": row(get=FACILITATOR),
    "delivery:register": row(
        SESSION,
        get=but(TEAM, facilitator=OK, other_facilitator=NOT_FOUND),
        post=redirects(but(TEAM, facilitator=OK, other_facilitator=NOT_FOUND)),
    ),
    "delivery:facilitator_calendar": row(get=FACILITATOR),
    "delivery:reset_facilitator_calendar": row(get=POST_ONLY, post=redirects(FACILITATOR)),
    "delivery:facilitator_feed": row(lambda x: {"token": w.FACILITATOR_CALENDAR_TOKEN}, get=TOKEN),
    "delivery:facilitator_set": row(pk("set"), get=FACILITATOR_OWN, post=FACILITATOR_OWN),
    "delivery:facilitator_challenges": row(get=FACILITATOR),
    "delivery:facilitator_challenge": row(CHALLENGE, get=FACILITATOR_OWN, post=FACILITATOR_OWN),
    "delivery:challenge_feedback": row(
        pk("challenge_team"), get=FACILITATOR_OWN, post=FACILITATOR_OWN
    ),
    # Support: a person's own posts, and the team verifying them
    "support:posts": row(get=RECORDS_POSTS),
    "support:add_post": row(get=RECORDS_POSTS, post=RECORDS_POSTS),
    "support:edit_post": row(pk("appointment"), get=OWN_POST, post=OWN_POST),
    "support:end_post": row(pk("appointment"), get=OWN_POST, post=OWN_POST),
    "support:team_appointments": row(get=TEAM_ANY),
    "support:record_post_for": row(pk("programme"), get=TEAM, post=TEAM),
    "support:my_support": row(get=DIRECTOR),
    "support:team_entitlements": row(get=TEAM_ANY),
    # The world's post is not verified: the team is told support cannot open, and sent back.
    "support:open_entitlement": row(pk("appointment"), get=POST_ONLY, post=redirects(TEAM)),
    "support:verify_appointment": row(pk("appointment"), get=TEAM, post=TEAM),
    # Coaches and matching: the team's coach pool and match, the director's shortlist, the
    # coach's directors. An empty post refuses with the form's errors (or, confirming, tells
    # the team the match changed and sends them back).
    "support:coach_pool": row(get=TEAM_ANY),
    "support:add_coach": row(pk("programme"), get=TEAM, post=TEAM),
    "support:change_coach": row(pk("coach"), get=TEAM, post=TEAM),
    # A post without the check page's list does nothing and is sent to the page.
    "support:remove_coach": row(pk("coach"), get=TEAM, post=redirects(TEAM)),
    "support:declare_conflict": row(pk("coach"), get=TEAM, post=TEAM),
    "support:match": row(pk("programme"), get=TEAM),
    "support:confirm_match": row(pk("programme"), get=POST_ONLY, post=redirects(TEAM)),
    "support:shortlist": row(get=DIRECTOR, post=DIRECTOR),
    "support:ask_rematch": row(pk("relationship"), get=DIRECTOR, post=DIRECTOR),
    "support:coach_home": row(get=COACH),
    "support:decline_director": row(pk("relationship"), get=COACH, post=COACH),
    # Employers: the team or the director invites the contact of the director's support; the
    # contact answers by the signed link emailed to them (the link is the key) or signs in.
    "support:invite_employer": row(pk("entitlement"), get=INVITES_EMPLOYER, post=INVITES_EMPLOYER),
    "support:my_check_ins": row(get=kind(FORBIDDEN, employer=OK)),
    "support:employer_check_ins": row(EMPLOYER_LINK, get=TOKEN),
    "support:employer_check_in": row(
        lambda x: {"token": x.employer_token, "month": 3}, get=TOKEN, post=TOKEN
    ),
    # Makes an invitation to the employer contact role and sends the person to create an account.
    "support:employer_account": row(EMPLOYER_LINK, get=POST_ONLY, post=redirects(TOKEN)),
    "support:team_check_ins": row(get=TEAM_ANY),
    # The coaching log: private to the relationship's coach and director; the team, the
    # employer and everyone else find no such page (404), whatever role they hold.
    "support:coaching_log": row(pk("relationship"), get=COACHING_LOG),
    "support:log_session": row(pk("relationship"), get=COACHING_LOG, post=COACHING_LOG),
    # The coach has answered the world's check (their POST is sent back to the log); the
    # director's is due (an empty POST shows the form's errors).
    "support:relationship_check": row(
        pk("relationship"), get=COACHING_LOG, post=but(COACHING_LOG, coach=FOUND)
    ),
    "support:team_coaching": row(get=TEAM_ANY),
    "support:mark_check_reviewed": row(
        pk("relationship_check"), get=POST_ONLY, post=redirects(TEAM)
    ),
    # Further learning: the team's events; the new directors and alumni of the programme book.
    "support:team_learning_events": row(get=TEAM_ANY),
    "support:add_learning_event": row(pk("programme"), get=TEAM, post=TEAM),
    "support:change_learning_event": row(pk("learning_event"), get=TEAM, post=TEAM),
    # The event has not started: an empty register is refused with a message and sent back.
    "support:learning_event_bookings": row(pk("learning_event"), get=TEAM, post=redirects(TEAM)),
    "support:further_learning": row(get=BOOKS_LEARNING),
    "support:learning_event": row(pk("learning_event"), get=BOOKS_LEARNING),
    # Booking sends the person back to the event, booked or told why not.
    "support:book_learning_event": row(
        pk("learning_event"), get=POST_ONLY, post=redirects(BOOKS_LEARNING)
    ),
    "support:learning_event_file": row(pk("learning_event"), get=BOOKS_LEARNING),
    "support:cancel_learning_booking": row(
        pk("booking"), get=OWN_BOOKING, post=redirects(OWN_BOOKING)
    ),
    "support:learning_feed": row(LEARNING_FEED, get=TOKEN),
    # The network's directory and messages (issue 13): members only (the team included, 403);
    # the world's conversation is the alumnus's and the participant's alone (everyone else,
    # the team included, 404). The alumnus has the profile: their own, so writing to it sends
    # them to it, and they sent the message, so reporting it sends them back.
    # The network's home page, members' one way in (the team included: 403).
    "network:home": row(get=MEMBERS),
    "network:directory": row(get=MEMBERS),
    # An empty profile is a profile: saving it opts in.
    "network:own_profile": row(get=MEMBERS, post=redirects(MEMBERS)),
    # Only the alumnus has a profile to remove; the others are sent back to their profile page.
    "network:remove_profile": row(get=but(redirects(MEMBERS), alumnus=OK), post=redirects(MEMBERS)),
    "network:profile": row(pk("profile"), get=MEMBERS),
    "network:write_to": row(
        pk("profile"), get=but(MEMBERS, alumnus=FOUND), post=but(MEMBERS, alumnus=FOUND)
    ),
    "network:conversations": row(get=MEMBERS),
    "network:conversation": row(pk("conversation"), get=CONVERSATION, post=CONVERSATION),
    "network:block": row(pk("conversation"), get=POST_ONLY, post=redirects(CONVERSATION)),
    "network:unblock": row(pk("conversation"), get=POST_ONLY, post=redirects(CONVERSATION)),
    "network:report_message": row(
        pk("message"),
        get=but(CONVERSATION, alumnus=FOUND),
        post=but(CONVERSATION, alumnus=FOUND),
    ),
    # The network: peer support and opportunities (issue 13, items 3 and 5)
    "network:ask_peer": row(get=NETWORK_MEMBER, post=NETWORK_MEMBER),
    "network:my_questions": row(get=NETWORK_MEMBER),
    "network:questions_for_me": row(get=NETWORK_MEMBER),
    "network:question": row(pk("question"), get=IN_QUESTION),
    "network:answer_question": row(pk("question"), get=POST_ONLY, post=ANSWERS_QUESTION),
    "network:share_answer": row(pk("answer"), get=POST_ONLY, post=SHARES_ANSWER),
    "network:opportunities": row(get=NETWORK_MEMBER),
    "network:opportunity": row(pk("opportunity"), get=READS_OPPORTUNITY),
    "network:opportunity_alerts": row(get=NETWORK_MEMBER, post=redirects(NETWORK_MEMBER)),
    "network:remove_opportunity_alert": row(pk("opportunity_alert"), get=POST_ONLY, post=OWN_ALERT),
    "network:posted_opportunities": row(get=POSTS_OPPORTUNITIES),
    "network:post_opportunity": row(get=POSTS_OPPORTUNITIES, post=POSTS_OPPORTUNITIES),
    "network:change_opportunity": row(
        pk("opportunity"), get=POSTS_OPPORTUNITIES, post=POSTS_OPPORTUNITIES
    ),
    "network:withdraw_opportunity": row(
        pk("opportunity"), get=POSTS_OPPORTUNITIES, post=redirects(POSTS_OPPORTUNITIES)
    ),
    # Buddy pairing: the team of the director's programme pairs them (the world's director has
    # a buddy offered already: told so and sent back); the director answers their offer.
    "network:team_buddies": row(get=TEAM_ANY),
    "network:offer_buddy": row(pk("entitlement"), get=POST_ONLY, post=redirects(TEAM)),
    "network:choose_buddy": row(pk("entitlement"), get=TEAM, post=TEAM),
    "network:my_buddy": row(get=DIRECTOR),
    "network:answer_buddy": row(pk("buddy_pair"), get=POST_ONLY, post=DIRECTOR),
    "network:my_buddies": row(get=kind(FORBIDDEN, alumnus=OK)),
    # The network's library. Searching, browsing and collections: anyone, each seeing what
    # they may. A network resource: its members and the team (signed out: sign in first);
    # a cohort's: that cohort's people and the team; no one else learns it exists.
    "network:library": row(get=PUBLIC),
    "network:resource": row(pk("cohort_resource"), get=COHORT_RESOURCE),
    "network:open_resource": row(pk("resource"), get=POST_ONLY, post=redirects(NETWORK_RESOURCE)),
    "network:collections": row(get=PUBLIC),
    "network:collection": row(pk("collection"), get=PUBLIC),
    "network:suggest_resource": row(get=NETWORK_MEMBERS, post=NETWORK_MEMBERS),
    # The team looks after the library of the whole network, whichever programme they are in.
    "network:library_suggestions": row(get=TEAM_ANY),
    "network:review_suggestion": row(pk("suggestion"), get=TEAM_ANY, post=TEAM_ANY),
    "network:add_resource": row(get=TEAM_ANY, post=TEAM_ANY),
    "network:edit_resource": row(pk("resource"), get=TEAM_ANY, post=TEAM_ANY),
    # An empty form: told to choose a collection, and sent back to the resource.
    "network:add_to_collection": row(pk("resource"), get=POST_ONLY, post=redirects(TEAM_ANY)),
    "network:add_collection": row(get=TEAM_ANY, post=TEAM_ANY),
    "network:remove_from_collection": row(
        pk("collection_item"), get=POST_ONLY, post=redirects(TEAM_ANY)
    ),
    # The team moves a resource up or down its collection (an empty POST moves nothing).
    "network:move_in_collection": row(
        pk("collection_item"), get=POST_ONLY, post=redirects(TEAM_ANY)
    ),
    # Files and calendars of the cohort's sessions
    "delivery:session_file": row(SESSION, get=COHORT_FILE),
    "delivery:material_file": row(pk("material"), get=COHORT_FILE),
    "delivery:submission_file": row(pk("submission"), get=COHORT_FILE),
    # The team's read-only admin (upon/admin_site.py): the site's pages and one model's (the
    # rest of the admin namespace is left out on purpose, see urlconf.py). It lists every
    # programme's records, so only someone on the team of every programme gets in: no one in
    # this world of two programmes (tests/team_admin/ has the team of the only programme).
    # Signed out, the service's sign-in page.
    "admin:index": row(get=ADMIN_REFUSED),
    "admin:login": row(get=ADMIN_REFUSED, post=ADMIN_REFUSED),
    "admin:logout": row(get=ADMIN_REFUSED, post=ADMIN_REFUSED),
    # The service's own password pages.
    "admin:password_change": row(get=ADMIN_REFUSED),
    "admin:password_change_done": row(get=ADMIN_REFUSED),
    "admin:app_list": row(lambda x: {"app_label": "recruitment"}, get=ADMIN_REFUSED),
    "admin:recruitment_application_changelist": row(get=ADMIN_REFUSED),
    "admin:recruitment_application_history": row(ADMIN_RECORD, get=ADMIN_REFUSED),
    # Read only besides: no one adds, changes or deletes through the admin.
    "admin:recruitment_application_change": row(
        ADMIN_RECORD, get=ADMIN_REFUSED, post=ADMIN_REFUSED
    ),
    # Groups (issue 13, item 4). The world cohort's group is its people's only; the team of
    # any programme reads every group, to moderate it. The London group is any member's to
    # read and join; its post is the alumnus's (who may not report their own).
    "network:groups": row(get=GROUPS),
    "network:group": row(pk("cohort_group"), get=COHORT_GROUP),
    "network:join_group": row(pk("region_group"), get=POST_ONLY, post=redirects(MEMBERS)),
    "network:leave_group": row(pk("region_group"), get=POST_ONLY, post=redirects(MEMBERS)),
    "network:group_notifications": row(pk("cohort_group"), get=IN_COHORT, post=IN_COHORT),
    "network:start_thread": row(pk("cohort_group"), get=IN_COHORT, post=IN_COHORT),
    "network:thread": row(pk("cohort_thread"), get=COHORT_GROUP),
    "network:reply_to_thread": row(pk("cohort_thread"), get=POST_ONLY, post=IN_COHORT),
    "network:report_post": row(
        pk("region_post"), get=but(MEMBERS, alumnus=FORBIDDEN), post=but(MEMBERS, alumnus=FORBIDDEN)
    ),
    "network:hide_post": row(pk("cohort_post"), get=TEAM_ANY, post=TEAM_ANY),
    "network:unhide_post": row(pk("cohort_post"), get=POST_ONLY, post=redirects(TEAM_ANY)),
    "network:team_reports": row(get=TEAM_ANY),
    "network:resolve_report": row(pk("post_report"), get=POST_ONLY, post=redirects(TEAM_ANY)),
    # The national register (issue 14): national, so the team and lead of any programme keep it.
    "workforce:authorities": row(get=TEAM_ANY),
    "workforce:authority": row(pk("register_authority"), get=TEAM_ANY),
    "workforce:add_tenure": row(pk("register_authority"), get=TEAM_ANY, post=TEAM_ANY),
    "workforce:tenure": row(pk("register_tenure"), get=TEAM_ANY),
    "workforce:change_tenure": row(pk("register_tenure"), get=TEAM_ANY, post=TEAM_ANY),
    "workforce:end_tenure": row(pk("register_tenure"), get=TEAM_ANY, post=TEAM_ANY),
    # The director's Upon account is the world programme's new director: only that programme's
    # team and lead may change the link; another programme's team reads it and is refused.
    "workforce:link_account": row(
        pk("register_linked_tenure"),
        get=but(TEAM_ANY, other_team=FORBIDDEN),
        post=but(TEAM_ANY, other_team=FORBIDDEN),
    ),
    "workforce:unlink_account": row(
        pk("register_linked_tenure"),
        get=POST_ONLY,
        post=redirects(but(TEAM_ANY, other_team=FORBIDDEN)),
    ),
    "workforce:upload": row(get=TEAM_ANY, post=TEAM_ANY),
    # An upload is its uploader's (the world team's): another team member finds none. Its empty
    # POST imports nothing (the file has the wrong columns) and shows why.
    "workforce:check_import": row(
        pk("register_import"),
        get=but(TEAM_ANY, other_team=NOT_FOUND, lead=NOT_FOUND),
        post=but(TEAM_ANY, other_team=NOT_FOUND, lead=NOT_FOUND),
    ),
    "workforce:template_csv": row(get=TEAM_ANY),
    "workforce:template_xlsx": row(get=TEAM_ANY),
    "workforce:export_csv": row(get=TEAM_ANY),
    "workforce:export_xlsx": row(get=TEAM_ANY),
    # The register's analytics: aggregates only, so the funder reads them too.
    "workforce:analytics": row(get=OUTCOME_READERS),
    "workforce:analytics_years": row(get=OUTCOME_READERS),
    "workforce:analytics_years_csv": row(get=OUTCOME_READERS),
    "workforce:analytics_tenure": row(get=OUTCOME_READERS),
    "workforce:analytics_survival": row(get=OUTCOME_READERS),
    "workforce:analytics_survival_csv": row(get=OUTCOME_READERS),
    # The partner API's tokens: the programme's lead only (its team 403, another programme's
    # team 404). The index lists the programmes a person leads: any other role 403.
    "partners:index": row(get=kind(FORBIDDEN, lead=OK)),
    "partners:partners": row(pk("programme"), get=LEAD),
    "partners:add_partner": row(pk("programme"), get=LEAD, post=LEAD),
    "partners:issue_token": row(pk("partner"), get=LEAD, post=LEAD),
    "partners:token": row(pk("api_token"), get=LEAD),
    "partners:revoke_token": row(pk("api_token"), get=LEAD, post=redirects(LEAD)),
    "partners:openapi-json": row(get=PUBLIC),
    "partners:api-root": row(get=API_NOT_FOUND),
    "partners:api_not_found": row(lambda x: {"rest": "nothing"}, get=API_NOT_FOUND),
    "partners:api_register_years": row(get=BEARER_TOKEN),
    "partners:api_register_tenure": row(get=BEARER_TOKEN),
    "partners:api_programme_funnel": row(get=BEARER_TOKEN),
    "partners:api_programme_grant": row(get=BEARER_TOKEN),
    "partners:api_programme_reports": row(get=BEARER_TOKEN),
    "admin:recruitment_application_add": row(get=ADMIN_REFUSED, post=ADMIN_REFUSED),
    "admin:recruitment_application_delete": row(
        ADMIN_RECORD, get=ADMIN_REFUSED, post=ADMIN_REFUSED
    ),
}

# Routed only when DEBUG is on, so not in the URLconf the matrix walks: the development outbox
# (upon/service/outbox.py). tests/service/test_outbox.py loads the URLconf with DEBUG on, checks
# these are then the only names without a row in MATRIX, and every identity against them.
OUTBOX_FILE = "20260101-090000-1.log"
DEBUG_ONLY = {
    "service:outbox": row(get=SIGNED_IN),
    "service:outbox_message": row(lambda x: {"file": OUTBOX_FILE, "number": 1}, get=SIGNED_IN),
}

# Roles that sign in to "Coming soon" today: no page of theirs is in the URLconf yet.
ROLES_WITHOUT_PAGES: set[str] = set()
# The identities that hold each role with pages.
ROLE_IDENTITIES = {
    "participant": ("participant", "other_participant"),
    "reviewer": ("reviewer", "other_reviewer"),
    "facilitator": ("facilitator", "other_facilitator"),
    "programme_team": ("team", "other_team"),
    "programme_lead": ("lead",),
    "alumnus": ("alumnus",),
    "new_director": ("director",),
    "coach": ("coach",),
    "employer_contact": ("employer",),
    "funder": ("funder",),
}
