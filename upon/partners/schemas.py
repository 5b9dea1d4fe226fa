"""What the partner API answers, as OpenAPI describes it (pydantic models, through django-ninja).

Every count about people is a `Count`: its value, or null with the reason it is hidden ("Fewer
than 5", "Hidden to protect a small group"). Money is a string in pounds with two decimal
places ("1250.00"), so no reader rounds it through a float.
"""

import datetime
from typing import Literal

from ninja import Field, Schema


class Error(Schema):
    detail: str = Field(description="What was wrong, in words")


class InvalidField(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationErrors(Schema):
    detail: list[InvalidField] = Field(description="Each query parameter that was not valid")


class Count(Schema):
    value: int | None = Field(description="The count, or null when it is hidden")
    hidden: str = Field(description="Why it is hidden; empty when it is shown")


class Months(Schema):
    value: float | None = Field(
        description="Months to one decimal place; null when hidden (see `hidden`) or when "
        "there is nothing to work out (nobody, or a median not reached yet)"
    )
    hidden: str = Field(description="Why it is hidden; empty when it is not")


class ChangesByKind(Schema):
    interim: Count
    interim_made_permanent: Count
    moved_from_another_authority: Count
    experienced_director: Count
    new_permanent: Count


class AtYearEnd(Schema):
    authorities_with_director: Count
    interim: Count = Field(description="Authorities whose director on 31 March was interim")
    twin_hat: Count = Field(
        description="Authorities whose director on 31 March was also director of adult "
        "social services"
    )


class MeanTenure(Schema):
    all: Months
    permanent: Months
    interim: Months


class Year(Schema):
    year: str = Field(examples=["2018/19"])
    starts_on: datetime.date
    ends_on: datetime.date
    changes: Count = Field(description="Changes of director in the year")
    changes_by_kind: ChangesByKind
    authorities_with_change: Count
    at_31_march: AtYearEnd
    tenure_in_authority_months: MeanTenure = Field(
        description="Mean time so far in one authority of the directors in post on 31 March"
    )
    tenure_as_director_months: MeanTenure = Field(
        description="Mean time so far as a director, across posts, of the directors in post "
        "on 31 March"
    )


class Years(Schema):
    years: list[Year]


class TenureGroup(Schema):
    region: str = Field(examples=["England", "North East"])
    spells: Count = Field(description="Spells in post that had started by the day")
    ended: Count = Field(description="Of those, the spells that had ended")
    median_months: Months
    median_lower_months: Months = Field(description="The median's 95% interval, lower end")
    median_upper_months: Months = Field(description="The median's 95% interval, upper end")


class TenureSurvival(Schema):
    as_at: datetime.date
    basis: Literal["authority", "director"]
    groups: list[TenureGroup]


class Stage(Schema):
    key: str = Field(examples=["applied", "within_1"])
    label: str
    count: Count


class IntakeFunnel(Schema):
    intake: str
    opens_on: datetime.date
    stages: list[Stage]
    median_months_to_appointment: Months


class Funnels(Schema):
    programme: str
    intakes: list[IntakeFunnel]


class BudgetLine(Schema):
    name: str
    budget: str
    spent: str
    left: str


class Period(Schema):
    starts_on: datetime.date
    ends_on: datetime.date
    lines: list[BudgetLine]
    budget: str
    spent: str
    left: str


class CostPer(Schema):
    key: str = Field(examples=["participants", "completers", "directors"])
    label: str
    definition: str
    people: Count
    cost: str | None = Field(description="Pounds per person; null with nobody, or hidden")


class Grant(Schema):
    programme: str
    periods: list[Period]
    budget: str
    spent: str
    left: str
    costs: list[CostPer]


class FunderReport(Schema):
    title: str
    period_starts_on: datetime.date
    period_ends_on: datetime.date
    published_at: datetime.datetime


class FunderReports(Schema):
    programme: str
    reports: list[FunderReport]
