"""The permission matrix's world (one of everything, tests/permissions/world.py) is the privacy
tests' world too: everyone in it has rows in many apps."""

from tests.permissions.conftest import _module_world, built_world  # noqa: F401
