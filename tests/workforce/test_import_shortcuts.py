"""The importer's two shortcuts (upon/workforce/imports.py) decide as the long way does: the
quick date reader as strptime with DATE_FORMATS, and the one-pass proof of no overlaps as the
comparison of every pair."""

import datetime
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from upon.workforce import imports, register

D = datetime.date


def strptime_date(value: str) -> datetime.date | None:
    for pattern in imports.DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


NUMBER = st.text(alphabet="0123456789", min_size=1, max_size=5)


@given(year=NUMBER, month=NUMBER, day=NUMBER, separator=st.sampled_from("-/"))
def test_the_quick_date_is_strptimes_or_none(year, month, day, separator):
    for value in (f"{year}-{month}-{day}", f"{day}{separator}{month}{separator}{year}"):
        quick = imports._quick_date(value)
        assert quick is None or quick == strptime_date(value)


def test_the_quick_date_reads_the_two_usual_shapes():
    assert imports._quick_date("2024-04-01") == D(2024, 4, 1)
    assert imports._quick_date("1/4/2024") == D(2024, 4, 1)
    assert imports._quick_date("2024-02-30") is None
    assert imports._quick_date("1 April 2024") is None


SPANS = st.lists(
    st.tuples(
        st.dates(min_value=D(2020, 1, 1), max_value=D(2020, 3, 1)),
        st.one_of(st.none(), st.integers(min_value=0, max_value=40)),
    ),
    max_size=6,
)


@given(spans=SPANS)
def test_end_to_end_means_no_two_overlap(spans):
    records = sorted(
        (
            SimpleNamespace(
                started_on=start,
                ended_on=None if days is None else start + datetime.timedelta(days=days),
            )
            for start, days in spans
        ),
        key=lambda r: r.started_on,
    )
    if imports._end_to_end(records):
        assert not any(
            register.spans_overlap(imports._span(a), imports._span(b))
            for i, a in enumerate(records)
            for b in records[i + 1 :]
        )
