"""Who can apply to an intake: the eligibility rules as plain functions, no Django.

The answers are a plain mapping with the keys of QUESTIONS:

- leadership_years: int, years of effective senior leadership and management experience
- sector: a recruitment.models.Sector value
- role_level: a recruitment.models.RoleLevel value
- director_potential: bool, could the person be a director within the intake's horizon
- employer_support: "yes", "not_asked" or "no"

Every reason and piece of advice is a whole sentence that says exactly why and what to do
instead, because the person reads it on the result page with nobody to ask.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# The order people answer the questions in.
QUESTIONS: tuple[str, ...] = (
    "leadership_years",
    "sector",
    "role_level",
    "director_potential",
    "employer_support",
)

EMPLOYER_SUPPORT_CHOICES: tuple[tuple[str, str], ...] = (
    ("yes", "Yes"),
    ("not_asked", "I have not asked yet"),
    ("no", "No"),
)

# Plain strings (not the Django enums) so this module stays free of Django.
TEAM_MANAGER = "team_manager"
OTHER_SECTOR = "other"


@dataclass(frozen=True)
class Assessment:
    """`reasons` stop someone applying; `advice` is for someone who can apply."""

    eligible: bool
    reasons: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)


def first_unanswered(answers: Mapping[str, object]) -> str | None:
    """The first question without an answer, or None when every question is answered."""
    for key in QUESTIONS:
        if answers.get(key) is None:
            return key
    return None


# Senior leadership time ---------------------------------------------------------------------
#
# One rule for the applicant's career page, the team's application pages and the eligibility
# minimum, so everybody sees the same figure:
#
# - only entries marked as senior leadership count;
# - an end date is the last day in the role, so a role from 1 January 2019 to 31 December 2020
#   is 24 months, and time is counted in whole calendar months (15 June 2010 to 13 June 2011
#   is 11 months, to 14 June 2011 is 12);
# - overlapping roles, and a role that starts the day after another ends, are counted once;
# - a current role (no end date), and a role that ends in the future, run to today;
# - a role that starts after today counts nothing; nor does one that ends before it starts.

MONTHS_PER_YEAR = 12


def senior_leadership_months(entries: Iterable, *, today: datetime.date) -> int:
    """Whole months of senior leadership in career `entries`, overlapping roles counted once.

    `entries` are anything with `started` (date), `ended` (date or None for the current role)
    and `senior_leadership` (bool) attributes: career entries, or plain data in tests.
    """
    spans = sorted(
        (entry.started, min(entry.ended or today, today))
        for entry in entries
        if entry.senior_leadership and entry.started <= today
    )
    months = 0
    current_start = current_end = None
    for start, end in spans:
        if end < start:
            continue
        if current_end is not None and start <= current_end + datetime.timedelta(days=1):
            current_end = max(current_end, end)
            continue
        if current_start is not None:
            months += _whole_months(current_start, current_end)
        current_start, current_end = start, end
    if current_start is not None:
        months += _whole_months(current_start, current_end)
    return months


def _whole_months(start: datetime.date, last_day: datetime.date) -> int:
    end = last_day + datetime.timedelta(days=1)  # the first day no longer in the role
    months = (end.year - start.year) * MONTHS_PER_YEAR + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def has_enough_leadership(*, months: int, min_years: int) -> bool:
    """The eligibility minimum: at least `min_years` whole years (3 years is 36 months)."""
    return months >= min_years * MONTHS_PER_YEAR


def describe_months(months: int) -> str:
    """ "6 years, 3 months", "1 year", "5 months", "None"."""
    years, rest = divmod(months, MONTHS_PER_YEAR)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if rest:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return ", ".join(parts) or "None"


def years_and_months(months: int) -> str:
    """ "2 years 0 months", "1 year 1 month": both parts always, for figures set side by side."""
    years, rest = divmod(months, MONTHS_PER_YEAR)
    return f"{_years(years)} {rest} month{'s' if rest != 1 else ''}"


def _years(n: int) -> str:
    return f"{n} year" if n == 1 else f"{n} years"


def assess(
    answers: Mapping[str, object], *, min_years: int, director_horizon: str = "three to five"
) -> Assessment:
    """Apply an intake's eligibility rules to a complete set of answers."""
    missing = first_unanswered(answers)
    if missing is not None:
        raise ValueError(f"No answer for {missing}")
    reasons: list[str] = []
    advice: list[str] = []

    years = int(answers["leadership_years"])
    if not has_enough_leadership(months=years * MONTHS_PER_YEAR, min_years=min_years):
        reasons.append(
            f"You need at least {_years(min_years)} of senior leadership experience. "
            f"You told us {years}. You could apply to a future intake, or ask the programme "
            "team about other leadership programmes."
        )

    if answers["role_level"] == TEAM_MANAGER:
        reasons.append(
            "The programme is for senior leaders: service managers, heads of service, "
            "assistant directors and deputy directors. You told us your role is at team "
            "manager level or below. You could apply once you hold a senior leadership role, "
            "or ask your employer about middle leadership programmes."
        )

    if answers["director_potential"] is not True:
        reasons.append(
            "The programme is for people who could become a director of children's services "
            f"in {director_horizon} years. You told us you could not. You could apply to a "
            "future intake when a director role is closer, or ask the programme team about "
            "other leadership programmes."
        )

    support = answers["employer_support"]
    if support == "no":
        reasons.append(
            "Your employer must support your application: a senior leader where you work, "
            "such as your line manager or director, endorses it before you can submit it. "
            "You told us your employer does not support it. Talk to your line manager about "
            "the programme and apply when they can endorse you."
        )
    elif support == "not_asked":
        advice.append(
            "Talk to your line manager or director before you apply. A senior leader where "
            "you work must endorse your application before you can submit it, and we will "
            "email them a link to do so."
        )

    if answers["sector"] == OTHER_SECTOR:
        advice.append(
            "Your senior leadership experience must be in children's services or a related "
            "field, in the public, private or voluntary sector. Describe how your sector "
            "relates to children's services in your application."
        )

    return Assessment(eligible=not reasons, reasons=reasons, advice=advice)
