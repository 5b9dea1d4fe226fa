"""The whole journey with the test client: start to a submitted application."""

import datetime
import re

import pytest
from django.urls import reverse

from upon.organisations.models import Organisation, Region
from upon.recruitment.models import (
    Application,
    ApplicationStatus,
    CapabilityStatement,
    CareerEntry,
    EndorsementStatus,
    RoleLevel,
    Sector,
)

pytestmark = pytest.mark.django_db

STATEMENT = "I led a partnership that halved waiting times for a first assessment."


def _url(name, application, **kwargs):
    return reverse(f"recruitment:{name}", kwargs={"reference": application.reference, **kwargs})


def test_the_whole_journey(applicant_client, applicant, intake, authorities, mailoutbox):
    client = applicant_client
    start = reverse("recruitment:start_application", kwargs={"slug": intake.slug})
    page = client.get(start)
    assert "about 2 hours" in page.content.decode()

    response = client.post(start)
    application = Application.objects.get(applicant=applicant)
    assert application.reference == f"ADCS-{intake.opens_at.year}-00001"
    assert response.url == _url("task_list", application)
    assert application.status == ApplicationStatus.DRAFT
    assert application.full_name == "Amara Okafor"

    response = client.post(
        _url("about_you", application),
        {"full_name": "Amara Okafor", "phone": "07700 900982", "action": "continue"},
    )
    assert response.url == _url("task_list", application)

    camden = Organisation.objects.get(name="Camden")
    response = client.post(
        _url("current_role", application),
        {
            "job_title": "Assistant Director, Early Help",
            "role_level": RoleLevel.ASSISTANT_DIRECTOR,
            "sector": Sector.LOCAL_GOVERNMENT,
            "employer_kind": "local_authority",
            "local_authority": camden.pk,
            "employer_name": "",
            "region": "",
            "role_started_0": "1",
            "role_started_1": "4",
            "role_started_2": "2021",
            "action": "continue",
        },
    )
    assert response.url == _url("task_list", application)

    response = client.post(
        _url("career", application),
        {
            "form": "entry",
            "employer_name": "Camden Council",
            "job_title": "Assistant Director, Early Help",
            "started_0": "1",
            "started_1": "4",
            "started_2": "2021",
            "senior_leadership": "on",
        },
    )
    assert response.url == _url("career", application)
    response = client.post(_url("career", application), {"action": "continue"})
    assert response.url == _url("task_list", application)

    for capability in intake.capabilities.all():
        response = client.post(
            _url("statement", application, position=capability.position),
            {"text": STATEMENT, "action": "continue"},
        )
        assert response.url == _url("task_list", application)

    response = client.post(
        _url("endorsement", application),
        {
            "sponsor_name": "Sam Sponsor",
            "sponsor_email": "Sam@Council.example",
            "sponsor_role": "dcs",
            "action": "send",
        },
    )
    assert response.url == _url("task_list", application)
    assert [m.to for m in mailoutbox] == [["sam@council.example"]]
    link = re.search(r"http://\S+/endorse/\S+/", mailoutbox[0].body).group(0)
    path = link.split("testserver", 1)[-1].replace("http://127.0.0.1:8000", "")

    client.logout()
    sponsor_page = client.get(path)
    assert "Amara Okafor" in sponsor_page.content.decode()
    assert "Assistant Director, Early Help" in sponsor_page.content.decode()
    client.post(path, {"supports": "yes", "comment": "Ready for it."})
    assert mailoutbox[1].to == ["amara@council.example"]
    assert mailoutbox[1].subject == (
        f"Your sponsor supports your application {application.reference}"
    )

    client.force_login(applicant)
    task_list = client.get(_url("task_list", application)).content.decode()
    assert "You have completed 11 of 11 sections" in task_list

    check = client.get(_url("check_answers", application)).content.decode()
    assert "You cannot submit your application yet" not in check
    response = client.post(_url("check_answers", application), {"confirmed": "on"})
    assert response.url == _url("submitted", application)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at is not None
    assert application.declaration_confirmed_at == application.submitted_at
    assert (application.phone, application.job_title) == (
        "07700 900982",
        "Assistant Director, Early Help",
    )
    assert (application.role_level, application.sector) == (
        RoleLevel.ASSISTANT_DIRECTOR,
        Sector.LOCAL_GOVERNMENT,
    )
    assert (application.employer, application.region) == (camden, Region.LONDON)
    assert application.role_started == datetime.date(2021, 4, 1)
    assert list(
        CareerEntry.objects.filter(application=application).values_list(
            "employer_name", "job_title", "started", "ended", "senior_leadership"
        )
    ) == [
        (
            "Camden Council",
            "Assistant Director, Early Help",
            datetime.date(2021, 4, 1),
            None,
            True,
        )
    ]
    assert list(
        CapabilityStatement.objects.filter(application=application).values_list(
            "capability__position", "text"
        )
    ) == [(n, STATEMENT) for n in range(1, 8)]
    assert application.endorsement.status == EndorsementStatus.ENDORSED
    assert application.endorsement.comment == "Ready for it."
    assert [h.status for h in application.history.order_by("history_date")][-1] == "submitted"
    assert application.history.filter(status="draft").exists()

    confirmation = mailoutbox[2]
    assert confirmation.to == ["amara@council.example"]
    assert confirmation.subject == f"Application submitted: {application.reference}"
    assert f"Your reference is {application.reference}." in confirmation.body
    assert "What happens next" in confirmation.body

    done = client.get(_url("submitted", application)).content.decode()
    assert "govuk-panel--confirmation" in done
    assert application.reference in done
    assert len(mailoutbox) == 3
