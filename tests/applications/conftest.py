import pytest

from tests.factories import ApplicationFactory, IntakeFactory, UserFactory


@pytest.fixture
def intake(db):
    """An open intake with the seven default capabilities."""
    return IntakeFactory(name="Intake 2027", slug="intake-2027", reference_prefix="ADCS")


@pytest.fixture
def applicant(db):
    return UserFactory(full_name="Amara Okafor", email="amara@council.example")


@pytest.fixture
def application(applicant, intake):
    """The applicant's draft, nothing filled in."""
    return ApplicationFactory(applicant=applicant, intake=intake, reference="ADCS-2026-00001")


@pytest.fixture
def applicant_client(client, applicant):
    client.force_login(applicant)
    return client


@pytest.fixture
def other_applicant(db):
    """Another applicant, to the same intake, with their own draft."""
    return UserFactory(full_name="Ben Other", email="ben@council.example")


@pytest.fixture
def complete_draft(application, authorities):
    """The applicant's draft with every required section complete and endorsed."""
    import datetime

    from tests.factories import CapabilityStatementFactory, CareerEntryFactory, EndorsementFactory
    from upon.organisations.models import Organisation

    employer = Organisation.objects.get(name="Leeds")
    application.phone = "07700 900982"
    application.job_title = "Head of Service"
    application.role_level = "assistant_director"
    application.sector = "local_government"
    application.employer = employer
    application.region = employer.region
    application.role_started = datetime.date(2021, 4, 1)
    capabilities = list(application.intake.capabilities.all())
    application.completed_sections = ["about_you", "current_role", "career"] + [
        f"statement_{c.position}" for c in capabilities
    ]
    application.save()
    CareerEntryFactory(application=application)
    for capability in capabilities:
        CapabilityStatementFactory(application=application, capability=capability)
    EndorsementFactory(
        application=application,
        status="endorsed",
        requested_at=application.created_at,
        responded_at=application.created_at,
    )
    return application
