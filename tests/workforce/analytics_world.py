"""The small register the analytics are worked out by hand on (each figure is explained in
tests/workforce/test_analytics_pages.py); the browser journey reads the same one."""

import datetime

from tests.workforce.conftest import authority
from tests.workforce.factories import DirectorFactory, TenureFactory

D = datetime.date


def build_small_register() -> None:
    hartlepool, barnsley, camden = (
        authority(code) for code in ("E06000001", "E08000038", "E09000007")
    )
    a, b, c, d, e, f = (DirectorFactory(name=f"Director {x}") for x in "ABCDEF")
    ended = {"leaving_reason": "retired"}
    rows = [
        (hartlepool, a, D(2020, 4, 1), D(2023, 6, 30), "permanent", False),
        (hartlepool, b, D(2023, 7, 1), D(2023, 12, 31), "interim", False),
        (hartlepool, b, D(2024, 1, 1), None, "permanent", False),
        (barnsley, c, D(2020, 4, 1), D(2023, 12, 31), "permanent", True),
        (barnsley, a, D(2024, 1, 1), None, "permanent", False),
        (camden, e, D(2021, 4, 1), D(2025, 4, 30), "permanent", False),
        (camden, d, D(2025, 5, 1), D(2025, 10, 31), "interim", False),
        (camden, f, D(2025, 11, 1), None, "permanent", False),
    ]
    for place, director, start, end, basis, twin_hat in rows:
        TenureFactory(
            authority=place,
            director=director,
            started_on=start,
            ended_on=end,
            basis=basis,
            twin_hat=twin_hat,
            **(ended if end else {}),
        )
