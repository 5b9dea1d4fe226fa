"""The demo seeder with the clock frozen at awkward moments, UK time.

Each run seeds the demo (about five seconds) and checks everything that depends on "today"
(tests/demo/invariants.py): in January, April, July and October; on an ordinary weekday at
00:01, 12:00, 16:45 and 23:59; on England bank holidays; on a Sunday; and on both days the
clocks change, including the hour that happens twice in October.
"""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.common import start_of_today
from tests.demo.invariants import assert_demo_agrees_with_today

LONDON = zoneinfo.ZoneInfo("Europe/London")

pytestmark = pytest.mark.django_db


def london(year, month, day, hour, minute, fold=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON, fold=fold)


MOMENTS = [
    # Across the year: the demo's story holds in every season, not only when it was written.
    pytest.param(london(2027, 1, 14, 10, 0), id="january"),
    pytest.param(london(2027, 4, 15, 10, 0), id="april"),
    pytest.param(london(2027, 7, 15, 10, 0), id="july"),
    pytest.param(london(2026, 10, 15, 10, 0), id="october"),
    pytest.param(london(2026, 6, 10, 0, 1), id="weekday-00:01"),
    pytest.param(london(2026, 6, 10, 12, 0), id="weekday-12:00"),
    pytest.param(london(2026, 6, 10, 16, 45), id="weekday-16:45"),
    pytest.param(london(2026, 6, 10, 23, 59), id="weekday-23:59"),
    pytest.param(london(2026, 12, 25, 16, 45), id="christmas-day-16:45"),
    pytest.param(london(2026, 8, 31, 0, 1), id="summer-bank-holiday-00:01"),
    pytest.param(london(2026, 3, 29, 0, 1), id="clocks-go-forward-00:01"),
    pytest.param(london(2026, 3, 29, 23, 59), id="clocks-go-forward-23:59"),
    pytest.param(london(2026, 10, 25, 1, 30, fold=1), id="clocks-go-back-second-01:30"),
    pytest.param(london(2026, 10, 25, 23, 59), id="clocks-go-back-23:59"),
]


@pytest.mark.parametrize("moment", MOMENTS)
def test_demo_seed_agrees_with_today_at_any_hour(authorities, time_machine, moment):
    time_machine.move_to(moment, tick=False)

    call_command("seed_demo", verbosity=0, seed=7)

    now = timezone.now()
    assert now.timestamp() == moment.timestamp()
    midnight = start_of_today()
    assert midnight == london(moment.year, moment.month, moment.day, 0, 0)
    assert_demo_agrees_with_today(midnight, now)
