import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    CapabilityStatementFactory,
    CareerEntryFactory,
    EndorsementFactory,
    SubmittedApplicationFactory,
    UserFactory,
)
from upon.organisations.models import Region
from upon.recruitment.models import ApplicationStatus, EndorsementStatus
from upon.reporting.models import MonitoringResponse

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(intake, authorities):
    applicant = UserFactory(full_name="Amara Okafor", email="amara@council.example")
    application = SubmittedApplicationFactory(
        intake=intake,
        applicant=applicant,
        reference="UP-0042",
        phone="07700 900123",
        job_title="Head of Early Help",
        region=Region.NORTH_EAST,
        leadership_years=6,
    )
    CareerEntryFactory(
        application=application,
        employer_name="Northtown Council",
        job_title="Head of Early Help",
        started=datetime.date(2020, 1, 1),
        ended=None,
        senior_leadership=True,
        summary="Led 120 staff across four localities.",
    )
    CareerEntryFactory(
        application=application,
        employer_name="Southtown Council",
        job_title="Team Manager",
        started=datetime.date(2015, 6, 1),
        ended=datetime.date(2019, 12, 31),
        senior_leadership=False,
    )
    capabilities = list(intake.capabilities.all())
    CapabilityStatementFactory(
        application=application, capability=capabilities[0], text="I stayed steady in a crisis."
    )
    CapabilityStatementFactory(
        application=application, capability=capabilities[1], text="I built a partnership."
    )
    EndorsementFactory(
        application=application,
        sponsor_name="Sam Sponsor",
        sponsor_email="sam@council.example",
        status=EndorsementStatus.ENDORSED,
        comment="Ready for the step up.",
    )
    return application


def url(application):
    return reverse("recruitment:application_detail", args=[application.reference])


def test_team_member_sees_everything_the_applicant_wrote(client, team_member, application):
    client.force_login(team_member)
    response = client.get(url(application))
    assert response.status_code == 200
    content = response.content.decode()
    for text in [
        '<h1 class="govuk-heading-l">Amara Okafor</h1>',
        "amara@council.example",
        "07700 900123",
        "Head of Early Help, Northtown Council",
        "January 2020 to now",
        "Led 120 staff across four localities.",
        "Team Manager, Southtown Council",
        "June 2015 to December 2019",
        "Personal leadership qualities and resilience",
        "I stayed steady in a crisis.",
        "Systems leadership, building alliances and partnerships",
        "I built a partnership.",
        "Sam Sponsor",
        "sam@council.example",
        "Director of Children&#x27;s Services",
        "Ready for the step up.",
        "North East",
        "Assistant director or head of service",
    ]:
        assert text in content, text
    assert response.context["statements"][0].text == "I stayed steady in a crisis."
    assert [entry.employer_name for entry in response.context["career"]] == [
        "Northtown Council",
        "Southtown Council",
    ]


def test_status_history_says_who_changed_the_status_and_when(client, team_member, application):
    application.status = ApplicationStatus.SHORTLISTED
    application._history_user = team_member
    application.save()
    application.phone = "07700 900999"  # a save that does not change the status
    application.save()
    client.force_login(team_member)
    history = client.get(url(application)).context["history"]
    assert [(change.status_label, change.changed_by) for change in history] == [
        ("Submitted", "Upon (automatic)"),
        ("Shortlisted", team_member.full_name),
    ]


def test_equality_monitoring_answers_are_never_shown(client, team_member, application):
    MonitoringResponse.objects.create(
        application=application,
        ethnicity="white_roma",
        religion="sikh",
        sexual_orientation="bisexual",
        disability="yes_a_lot",
        age_band="55_64",
    )
    client.force_login(team_member)
    content = client.get(url(application)).content.decode()
    for label in ["White: Roma", "Sikh", "Bisexual", "Yes, limited a lot", "55 to 64"]:
        assert label not in content


def test_team_member_of_another_programme_gets_404(client, other_team_member, application):
    client.force_login(other_team_member)
    assert client.get(url(application)).status_code == 404


def test_person_not_on_any_team_gets_403(client, outsider, application):
    client.force_login(outsider)
    assert client.get(url(application)).status_code == 403


def test_the_applicant_themselves_gets_403_here(client, application):
    client.force_login(application.applicant)
    assert client.get(url(application)).status_code == 403


def test_anonymous_person_is_sent_to_sign_in(client, application):
    response = client.get(url(application))
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/team/applications/UP-0042/"


def test_unknown_reference_is_404(client, team_member, application):
    client.force_login(team_member)
    assert client.get(reverse("recruitment:application_detail", args=["NOPE-1"])).status_code == 404
