"""The register's analytics as charts, words and rows: each chart with a summary in words and the
same figures as a table (and a CSV) beside it. Figures come from `analytics.py`."""

import math

from upon.service.algorithms.bar_charts import Row, horizontal_bars
from upon.service.algorithms.step_charts import Series, step_chart
from upon.workforce.algorithms.survival import Median
from upon.workforce.analytics import ALL, GROUPINGS, SURVIVAL_YEARS, SurvivalFigures

CHART_YEARS = 10  # the bar chart shows the latest years; the table shows them all


def months(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def median_text(median: Median) -> str:
    """ "26.1 months (95% interval 22.0 to 30.5 months)"; an end not reached says so."""

    def one(value):
        return "not reached" if math.isinf(value) else f"{value:.1f} months"

    if math.isinf(median.time):
        return "Not reached: more than half are still in post"
    return f"{one(median.time)} (95% interval {one(median.lower)} to {one(median.upper)})"


def p_value_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


# ---------------------------------------------------------------- yearly figures

YEAR_COLUMNS = (
    "Reporting year",
    "Changes of director",
    "Authorities with a change",
    "Interim appointments",
    "Interim made permanent",
    "Moved from another authority",
    "Experienced director",
    "New permanent",
    "Authorities with a director at 31 March",
    "Interims in post at 31 March",
    "Twin hat at 31 March",
    "Average months in post in one authority at 31 March",
    "Average months as a director across posts at 31 March",
)


def year_cells(figures) -> tuple:
    return (
        figures.year.label,
        figures.changes,
        figures.authorities_with_change,
        figures.interim_appointments,
        figures.made_permanent,
        figures.moves,
        figures.experienced,
        figures.new_permanent,
        figures.in_post_at_end,
        figures.interims_in_post_at_end,
        figures.twin_hat_at_end,
        months(figures.tenure_in_authority.months),
        months(figures.tenure_as_director.months),
    )


def years_summary(years) -> str:
    if not years:
        return "The register has no complete reporting year yet."
    latest = years[-1]
    return (
        f"In {latest.year.label}, the latest complete reporting year, there were "
        f"{latest.changes} changes of director in {latest.authorities_with_change} authorities: "
        f"{latest.interim_appointments} interim appointments, {latest.new_permanent} new "
        f"permanent directors and {latest.moves} moves from another authority. On 31 March "
        f"{latest.year.ends_on.year}, {latest.interims_in_post_at_end} authorities had an interim "
        f"director and {latest.twin_hat_at_end} a twin-hat director."
    )


def years_chart(years):
    shown = years[-CHART_YEARS:]
    if not shown:
        return None
    most = max(shown, key=lambda f: (f.changes, f.year))
    fewest = min(shown, key=lambda f: (f.changes, -f.year.first))
    return horizontal_bars(
        [Row(f.year.label, (f.changes, f.authorities_with_change)) for f in shown],
        id="years-chart",
        title=f"Changes of director, {shown[0].year.label} to {shown[-1].year.label}",
        summary=(
            f"Changes of director and authorities with a change in each of the last "
            f"{len(shown)} reporting years: the most changes were {most.changes} in "
            f"{most.year.label}, the fewest {fewest.changes} in {fewest.year.label}."
        ),
        series=("Changes of director", "Authorities with a change"),
        whole_numbers=True,
        axis_label="Number in the reporting year",
    )


# ---------------------------------------------------------------- survival

SURVIVAL_COLUMNS = (
    "Group",
    "Tenures",
    "Left",
    "Still in post",
    "Median months",
    "Median lower 95%",
    "Median upper 95%",
    *(f"Still in post after {n} year{'s' if n > 1 else ''}" for n in SURVIVAL_YEARS),
)


def _end(value: float) -> str:
    return "Not reached" if math.isinf(value) else f"{value:.1f}"


def survival_cells(group) -> tuple:
    median = group.curve.median
    return (
        group.label,
        group.spells,
        group.left,
        group.in_post,
        _end(median.time),
        _end(median.lower),
        _end(median.upper),
        *(percent(share) for share in group.still_in_post_after),
    )


def survival_title(figures: SurvivalFigures) -> str:
    if figures.by == ALL:
        return "Directors still in post, in one authority and across posts"
    return f"Directors still in post in one authority, by {GROUPINGS[figures.by].lower()}"


def survival_summary(figures: SurvivalFigures) -> str:
    if not figures.groups:
        return "The register has no tenures yet."
    if figures.by == ALL:
        one, across = figures.groups
        return (
            f"Half of directors had left their authority after "
            f"{median_text(one.curve.median)}, from {one.spells} tenures in one authority, "
            f"{one.in_post} still in post. Counted across posts, half had stopped being a "
            f"director after {median_text(across.curve.median)}, from {across.spells} "
            f"careers as a director."
        )
    reached = [g for g in figures.groups if not math.isinf(g.curve.median.time)]
    words = [f"Tenure in one authority in {len(figures.groups)} groups."]
    if reached:
        short = min(reached, key=lambda g: g.curve.median.time)
        long = max(reached, key=lambda g: g.curve.median.time)
        words.append(
            f"The median runs from {short.curve.median.time:.1f} months ({short.label}) to "
            f"{long.curve.median.time:.1f} months ({long.label})."
        )
    if figures.test is not None:
        test = figures.test
        words.append(
            f"Log-rank test across the groups: chi-squared {test.statistic:.2f} with "
            f"{test.degrees_of_freedom} degrees of freedom, {p_value_text(test.p_value)}"
            + (
                ", so tenure differs between the groups more than chance would explain."
                if test.p_value < 0.05
                else ", so the groups' tenures do not differ more than chance would explain."
            )
        )
    return " ".join(words)


def survival_chart(figures: SurvivalFigures):
    if not figures.groups:
        return None
    series = [
        Series(
            group.label,
            group.curve.timeline / 12,
            group.curve.survival,
            group.curve.lower,
            group.curve.upper,
            group.curve.timeline[group.curve.censored > 0] / 12,
        )
        for group in figures.groups
    ]
    return step_chart(
        series,
        id="survival-chart",
        title=survival_title(figures),
        summary=survival_summary(figures),
        x_label="Years in post",
        y_label="Proportion still in post",
    )


# ---------------------------------------------------------------- tenure


def _average(average, which: str) -> str:
    if average is None:
        return "No complete year yet"
    count, value = {
        "all": (average.directors, average.months),
        "permanent": (average.permanent_directors, average.permanent_months),
        "interim": (average.interim_directors, average.interim_months),
    }[which]
    if value is None:
        return "None in post"
    return f"{value:.1f} months ({count} director{'s' if count != 1 else ''})"


def tenure_rows(figures) -> list[tuple[str, str, str]]:
    """(measure, in one authority, as a director across posts), for the tenure page's table."""
    one, across = figures.in_authority, figures.as_director
    day = f"31 March {figures.year.ends_on.year}" if figures.year else "31 March"
    rows = [
        (f"Average time in post so far, directors in post on {day}", "all"),
        (f"Average time in post so far, permanent directors on {day}", "permanent"),
        (f"Average time in post so far, interim directors on {day}", "interim"),
    ]
    found = [
        (label, _average(one.at_year_end, which), _average(across.at_year_end, which))
        for label, which in rows
    ]

    def completed(basis):
        if basis.mean_completed_months is None:
            return "None has ended"
        return f"{basis.mean_completed_months:.1f} months ({basis.ended} ended)"

    return [
        *found,
        (
            "Median length of tenure (Kaplan-Meier)",
            median_text(one.median),
            median_text(across.median),
        ),
        ("Average length of tenures that have ended", completed(one), completed(across)),
        ("Tenures counted", str(one.spells), str(across.spells)),
    ]


def trend_rows(figures) -> list[tuple[str, str, str]]:
    """(year, in one authority, across posts): the average so far at 31 March, newest first."""
    return [
        (f.year.label, months(f.tenure_in_authority.months), months(f.tenure_as_director.months))
        for f in reversed(figures.trend)
    ]
