"""Admin registrations (the team's read-only admin, upon/admin_site.py). Equality monitoring
answers are not here, nor anywhere in the admin (reporting keeps them apart)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from upon.recruitment.models import (
    Application,
    Capability,
    CapabilityStatement,
    CareerEntry,
    Endorsement,
)


@admin.register(Capability)
class CapabilityAdmin(admin.ModelAdmin):
    list_display = ["name", "intake", "position", "word_limit"]
    list_filter = ["intake"]
    search_fields = ["name", "description"]
    list_select_related = ["intake"]


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "full_name", "intake", "status", "employer", "submitted_at"]
    list_filter = ["status", "intake", "sector", "role_level"]
    search_fields = ["reference", "full_name", "applicant__email", "job_title", "employer__name"]
    list_select_related = ["intake", "employer"]
    raw_id_fields = ["applicant", "employer"]


@admin.register(CareerEntry)
class CareerEntryAdmin(admin.ModelAdmin):
    list_display = ["application", "job_title", "employer_name", "started", "ended"]
    list_filter = ["senior_leadership"]
    search_fields = ["application__reference", "job_title", "employer_name"]
    list_select_related = ["application"]
    raw_id_fields = ["application"]


@admin.register(CapabilityStatement)
class CapabilityStatementAdmin(admin.ModelAdmin):
    list_display = ["application", "capability"]
    list_filter = ["capability__intake"]
    search_fields = ["application__reference", "capability__name"]
    list_select_related = ["application", "capability"]
    raw_id_fields = ["application"]


@admin.register(Endorsement)
class EndorsementAdmin(SimpleHistoryAdmin):
    list_display = ["application", "sponsor_name", "sponsor_email", "status", "requested_at"]
    list_filter = ["status", "sponsor_role"]
    search_fields = ["application__reference", "sponsor_name", "sponsor_email"]
    list_select_related = ["application"]
    raw_id_fields = ["application"]
    # The hash is useless to a person and must never be edited into a working link.
    exclude = ["token_hash"]
