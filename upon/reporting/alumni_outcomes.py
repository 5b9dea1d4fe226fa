"""The programme's alumni in the national register: their tenure against every other director
appointed in the same years, and where they lead now (issue 14, item 4).

The arithmetic and what the funder sees are in `algorithms/alumni.py`. Here: four queries
whatever the size of the register or the programme (the alumni and the day their first cohort
began; the register entries linked to accounts; the register's state; the authorities and their
regions), and every tenure in the register, dates and who only, when the comparison is not in the
cache (`compared`); then the figures as this reader may see them.

An alumnus is someone who completed one of the programme's cohorts; they are in the register
when the team has linked their register entry to their Upon account (upon/workforce/linking.py).
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone

from upon.delivery.models import Participant, ParticipantStatus
from upon.organisations.models import Organisation, OrganisationKind, Region
from upon.programmes.models import Programme
from upon.reporting.algorithms import alumni
from upon.reporting.algorithms.alumni import Shown
from upon.reporting.algorithms.suppression import SHOWN, TEXT, TOTAL, suppress
from upon.service.algorithms import step_charts
from upon.workforce import analytics
from upon.workforce.models import Director

GROUP_LABELS = {
    alumni.ALUMNI: "The programme's alumni",
    alumni.OTHERS: "Every other director appointed in the same years",
}


@dataclass(frozen=True)
class RegionRow:
    region: str
    authorities: int
    leading: Shown  # authorities an alumnus leads now
    share: Shown  # of the region's authorities, a percentage to 1 decimal place


@dataclass(frozen=True)
class AlumniOutcomes:
    as_at: datetime.date
    comparison: alumni.Comparison
    groups: tuple[alumni.PublishedGroup, ...]  # alumni, then the others
    logrank_shown: bool
    regions: tuple[RegionRow, ...]
    total: RegionRow


def _completers(programme) -> dict[int, datetime.date]:
    """Each alumnus (user id) and the day their first completed cohort began."""
    return dict(
        Participant.objects.filter(
            cohort__intake__programme=programme, status=ParticipantStatus.COMPLETED
        )
        .values("user")
        .annotate(began=Min("cohort__starts_on"))
        .order_by()
        .values_list("user", "began")
    )


def _linked(programme) -> dict[str, datetime.date]:
    """Each alumnus in the register (their register entry's id, as the register's readers
    name people) and the day their first completed cohort began."""
    completers = _completers(programme)
    accounts = Director.objects.filter(user__isnull=False).order_by().values_list("pk", "user")
    return {str(director): completers[user] for director, user in accounts if user in completers}


def compared(*, linked: dict[str, datetime.date], as_at: datetime.date) -> alumni.Comparison:
    """`alumni.compare` on the register, kept in the register's cache (`analytics.Reading`:
    under its state and the day) and under the alumni and their days, so a link made or
    undone, or a cohort completed, works it out again; otherwise every tenure in the register
    would be read and turned into spells on each request."""
    reading = analytics.Reading()
    key = hashlib.sha256(repr(sorted(linked.items())).encode()).hexdigest()[:32]
    return reading.cached(
        f"alumni:{key}",
        as_at,
        lambda: alumni.compare(reading.register.tenures, alumni=linked, as_at=as_at),
    )


def refresh_for_the_day(*, now) -> int:
    """The schedule's job (every quarter of an hour, beside the register's own in
    upon/workforce/tasks.py): each programme's comparison for the day into the cache, so the
    first reader of the day, or after a change, does not wait for the whole register to be
    read. Returns how many programmes have alumni in the register."""
    today = timezone.localdate(now)
    found = 0
    for programme in Programme.objects.order_by("pk"):
        linked = _linked(programme)
        if linked:
            compared(linked=linked, as_at=today)
            found += 1
    return found


def alumni_outcomes(*, programme, as_at: datetime.date, suppress_small: bool) -> AlumniOutcomes:
    """The comparison and the regional table, hidden as `suppress_small` (the funder) needs."""
    comparison = compared(linked=_linked(programme), as_at=as_at)
    groups = tuple(
        alumni.published(found, suppress=suppress_small)
        for found in (comparison.alumni, comparison.others)
    )
    led = alumni.leading_now(comparison.alumni_spells, as_at=as_at)
    regions, total = region_rows(led=led, suppress_small=suppress_small, in_post=groups[0].in_post)
    return AlumniOutcomes(
        as_at,
        comparison,
        groups,
        alumni.logrank_shown(comparison, suppress=suppress_small),
        regions,
        total,
    )


def _share(leading: int, authorities: int) -> float | None:
    return round(100 * leading / authorities, 1) if authorities else None


def region_rows(*, led: set[str], suppress_small: bool, in_post: Shown):
    """A row per region (in the order of `Region`) and the total: its authorities, how many an
    alumnus leads now, and their share. For the funder, small counts are hidden with the cells
    beside them; the total is the alumni tenures in post (shown or hidden as on the same page),
    so the cells are protected with it known, or with it hidden."""
    authorities: dict[str, list[str]] = {value: [] for value in Region.values}
    for pk, region in Organisation.objects.filter(
        kind=OrganisationKind.LOCAL_AUTHORITY, gss_code__isnull=False
    ).values_list("pk", "region"):
        authorities.setdefault(region, []).append(str(pk))
    found = [
        (Region(value).label if value in Region.values else "No region", places)
        for value, places in authorities.items()
        if places
    ]
    counts = [sum(place in led for place in places) for _, places in found]
    states = None
    if suppress_small and found:
        table = [[count] for count in counts]
        states = (
            suppress(table, known_totals=True)
            if in_post.value is not None
            else suppress(table, hidden_totals={0})
        )

    def row(label, places, count, group):
        state = SHOWN if states is None else states.state(group, 0)
        if state != SHOWN:
            return RegionRow(label, places, Shown(None, TEXT[state]), Shown(None, "Not shown"))
        return RegionRow(label, places, Shown(count), Shown(_share(count, places)))

    rows = tuple(
        row(label, len(places), count, g)
        for g, ((label, places), count) in enumerate(zip(found, counts, strict=True))
    )
    every = sum(len(places) for _, places in found)
    if in_post.value is None and suppress_small:
        total = RegionRow("England", every, in_post, Shown(None, "Not shown"))
    else:
        total = row("England", every, sum(counts), TOTAL)
    return rows, total


def tenure_csv_rows(outcomes: AlumniOutcomes) -> list[list]:
    """The comparison's table: a heading row, then a row per group (hidden figures as words)."""

    header = [
        "Group",
        "Tenures",
        "Left",
        "Still in post",
        "Median months in post",
        "Median: lower 95% limit",
        "Median: upper 95% limit",
    ]
    for years in alumni.YEARS_SHOWN:
        header += [
            f"Followed {years} years",
            f"Still in post after {years} years (%)",
            f"After {years} years: lower 95% limit (%)",
            f"After {years} years: upper 95% limit (%)",
        ]
    rows = [header]
    for found in outcomes.groups:
        median = found.median.value
        line = [
            GROUP_LABELS[found.key],
            _text(found.tenures, str),
            _text(found.left, str),
            _text(found.in_post, str),
            *(
                (_months(median.time), _months(median.lower), _months(median.upper))
                if median is not None
                else (found.median.hidden, "", "")
            ),
        ]
        for at in found.at_years:
            line.append(_text(at.followed, str))
            if at.share.value is None:
                line += [at.share.hidden, "", ""]
            else:
                line += [f"{100 * value:.1f}" for value in at.share.value]
        rows.append(line)
    return rows


def region_csv_rows(outcomes: AlumniOutcomes, *, percent: str = "") -> list[list]:
    """The regional table: a heading row, a row per region, then England (hidden as words)."""
    rows = [["Region", "Authorities", "Led by an alumnus now", "Share (%)"]]
    for found in (*outcomes.regions, outcomes.total):
        rows.append(
            [
                found.region,
                found.authorities,
                _text(found.leading, int),
                _text(found.share, lambda share: f"{share:.1f}{percent}"),
            ]
        )
    return rows


def summary(outcomes: AlumniOutcomes) -> list[str]:
    """The comparison in words, from the figures this reader sees."""
    comparison = outcomes.comparison
    mine, theirs = outcomes.groups
    if comparison.first_year is None:
        return [
            "None of the programme's alumni is in the national register as a director since "
            "their cohort began, so there is nothing to compare yet."
        ]

    def count(shown: Shown, noun: str) -> str:
        if shown.value is None:
            return f"{shown.hidden.lower()} {noun}s"
        return f"{shown.value} {noun}{'s' * (shown.value != 1)}"

    def median(found) -> str:
        if found.median.value is None:
            return f"median not shown ({found.median.hidden.removeprefix('Not shown: ')})"
        m = found.median.value
        if m.time == float("inf"):
            return "more than half still in post, so no median yet"
        upper = "not reached" if m.upper == float("inf") else f"{m.upper:.1f}"
        return f"median {m.time:.1f} months (95% interval {m.lower:.1f} to {upper})"

    years = (
        comparison.first_year.label
        if comparison.first_year == comparison.last_year
        else f"{comparison.first_year.label} to {comparison.last_year.label}"
    )
    lines = [
        f"Alumni: {count(mine.tenures, 'tenure')}, {median(mine)}. Every other director "
        f"appointed in {years}: {count(theirs.tenures, 'tenure')}, {median(theirs)}."
    ]
    if outcomes.logrank_shown:
        test = comparison.logrank
        verdict = (
            "a difference unlikely to be chance (p below 0.05)"
            if test.p_value < 0.05
            else "no clear evidence of a difference (p of 0.05 or more)"
        )
        lines.append(
            f"Log-rank test: chi-squared {test.statistic:.2f} on 1 degree of freedom, "
            f"p = {test.p_value:.3f}: {verdict}."
        )
    elif comparison.logrank is not None:
        lines.append("The log-rank test is not shown: fewer than 5 tenures in a group.")
    return lines


def _months(value: float) -> str:
    return "not reached" if value == float("inf") else f"{value:.1f}"


def _text(shown: Shown, fmt) -> str:
    return shown.hidden if shown.value is None else fmt(shown.value)


def _median_text(median) -> str:
    if median.time == float("inf"):
        return "Not reached: more than half still in post"
    return f"{median.time:.1f} months ({_months(median.lower)} to {_months(median.upper)})"


def _share_text(share) -> str:
    middle, lower, upper = (100 * value for value in share)
    return f"{middle:.1f}% ({lower:.1f}% to {upper:.1f}%)"


def table_rows(outcomes: AlumniOutcomes) -> list[tuple[str, str, str]]:
    """The comparison's table for the page: (measure, alumni, others), as this reader sees it."""
    mine, theirs = outcomes.groups
    rows = [
        ("Tenures", mine.tenures, theirs.tenures, str),
        ("Left", mine.left, theirs.left, str),
        ("Still in post", mine.in_post, theirs.in_post, str),
        ("Median time in post (95% interval)", mine.median, theirs.median, _median_text),
    ]
    for a, b in zip(mine.at_years, theirs.at_years, strict=True):
        plural = "s" * (a.years > 1)
        rows.append(
            (f"In post at least {a.years} year{plural} so far", a.followed, b.followed, str)
        )
        rows.append(
            (
                f"Still in post after {a.years} year{plural} (95% interval)",
                a.share,
                b.share,
                _share_text,
            )
        )
    return [(label, _text(x, fmt), _text(y, fmt)) for label, x, y, fmt in rows]


def tenure_chart(outcomes: AlumniOutcomes, *, suppress_small: bool):
    """Both groups' Kaplan-Meier curves side by side, in years, or None with nothing to draw.
    For the funder a curve stops where fewer than 5 were still in post (its last steps would be
    single people leaving) and carries no censoring ticks; a group of fewer than 5 is not
    drawn (`alumni.chart_series`)."""
    comparison = outcomes.comparison
    series = [
        found
        for found in (
            alumni.chart_series(group, label=GROUP_LABELS[group.key], suppress=suppress_small)
            for group in (comparison.alumni, comparison.others)
        )
        if found is not None
    ]
    if not series:
        return None
    drawn = " and ".join(s.label.lower() for s in series)
    return step_charts.step_chart(
        series,
        id="tenure-chart",
        title="Share still in post, by years in post",
        summary=(f"Kaplan-Meier curves of {drawn}, with 95% bands. " + " ".join(summary(outcomes))),
        censoring=not suppress_small,
    )
