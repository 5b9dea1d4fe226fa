"""Admin registrations (the team's read-only admin, upon/admin_site.py)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from upon.accounts.models import (
    EmailConfirmation,
    Invitation,
    RoleAssignment,
    SecondFactorReset,
    User,
)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    raw_id_fields = ["programme", "intake", "granted_by"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "email_confirmed_at", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["date_joined", "last_login"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        ("Status", {"fields": ["is_active", "email_confirmed_at", "date_joined", "last_login"]}),
        ("Permissions", {"fields": ["is_staff", "is_superuser", "groups", "user_permissions"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "programme", "intake", "granted_at"]
    list_filter = ["role", "programme"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user", "programme", "intake"]
    raw_id_fields = ["user", "programme", "intake", "granted_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "programme", "intake", "created_at", "accepted_at"]
    list_filter = ["role", "programme"]
    search_fields = ["email"]
    list_select_related = ["programme", "intake"]
    # The hash is useless to a person and must never be edited into a working link.
    exclude = ["token_hash"]
    readonly_fields = ["invited_by", "created_at", "accepted_at", "accepted_by"]


@admin.register(EmailConfirmation)
class EmailConfirmationAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "expires_at", "used_at"]
    list_filter = ["created_at", "used_at"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
    exclude = ["token_hash"]
    readonly_fields = ["user", "created_at", "expires_at", "used_at"]


@admin.register(SecondFactorReset)
class SecondFactorResetAdmin(admin.ModelAdmin):
    """The audit of the lead's resets (their devices, with their secrets, are not in here)."""

    list_display = ["user", "reset_by", "programme", "reset_at"]
    list_filter = ["programme", "reset_at"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user", "reset_by", "programme"]
