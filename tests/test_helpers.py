"""The shared test helpers catch what they say they catch."""

import pytest

from tests.factories import UserFactory
from tests.helpers import assert_no_writes
from upon.accounts.models import User

pytestmark = pytest.mark.django_db


def test_reads_pass():
    UserFactory()
    with assert_no_writes():
        assert User.objects.count() == 1


@pytest.mark.parametrize(
    "write",
    [
        lambda: UserFactory(),
        lambda: User.objects.update(full_name="Changed"),
        lambda: User.objects.all().delete(),
    ],
    ids=["insert", "update", "delete"],
)
def test_each_kind_of_write_fails(write):
    UserFactory()
    with pytest.raises(AssertionError, match="database write"), assert_no_writes():
        write()
