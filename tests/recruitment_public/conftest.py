import datetime

import pytest

from tests.factories import IntakeFactory

UTC = datetime.UTC


@pytest.fixture
def upcoming_intake(db):
    """Opens 9am 15 September 2035 and closes 11:59pm 14 October 2035, UK summer time."""
    return IntakeFactory(
        name="2035 to 2036 intake",
        slug="intake-2035",
        opens_at=datetime.datetime(2035, 9, 15, 8, 0, tzinfo=UTC),
        closes_at=datetime.datetime(2035, 10, 14, 22, 59, tzinfo=UTC),
        selection_starts=datetime.date(2035, 10, 16),
        selection_ends=datetime.date(2035, 10, 31),
        programme_starts=datetime.date(2035, 11, 12),
        programme_ends=datetime.date(2036, 6, 30),
        capacity=35,
        min_leadership_years=4,
        director_horizon_years="two to four",
        delivery_summary="Eight taught days in Leeds and online.",
    )


@pytest.fixture
def closed_intake(db):
    return IntakeFactory(
        name="2020 to 2021 intake",
        slug="intake-2020",
        opens_at=datetime.datetime(2020, 9, 14, 8, 0, tzinfo=UTC),
        closes_at=datetime.datetime(2020, 10, 5, 11, 0, tzinfo=UTC),
    )


@pytest.fixture
def open_intake(db):
    return IntakeFactory(name="2026 to 2027 intake", slug="intake-2026")
