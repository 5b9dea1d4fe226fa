"""Admin registrations (the team's read-only admin, upon/admin_site.py)."""

from django.contrib import admin

from upon.programmes.models import Intake, Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["name", "slug"]


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "opens_at", "closes_at", "capacity", "reference_prefix"]
    list_filter = ["programme", "opens_at"]
    search_fields = ["name", "slug", "reference_prefix"]
    list_select_related = ["programme"]
