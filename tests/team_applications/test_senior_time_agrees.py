"""The applicant and the programme team see the same senior leadership time."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tests.factories import CareerEntryFactory, SubmittedApplicationFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2026, 3, 15, 23, 30, tzinfo=datetime.UTC), tick=False)
def test_applicant_and_team_see_the_same_senior_leadership_time(intake, team_member):
    application = SubmittedApplicationFactory(intake=intake)
    # Overlapping, and a current role: 1 Jan 2020 to 15 Mar 2026 (UK date at 23:30 UTC is
    # still 15 March in winter) is 6 years, 2 months.
    CareerEntryFactory(
        application=application,
        started=datetime.date(2020, 1, 1),
        ended=datetime.date(2023, 6, 30),
        senior_leadership=True,
    )
    CareerEntryFactory(
        application=application,
        started=datetime.date(2022, 1, 1),
        ended=None,
        senior_leadership=True,
    )
    CareerEntryFactory(
        application=application,
        started=datetime.date(2027, 1, 1),
        ended=None,
        senior_leadership=True,
    )
    applicant = Client()
    applicant.force_login(application.applicant)
    team = Client()
    team.force_login(team_member)

    applicant_page = applicant.get(
        reverse("recruitment:task_list", args=[application.reference])
    ).content.decode()
    team_page = team.get(
        reverse("recruitment:application_detail", args=[application.reference])
    ).content.decode()

    assert "6 years, 2 months" in applicant_page
    assert "Time in senior leadership roles: 6 years, 2 months" in team_page
