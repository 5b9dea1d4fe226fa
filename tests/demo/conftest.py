import pytest

pytest.register_assert_rewrite("tests.demo.invariants")

from django.utils import timezone  # noqa: E402


@pytest.fixture(autouse=True)
def stopped_clock(time_machine):
    """The clock stopped at the real moment the test starts, so a run cannot straddle midnight:
    the seeder and the test read the same "today" however long the seed takes."""
    time_machine.move_to(timezone.now(), tick=False)
    return timezone.now()
