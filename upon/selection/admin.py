"""Admin registrations (the team's read-only admin, upon/admin_site.py)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from upon.selection.models import (
    AssessmentBooking,
    AssessmentScore,
    AssessmentSlot,
    AuditEvent,
    CapabilityScore,
    Conflict,
    Decision,
    Offer,
    Review,
    ReviewAssignment,
    Reviewer,
    SelectionSettings,
    WaitlistEntry,
)

APPLICATION_SEARCH = ["application__reference", "application__full_name"]


@admin.register(SelectionSettings)
class SelectionSettingsAdmin(SimpleHistoryAdmin):
    list_display = ["intake", "places", "reviews_per_application", "composition_confirmed_at"]
    list_filter = ["intake__programme", "one_per_region"]
    search_fields = ["intake__name"]
    list_select_related = ["intake"]


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ["full_name", "email", "intake", "capacity", "region", "withdrawn_at"]
    list_filter = ["intake", "region"]
    search_fields = ["full_name", "email", "expertise"]
    list_select_related = ["intake"]
    raw_id_fields = ["user"]


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["reviewer", "application", "kind", "recorded_at"]
    list_filter = ["kind", "reviewer__intake"]
    search_fields = ["reviewer__full_name", *APPLICATION_SEARCH, "detail"]
    list_select_related = ["reviewer", "application"]
    raw_id_fields = ["reviewer", "application"]


@admin.register(ReviewAssignment)
class ReviewAssignmentAdmin(admin.ModelAdmin):
    list_display = ["application", "reviewer", "source", "assigned_at", "removed_at"]
    list_filter = ["source", "reviewer__intake"]
    search_fields = ["reviewer__full_name", *APPLICATION_SEARCH]
    list_select_related = ["reviewer", "application"]
    raw_id_fields = ["reviewer", "application"]


class CapabilityScoreInline(admin.TabularInline):
    model = CapabilityScore
    extra = 0


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["assignment", "recommendation", "confidence", "overall", "submitted_at"]
    list_filter = ["recommendation", "confidence", "assignment__reviewer__intake"]
    search_fields = [
        "assignment__reviewer__full_name",
        "assignment__application__reference",
    ]
    list_select_related = ["assignment__reviewer", "assignment__application"]
    raw_id_fields = ["assignment"]
    inlines = [CapabilityScoreInline]


@admin.register(CapabilityScore)
class CapabilityScoreAdmin(SimpleHistoryAdmin):
    list_display = ["review", "capability", "score"]
    list_filter = ["score", "capability__intake"]
    search_fields = ["review__assignment__application__reference", "capability__name"]
    list_select_related = ["review__assignment__application", "capability"]
    raw_id_fields = ["review"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["application", "outcome", "decided_by", "decided_at", "published_at"]
    list_filter = ["outcome", "application__intake"]
    search_fields = APPLICATION_SEARCH
    list_select_related = ["application", "decided_by"]
    raw_id_fields = ["application", "decided_by"]


@admin.register(Offer)
class OfferAdmin(SimpleHistoryAdmin):
    list_display = ["application", "status", "sent_at", "accept_by", "from_waitlist"]
    list_filter = ["status", "from_waitlist", "application__intake"]
    search_fields = APPLICATION_SEARCH
    list_select_related = ["application"]
    raw_id_fields = ["application"]


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = ["application", "intake", "position", "offered_at"]
    list_filter = ["intake"]
    search_fields = APPLICATION_SEARCH
    list_select_related = ["application", "intake"]
    raw_id_fields = ["application"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "intake", "application", "actor"]
    list_filter = ["action", "intake"]
    search_fields = ["action", "reason", *APPLICATION_SEARCH, "actor__email"]
    list_select_related = ["intake", "application", "actor"]
    raw_id_fields = ["application", "actor"]


@admin.register(AssessmentSlot)
class AssessmentSlotAdmin(admin.ModelAdmin):
    list_display = ["intake", "kind", "starts_at", "ends_at", "location", "places"]
    list_filter = ["kind", "intake"]
    search_fields = ["location"]
    list_select_related = ["intake"]


@admin.register(AssessmentBooking)
class AssessmentBookingAdmin(admin.ModelAdmin):
    list_display = ["application", "slot", "booked_by", "booked_at"]
    list_filter = ["slot__kind", "slot__intake"]
    search_fields = APPLICATION_SEARCH
    list_select_related = ["application", "slot", "booked_by"]
    raw_id_fields = ["application", "booked_by"]


@admin.register(AssessmentScore)
class AssessmentScoreAdmin(admin.ModelAdmin):
    list_display = ["application", "assessor", "score", "recorded_at"]
    list_filter = ["score", "application__intake"]
    search_fields = [*APPLICATION_SEARCH, "assessor__email"]
    list_select_related = ["application", "assessor"]
    raw_id_fields = ["application", "assessor"]
