import pytest

pytest.register_assert_rewrite("tests.demo.invariants")


@pytest.fixture(autouse=True)
def _stopped_clock(stopped_clock):
    """Every demo test runs with the clock stopped (tests/conftest.py): the seeder and the test
    read the same "today" however long the seed takes."""
    return stopped_clock
