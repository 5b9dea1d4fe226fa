"""Admin registrations (the team's read-only admin, upon/admin_site.py).

Not registered, because the team does not read them by name in the service: action learning
sets' notes (private to the set), session feedback (the team sees it without names),
participants' self-assessments and development goals (the team sees the cohort's needs in
aggregate), and facilitators' calendar links (secrets). Uploaded files are served only through
the service's own pages, which check who is asking, so the admin shows their names only.
"""

from django.contrib import admin

from upon.delivery.models import (
    ActionLearningSet,
    Attendance,
    Challenge,
    ChallengeSubmission,
    ChallengeTeam,
    Cohort,
    Participant,
    Session,
    SessionMaterial,
    Unavailability,
    Venue,
)


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "intake", "starts_on", "ends_on", "taught_days_required"]
    list_filter = ["intake__programme", "starts_on"]
    search_fields = ["name", "intake__name"]
    list_select_related = ["intake"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["user", "cohort", "status", "action_learning_set", "certificate_issued_at"]
    list_filter = ["status", "cohort"]
    search_fields = ["user__full_name", "user__email", "application__reference"]
    list_select_related = ["user", "cohort", "action_learning_set"]
    raw_id_fields = ["user", "application"]
    # The secret in the participant's calendar address.
    exclude = ["calendar_token"]


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "capacity"]
    list_filter = ["programme"]
    search_fields = ["name", "address"]
    list_select_related = ["programme"]


@admin.register(Unavailability)
class UnavailabilityAdmin(admin.ModelAdmin):
    list_display = ["facilitator", "venue", "starts_at", "ends_at", "note"]
    list_filter = ["venue", "starts_at"]
    search_fields = ["facilitator__full_name", "facilitator__email", "venue__name", "note"]
    list_select_related = ["facilitator", "venue"]
    raw_id_fields = ["facilitator"]


class SessionMaterialInline(admin.TabularInline):
    model = SessionMaterial
    extra = 0
    exclude = ["file"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "cohort", "kind", "mode", "starts_at", "venue", "published"]
    list_filter = ["kind", "mode", "published", "cohort"]
    search_fields = ["title", "description", "contributors"]
    list_select_related = ["cohort", "venue"]
    inlines = [SessionMaterialInline]


@admin.register(SessionMaterial)
class SessionMaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "url", "added_at"]
    list_filter = ["session__cohort"]
    search_fields = ["title", "session__title"]
    list_select_related = ["session"]
    exclude = ["file"]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["participant", "session", "status", "marked_by", "marked_at"]
    list_filter = ["status", "session__cohort"]
    search_fields = ["participant__user__full_name", "session__title"]
    list_select_related = ["participant__user", "session", "marked_by"]
    raw_id_fields = ["participant", "marked_by"]


@admin.register(ActionLearningSet)
class ActionLearningSetAdmin(admin.ModelAdmin):
    list_display = ["name", "cohort", "facilitator"]
    list_filter = ["cohort"]
    search_fields = ["name", "facilitator__full_name"]
    list_select_related = ["cohort", "facilitator"]
    raw_id_fields = ["facilitator"]


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["title", "cohort", "deadline"]
    list_filter = ["cohort"]
    search_fields = ["title", "brief"]
    list_select_related = ["cohort"]


@admin.register(ChallengeTeam)
class ChallengeTeamAdmin(admin.ModelAdmin):
    list_display = ["name", "challenge", "feedback_by", "feedback_at"]
    list_filter = ["challenge__cohort"]
    search_fields = ["name", "challenge__title"]
    list_select_related = ["challenge", "feedback_by"]
    raw_id_fields = ["feedback_by"]


@admin.register(ChallengeSubmission)
class ChallengeSubmissionAdmin(admin.ModelAdmin):
    list_display = ["original_name", "team", "submitted_by", "submitted_at"]
    list_filter = ["team__challenge__cohort"]
    search_fields = ["original_name", "team__name"]
    list_select_related = ["team", "submitted_by"]
    raw_id_fields = ["submitted_by"]
    exclude = ["file"]
