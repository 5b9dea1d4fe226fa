"""A small programme worked out by hand, for the grant and funnel tests.

Intake 2021 (its cohort ran 1 November 2021 to 30 June 2022):
- 12 applications: a draft (never applied), 8 submitted and eligible, 2 submitted with 2 years of
  senior leadership (not eligible), 1 eligible who withdrew after submitting: applied 11,
  eligible 9.
- 7 shortlisted, 6 of them offered a place, 5 accepted (1 declined).
- The 5 took a place: 4 completed, 1 withdrew.
- Completer 1: verified DCS post from 1 September 2022 (63 days after completing).
- Completer 2: verified DCS post from 1 March 2024 (610 days: within 2 years, not 1).
- Completer 3: a verified post as assistant director, an unverified DCS post, and a verified
  DCS post that ended before the cohort began: none counts.
- Completer 4: verified twin-hat post from 1 March 2022, before completing: at once (0 days).
- The one who withdrew: verified DCS post from 1 January 2023 (a director appointed, not a
  completer).
So: completed 4; appointed within 1 year 2, 2 years 3, 3 years 3, 5 years 3; median 63 days.

Intake 2022: 3 submitted applications, nothing more.

The grant: 2021-22 "Delivery" £600,000 and "Evaluation" £100,000; 2022-23 "Delivery"
£500,000: £1,200,000. Spent £250,000.50 and £49,999.50 on 2021-22 Delivery, £120,000 on 2022-23
Delivery: £420,000. Per participant (5) £84,000; per completer (4) £105,000; per director (4)
£105,000.
"""

import datetime
from decimal import Decimal

from tests.delivery.factories import CohortFactory, ParticipantFactory
from tests.factories import (
    ApplicationFactory,
    IntakeFactory,
    ProgrammeFactory,
    SubmittedApplicationFactory,
    UserFactory,
)
from tests.support.factories import AppointmentFactory
from upon.delivery.models import ParticipantStatus
from upon.recruitment.models import ApplicationStatus
from upon.reporting.models import BudgetLine, Spend
from upon.selection.models import Decision, Offer, OfferStatus, Outcome
from upon.support.models import PostRole

D = datetime.date
NOON = datetime.datetime(2026, 12, 3, 12, tzinfo=datetime.UTC)


def intake_of(programme, year: int):
    opens = datetime.datetime(year, 9, 15, 9, tzinfo=datetime.UTC)
    return IntakeFactory(
        programme=programme,
        name=f"Intake {year}",
        opens_at=opens,
        closes_at=opens + datetime.timedelta(days=21),
        programme_starts=D(year, 11, 1),
        programme_ends=D(year + 1, 6, 30),
    )


def build_funnel(programme, decided_by):
    intake = intake_of(programme, 2021)
    ApplicationFactory(intake=intake)  # a draft
    eligible = [SubmittedApplicationFactory(intake=intake) for _ in range(8)]
    for _ in range(2):
        SubmittedApplicationFactory(intake=intake, leadership_years=2)
    SubmittedApplicationFactory(intake=intake, status=ApplicationStatus.WITHDRAWN)
    now = NOON
    for application in eligible[:7]:
        Decision.objects.create(
            application=application,
            outcome=Outcome.SHORTLIST,
            rationale="Strong.",
            decided_by=decided_by,
        )
    for i, application in enumerate(eligible[:6]):
        Offer.objects.create(
            application=application,
            accept_by=now,
            status=OfferStatus.ACCEPTED if i < 5 else OfferStatus.DECLINED,
        )
    cohort = CohortFactory(intake=intake, starts_on=D(2021, 11, 1), ends_on=D(2022, 6, 30))
    places = [
        ParticipantFactory(
            cohort=cohort,
            user=application.applicant,
            application=application,
            status=ParticipantStatus.COMPLETED if i < 4 else ParticipantStatus.WITHDRAWN,
        )
        for i, application in enumerate(eligible[:5])
    ]
    people = [place.user for place in places]

    def post(person, starts_on, **fields):
        fields.setdefault("verified_at", now)
        return AppointmentFactory(person=person, programme=programme, starts_on=starts_on, **fields)

    post(people[0], D(2022, 9, 1))
    post(people[1], D(2024, 3, 1))
    post(people[2], D(2022, 8, 1), role=PostRole.ASSISTANT_OR_DEPUTY)
    post(people[2], D(2022, 10, 1), verified_at=None)
    post(people[2], D(2019, 5, 1), ends_on=D(2020, 4, 30))
    post(people[3], D(2022, 3, 1), role=PostRole.TWIN_HAT)
    post(people[4], D(2023, 1, 1))
    later = intake_of(programme, 2022)
    for _ in range(3):
        SubmittedApplicationFactory(intake=later)
    return intake, later


def build_grant(programme, recorded_by):
    y1 = dict(starts_on=D(2021, 4, 1), ends_on=D(2022, 3, 31))
    y2 = dict(starts_on=D(2022, 4, 1), ends_on=D(2023, 3, 31))
    delivery_1 = BudgetLine.objects.create(
        programme=programme, name="Delivery", amount=Decimal(600_000), **y1
    )
    evaluation = BudgetLine.objects.create(
        programme=programme, name="Evaluation", amount=Decimal(100_000), **y1
    )
    delivery_2 = BudgetLine.objects.create(
        programme=programme, name="Delivery", amount=Decimal(500_000), **y2
    )
    for line, on, amount, what in (
        (delivery_1, D(2021, 11, 1), "250000.50", "Taught days"),
        (delivery_1, D(2022, 2, 1), "49999.50", "Learning visits"),
        (delivery_2, D(2022, 5, 1), "120000", "Coaching"),
    ):
        Spend.objects.create(
            budget_line=line,
            spent_on=on,
            amount=Decimal(amount),
            description=what,
            recorded_by=recorded_by,
        )
    return delivery_1, evaluation, delivery_2


def outsider_programme():
    return ProgrammeFactory(name="Another programme")


def person():
    return UserFactory()
