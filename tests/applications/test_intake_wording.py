"""Intake wording matches the intake's dates as they stand now: what has opened says "opened",
what has closed says "closed", and a deadline names the time as well as the day."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, IntakeFactory, SubmittedApplicationFactory
from upon.recruitment import services

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
OPENS = datetime.datetime(2026, 9, 14, 8, 0, tzinfo=UTC)  # 9am BST
CLOSES = datetime.datetime(2026, 10, 5, 16, 30, tzinfo=UTC)  # 5:30pm BST


@pytest.fixture
def intake(db):
    return IntakeFactory(
        slug="intake-wording",
        opens_at=OPENS,
        closes_at=CLOSES,
        selection_ends=datetime.date(2026, 11, 20),
    )


def key_dates(client, intake) -> str:
    page = client.get(reverse("recruitment:intake", kwargs={"slug": intake.slug}))
    assert page.status_code == 200
    html = page.content.decode()
    return " ".join(html[html.index("Key dates") :].split())[:700]


@pytest.mark.parametrize(
    ("now", "opened", "closed"),
    [
        (datetime.datetime(2026, 9, 1, tzinfo=UTC), "Applications open", "Applications close"),
        (datetime.datetime(2026, 9, 20, tzinfo=UTC), "Applications opened", "Applications close"),
        (datetime.datetime(2026, 10, 6, tzinfo=UTC), "Applications opened", "Applications closed"),
    ],
)
def test_key_dates_say_what_has_happened(client, intake, time_machine, now, opened, closed):
    time_machine.move_to(now, tick=False)
    dates = key_dates(client, intake)
    assert (
        f'<dt class="govuk-summary-list__key">{opened}</dt> '
        '<dd class="govuk-summary-list__value">9am on 14 September 2026</dd>'
    ) in dates
    assert (
        f'<dt class="govuk-summary-list__key">{closed}</dt> '
        '<dd class="govuk-summary-list__value">5:30pm on 5 October 2026</dd>'
    ) in dates


def test_a_draft_is_due_by_the_closing_time_not_the_day(intake, time_machine):
    time_machine.move_to(datetime.datetime(2026, 9, 20, tzinfo=UTC), tick=False)
    draft = ApplicationFactory(intake=intake)
    step = services.next_step(draft, now=datetime.datetime(2026, 9, 20, tzinfo=UTC))
    assert step.startswith("Complete and submit it by 5:30pm on 5 October 2026. ")


def test_saving_for_later_names_the_closing_time(applicant_client, applicant, intake, time_machine):
    time_machine.move_to(datetime.datetime(2026, 9, 20, tzinfo=UTC), tick=False)
    draft = ApplicationFactory(intake=intake, applicant=applicant)
    response = applicant_client.post(
        reverse("recruitment:about_you", kwargs={"reference": draft.reference}),
        {"action": "later"},
        follow=True,
    )
    assert (
        "Your answers have been saved. You can come back to them at any time before "
        "applications close at 5:30pm on 5 October 2026."
    ) in [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (
            datetime.datetime(2026, 11, 20, 12, tzinfo=UTC),
            "Nothing to do. We will tell you the outcome after selection, which ends on "
            "20 November 2026.",
        ),
        (
            datetime.datetime(2026, 11, 21, 12, tzinfo=UTC),
            "Nothing to do. Selection ended on 20 November 2026: we will tell you the outcome "
            "soon.",
        ),
    ],
)
def test_a_submitted_application_hears_when_selection_ends_or_ended(intake, today, expected):
    submitted = SubmittedApplicationFactory(intake=intake)
    assert services.next_step(submitted, now=today) == expected
