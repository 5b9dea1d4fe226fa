import os

import pytest
from django.test import override_settings
from hypothesis import settings as hypothesis_settings

from tests.factories import RoleAssignmentFactory, UserFactory
from tests.helpers import pass_second_factor
from upon.accounts.models import Role
from upon.organisations.models import Organisation
from upon.organisations.services import load_local_authorities

# A programme's lead, team and funder and another programme's: tests/programme_people.py.
pytest_plugins = ["tests.programme_people"]

# In CI, Hypothesis tries the same examples on every run, so a landed suite stays green; a
# developer's run explores new ones (and keeps failures in .hypothesis/ to replay).
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI") == "true":
    hypothesis_settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def _fast_passwords():
    # Argon2 is right for people and far too slow for a test suite. For the whole session, so
    # that data built for a module or class (tests/permissions/conftest.py) hashes fast too.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _immediate_tasks_and_clean_cache(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _second_factor_on_sign_in(monkeypatch):
    """`client.force_login(user)` and `client.login(...)` stand for a person who has signed in
    completely: a person whose roles need a second factor (or who has one) is given an
    authenticator app if they have none, and the session is verified as entering its code
    does (tests/helpers.py `pass_second_factor`). The service itself still requires it: a
    role granted after signing in, or a sign-in through the pages, meets the real journey."""
    from django.test import Client

    from upon.accounts.roles import forget_roles, needs_second_factor

    sign_in = Client._login

    def _login(self, user, backend=None):
        sign_in(self, user, backend)
        needed = user.second_factor_on or needs_second_factor(user)
        forget_roles(user)
        if needed:
            pass_second_factor(self, user)

    monkeypatch.setattr(Client, "_login", _login)


@pytest.fixture
def stopped_clock(time_machine):
    """The clock stopped at the real moment the test starts, so a test that reads "today" and
    then asks the application (which reads it again) cannot straddle midnight. Returns now."""
    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)
    return timezone.now()


@pytest.fixture
def authorities(db):
    """The 153 local authorities. Loaded by migration; reloaded here after a flush."""
    return ensure_authorities()


def ensure_authorities():
    """The local authorities, loaded again if a transactional test's flush removed them."""
    if not Organisation.objects.filter(kind="local_authority").exists():
        load_local_authorities()
    return Organisation.objects.filter(kind="local_authority")


@pytest.fixture
def team_member(db):
    """A member of a programme team; `team_member.programme` is their programme."""
    assignment = RoleAssignmentFactory(role=Role.PROGRAMME_TEAM)
    user = assignment.user
    user.programme = assignment.programme
    return user


@pytest.fixture
def outsider(db):
    """A signed-up person with no role and no applications."""
    return UserFactory()
