"""One world per test module (and xdist worker) for the permission matrix and the fuzzing.

Building the world (world.py) takes longer than most rows' requests, and some 520 tests use it.
It is built once, inside a transaction left open for the module; each test runs in a savepoint
within it (pytest-django's `db`), rolled back afterwards, and gets its own deep copy of the
objects: Django's TestCase.setUpTestData, so every test still starts from the world as built.
"""

import copy
import shutil

import pytest
from django.db import transaction
from django.test import override_settings

from tests.conftest import ensure_authorities
from tests.permissions import world


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world as built, with the media folder its files were written to."""
    media = tmp_path_factory.mktemp("world-media")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(MEDIA_ROOT=media):
                ensure_authorities()
                built = world.build()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield built, media
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def built_world(_module_world, db, settings, tmp_path):
    """This test's copy of the module's world, its files in the test's own media folder."""
    built, media = _module_world
    shutil.copytree(media, tmp_path, dirs_exist_ok=True)
    settings.MEDIA_ROOT = tmp_path
    # One deep copy of both, so that the people among the objects are the same instances.
    users, objects = copy.deepcopy((built.users, built.objects))
    return world.World(users=users, objects=objects)
