import pytest

from upon.accounts.models import EmailConfirmation, Invitation, RoleAssignment, User


@pytest.fixture
def admin_site():
    from django.contrib import admin

    return admin.site


def test_people_roles_and_invitations_are_registered_and_pass_checks(admin_site):
    for model in (User, RoleAssignment, Invitation, EmailConfirmation):
        assert admin_site.is_registered(model)
        assert admin_site.get_model_admin(model).check() == []


def test_token_hashes_are_never_editable(admin_site):
    for model in (Invitation, EmailConfirmation):
        assert admin_site.get_model_admin(model).exclude == ["token_hash"]
