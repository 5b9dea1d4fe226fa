"""Where a person's data lives: every relation to the user, and onward from the rows that are
theirs, declared once (issue 15, item 4). The subject access export and erasure both walk this.

A relation is one of:

- `SUBJECT`: the row is the person's, or about them (their application, their place on a
  cohort, a message they sent). Exported in full, with its history; on erasure its personal
  fields are blanked (`anonymise`) and its history purged; the row stays, so every count in the
  funnel and the reports stays the same.
- `PART`: the row belongs to one of the person's rows (a statement of their application, a
  session of their coaching). Treated as the row it belongs to.
- `ACTOR`: the person did something to someone else's row (granted a role, marked attendance,
  decided). Exported as a reference (what, which, when it was done is on the row), not the row,
  which is someone else's; kept on erasure: it then points at the erased account.
- `SHARED`: the row is about the person and another (a conversation, a coaching relationship
  seen from the coach's side). Exported in full, kept on erasure (the other person's record),
  and the walk goes no further from it.
- `EXCLUDED`: not about the person; the reason says why.

`tests/privacy/test_registry.py` walks the app registry: every relation from a model to the user,
and every relation into a `SUBJECT` or `PART` model, must be declared here, so a new model is
not missed.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models

SUBJECT, PART, ACTOR, SHARED, EXCLUDED = "subject", "part", "actor", "shared", "excluded"


@dataclass(frozen=True)
class Link:
    kind: str
    reason: str = ""
    # On erasure, delete these rows rather than blank them (nothing counts them).
    delete: bool = False


subject = Link(SUBJECT)
part = Link(PART)
actor = Link(ACTOR)
deleted = Link(SUBJECT, delete=True)


def shared(reason: str) -> Link:
    return Link(SHARED, reason)


def excluded(reason: str) -> Link:
    return Link(EXCLUDED, reason)


# Text and JSON fields that are categories the reports count by, not anything about one person;
# kept when their row is anonymised (fields with choices are always kept).
KEEP = {
    "recruitment.Application": {"region"},
    "support.CoachingSession": {"themes"},
    "network.BuddyPair": {"reasons"},
}

# Secrets that are the person's but must never leave the service, not even to them in a subject
# access export: the key their authenticator app shares, their unused recovery codes, the hash of
# an email confirmation. Their rows are exported without these fields (and deleted on erasure).
NOT_EXPORTED = {
    "otp_totp.TOTPDevice": {"key"},
    "otp_static.StaticToken": {"token"},
    "accounts.EmailConfirmation": {"token_hash"},
}

COACHING_NOTES = (
    "the coach's side of a relationship: the sessions' notes are the director's (DESIGN.md: "
    "private to the coach and the director) and go in the director's export, not the coach's"
)

LINKS: dict[str, Link] = {
    # accounts
    "accounts.RoleAssignment.user": subject,
    "accounts.RoleAssignment.granted_by": actor,
    "accounts.Invitation.invited_by": actor,
    "accounts.Invitation.accepted_by": subject,
    "accounts.EmailConfirmation.user": deleted,
    # The second factor: the person's authenticator app and recovery codes go on erasure; a
    # lead's reset of them is the person's record (and the lead's act).
    "accounts.SecondFactorReset.user": subject,
    "accounts.SecondFactorReset.reset_by": actor,
    "otp_totp.TOTPDevice.user": deleted,
    "otp_static.StaticDevice.user": deleted,
    "otp_static.StaticToken.device": part,
    "admin.LogEntry.user": actor,
    # programmes
    "programmes.Intake.changed_by": actor,
    # recruitment: the application and everything in it
    "recruitment.Application.applicant": subject,
    "recruitment.CareerEntry.application": part,
    "recruitment.CapabilityStatement.application": part,
    "recruitment.Endorsement.application": part,
    "reporting.MonitoringResponse.application": part,
    # selection
    "selection.SelectionSettings.changed_by": actor,
    "selection.Reviewer.user": subject,
    "selection.Conflict.reviewer": part,
    "selection.Conflict.application": part,
    "selection.ReviewAssignment.reviewer": part,
    "selection.ReviewAssignment.application": part,
    "selection.Review.assignment": part,
    "selection.CapabilityScore.review": part,
    "selection.Decision.application": part,
    "selection.Decision.decided_by": actor,
    "selection.Offer.application": part,
    "selection.WaitlistEntry.application": part,
    "selection.AuditEvent.application": part,
    "selection.AuditEvent.actor": actor,
    "selection.AssessmentBooking.application": part,
    "selection.AssessmentBooking.booked_by": actor,
    "selection.AssessmentScore.application": part,
    "selection.AssessmentScore.assessor": actor,
    # delivery
    "delivery.Cohort.changed_by": actor,
    "delivery.Participant.user": subject,
    "delivery.Participant.application": part,
    "delivery.Participant.status_changed_by": actor,
    "delivery.Attendance.participant": part,
    "delivery.Attendance.marked_by": actor,
    "delivery.SelfAssessment.participant": part,
    "delivery.DevelopmentGoal.participant": part,
    "delivery.SessionFeedback.participant": part,
    "delivery.SelfRating.assessment": part,
    "delivery.ChallengeTeam.members": shared("a team of several participants: their work"),
    "delivery.ChallengeTeam.feedback_by": actor,
    "delivery.ChallengeSubmission.submitted_by": subject,
    "delivery.FacilitatorCalendar.user": deleted,
    "delivery.Venue.changed_by": actor,
    "delivery.Unavailability.facilitator": subject,
    "delivery.Session.changed_by": actor,
    "delivery.Session.facilitators": shared("a session of the cohort, run by them"),
    "delivery.SessionMaterial.file": excluded("the cohort's material, not any one person's"),
    "delivery.ActionLearningSet.changed_by": actor,
    "delivery.ActionLearningSet.facilitator": shared("a set of the cohort, run by them"),
    "delivery.SetNote.author": subject,
    "delivery.Challenge.changed_by": actor,
    # support
    "support.Appointment.person": subject,
    "support.Appointment.changed_by": actor,
    "support.Appointment.recorded_by": actor,
    "support.Appointment.verified_by": actor,
    "support.Entitlement.appointment": part,
    "support.Entitlement.person": subject,
    "support.Entitlement.changed_by": actor,
    "support.Entitlement.opened_by_team": actor,
    "support.Ranking.entitlement": part,
    "support.Ranking.coach": shared("the team's ranking of coaches for a director"),
    "support.CoachingRelationship.entitlement": part,
    "support.CoachingRelationship.director": subject,
    "support.CoachingRelationship.coach": shared(COACHING_NOTES),
    "support.CoachingRelationship.confirmed_by": actor,
    "support.CoachingSession.relationship": part,
    "support.CoachingSession.recorded_by": actor,
    "support.RelationshipCheck.relationship": part,
    "support.RelationshipCheck.respondent": subject,
    "support.EmployerPartnership.entitlement": part,
    "support.EmployerPartnership.invited_by": actor,
    "support.EmployerCheckIn.partnership": part,
    "support.EmployerCheckIn.completed_by": actor,
    "support.EndingNotice.entitlement": part,
    "support.Coach.user": subject,
    "support.DeclaredConflict.coach": part,
    "support.DeclaredConflict.director": subject,
    "support.DeclaredConflict.declared_by": actor,
    "support.LearningEvent.created_by": actor,
    "support.Booking.person": subject,
    # network
    "network.Profile.user": subject,
    "network.Block.blocker": subject,
    "network.Block.blocked": subject,
    "network.Conversation.first": shared("a conversation between two members"),
    "network.Conversation.second": shared("a conversation between two members"),
    "network.Conversation.started_by": actor,
    "network.Message.sender": subject,
    "network.Question.asker": subject,
    "network.QuestionNotice.question": part,
    "network.QuestionNotice.member": deleted,
    "network.Answer.question": shared("another member's answer to their question"),
    "network.Answer.author": subject,
    "network.BuddyPair.new_director": subject,
    "network.BuddyPair.buddy": subject,
    "network.BuddyPair.chosen_by_team": actor,
    "network.Membership.member": subject,
    "network.Thread.author": subject,
    "network.Post.thread": shared("another member's post in a thread they started"),
    "network.Post.author": subject,
    "network.Post.hidden_by": actor,
    "network.Report.post": part,
    "network.Report.message": part,
    "network.Report.reporter": subject,
    "network.Report.resolved_by": actor,
    "network.DigestSent.member": deleted,
    "network.Opportunity.posted_by": actor,
    "network.OpportunityAlert.member": subject,
    "network.OpportunityNotice.member": deleted,
    "network.Resource.suggested_by": actor,
    "network.Resource.published_by": actor,
    "network.Resource.file": excluded("the library's resource, published for everyone"),
    "network.Collection.created_by": actor,
    # workforce
    "workforce.Director.user": subject,
    "workforce.Tenure.director": part,
    "workforce.Tenure.changed_by": actor,
    "workforce.RegisterImport.uploaded_by": actor,
    # reporting
    "reporting.BudgetLine.changed_by": actor,
    "reporting.Spend.recorded_by": actor,
    "reporting.FunderReport.created_by": actor,
    "reporting.EqualityRead.read_by": actor,
    # privacy
    "privacy.PersonalDataRequest.person": excluded(
        "the log of what was done with their data: it names only the account's number, and an "
        "erasure must be provable after it"
    ),
    "privacy.PersonalDataRequest.done_by": actor,
    # partners
    "partners.PartnerOrganisation.added_by": actor,
    "partners.ApiToken.issued_by": actor,
    "partners.ApiToken.revoked_by": actor,
}


def user_model():
    return apps.get_model(settings.AUTH_USER_MODEL)


def key(field) -> str:
    return f"{field.model._meta.label}.{field.name}"


def is_history(model) -> bool:
    return hasattr(model, "instance_type") or model.__name__.startswith("Historical")


def relations_into(target) -> list:
    """Every concrete relation (foreign key, one-to-one, many-to-many) from a model that is not
    a history table into `target`."""
    return [
        field
        for model in apps.get_models()
        if not is_history(model)
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete and field.related_model is target
    ]


def file_fields() -> list:
    return [
        field
        for model in apps.get_models()
        if not is_history(model)
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def held_models() -> set:
    """The models whose rows can be the person's (SUBJECT or PART), found from the user."""
    found, todo = set(), [user_model()]
    while todo:
        target = todo.pop()
        for field in relations_into(target):
            link = LINKS.get(key(field))
            if link and link.kind in (SUBJECT, PART) and field.model not in found:
                found.add(field.model)
                todo.append(field.model)
    return found


def undeclared() -> list[str]:
    """Relations to the user or onward from the person's rows, and file fields, not declared."""
    targets = [user_model(), *held_models()]
    keys = {key(field) for target in targets for field in relations_into(target)}
    keys |= {key(field) for field in file_fields() if field.model in held_models()}
    keys |= {key(field) for field in file_fields() if field.model not in held_models()}
    return sorted(k for k in keys if k not in LINKS and k not in _FILES_ON_HELD_ROWS)


# File fields on rows that are the person's: exported as files and deleted on erasure.
_FILES_ON_HELD_ROWS = {"delivery.ChallengeSubmission.file"}


def stale() -> list[str]:
    """Declared relations that no longer exist."""
    existing = set()
    for model in apps.get_models():
        existing |= {f"{model._meta.label}.{f.name}" for f in model._meta.get_fields()}
    return sorted(k for k in LINKS if k not in existing)
