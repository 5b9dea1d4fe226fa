"""Admin registrations (the team's read-only admin, upon/admin_site.py)."""

from django.contrib import admin

from upon.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "la_type", "gss_code"]
    list_filter = ["kind", "region", "la_type"]
    search_fields = ["name", "gss_code", "dfe_la_code"]
