"""The programme team's read-only admin (upon/admin_site.py): who gets in, what it shows, and
what it never shows."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.factories import (
    EndorsementFactory,
    RoleAssignmentFactory,
    SubmittedApplicationFactory,
    UserFactory,
)
from tests.permissions import world
from upon.accounts.models import Role
from upon.admin_site import TeamAdminSite
from upon.reporting.models import MonitoringResponse

OURS = {"accounts", "organisations", "programmes", "recruitment", "selection", "delivery"}
# Models the team does not read by name in the service, so not in the admin either (why in
# upon/admin_site.py and upon/delivery/admin.py).
UNREGISTERED = {
    "reporting.MonitoringResponse",  # equality monitoring: kept apart, the lead's reports only
    # The grant: kept on the team's own pages (Grant and outcomes); reporting has no admin.
    "reporting.BudgetLine",
    "reporting.Spend",
    "reporting.FunderReport",  # the funder's report: its own pages under Grant and outcomes
    # Equality monitoring's read log and the counts kept once answers are deleted: the lead's
    # Personal data pages (upon/privacy), never the admin.
    "reporting.EqualityRead",
    "reporting.EqualitySnapshot",
    "delivery.SetNote",  # private to the set
    "delivery.SessionFeedback",  # the team reads it without names
    "delivery.SelfAssessment",  # the participant's own; the team sees the cohort's needs
    "delivery.SelfRating",
    "delivery.DevelopmentGoal",
    "delivery.FacilitatorCalendar",  # a secret address
}


def registered() -> set[str]:
    return {model._meta.label for model in admin.site._registry}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def application(db):
    return SubmittedApplicationFactory(full_name="Grace Hopper-Smith")


def holder(role, programme):
    return RoleAssignmentFactory(role=role, programme=programme).user


def test_the_site_is_the_team_admin_at_admin_path(settings):
    assert isinstance(admin.site._wrapped, TeamAdminSite)
    assert reverse("admin:index") == f"/{settings.ADMIN_PATH}"
    assert settings.ADMIN_PATH == "team-admin/"


def test_every_model_is_registered_except_those_kept_from_the_team():
    every = {
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in OURS | {"reporting"}
        and not model.__name__.startswith("Historical")
    }
    assert registered() == every - UNREGISTERED
    assert every >= UNREGISTERED  # each name is a real model


def test_equality_monitoring_is_nowhere_in_the_admin():
    assert MonitoringResponse not in admin.site._registry
    assert not {label for label in registered() if label.startswith("reporting.")}
    # Nor reachable through another model's inline.
    for model_admin in admin.site._registry.values():
        for inline in model_admin.inlines:
            assert inline.model._meta.app_label != "reporting", model_admin


@pytest.mark.django_db
def test_the_reporting_app_has_no_admin_pages(application):
    lead = holder(Role.PROGRAMME_LEAD, application.intake.programme)
    MonitoringResponse.objects.create(application=application, ethnicity="prefer_not_to_say")
    client = client_for(lead)
    assert client.get("/team-admin/reporting/").status_code == 404
    assert client.get("/team-admin/reporting/monitoringresponse/").status_code == 404
    index = client.get(reverse("admin:index")).content.decode()
    assert "Monitoring" not in index and "reporting" not in index


def test_groups_and_the_task_queue_are_not_registered():
    assert not {"auth.Group", "django_tasks_db.DBTaskResult"} & registered()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PROGRAMME_TEAM, Role.PROGRAMME_LEAD])
def test_team_and_lead_read_the_index_and_a_changelist(role, application):
    client = client_for(holder(role, application.intake.programme))
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "Applications" in index.content.decode()
    changelist = client.get(reverse("admin:recruitment_application_changelist"))
    assert changelist.status_code == 200
    assert application.reference in changelist.content.decode()
    change = client.get(reverse("admin:recruitment_application_change", args=[application.pk]))
    assert change.status_code == 200
    assert "Grace Hopper-Smith" in change.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.REVIEWER, Role.PARTICIPANT, Role.FACILITATOR, Role.FUNDER, Role.COACH]
)
def test_other_roles_are_refused(role, application):
    person = RoleAssignmentFactory(
        role=role, programme=application.intake.programme, intake=application.intake
    ).user
    client = client_for(person)
    assert client.get(reverse("admin:index")).status_code == 403
    url = reverse("admin:recruitment_application_changelist")
    assert client.get(url).status_code == 403
    assert client.get(reverse("admin:login")).status_code == 403


@pytest.mark.django_db
def test_an_applicant_an_outsider_and_a_staff_flag_alone_are_refused(application):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    for person in (application.applicant, UserFactory(), superuser):
        assert client_for(person).get(reverse("admin:index")).status_code == 403


@pytest.mark.django_db
def test_an_inactive_team_member_is_refused(application):
    member = holder(Role.PROGRAMME_TEAM, application.intake.programme)
    client = client_for(member)
    member.is_active = False
    member.save()
    response = client.get(reverse("admin:index"))
    # Django signs an inactive person out (ModelBackend refuses them): sent to sign in.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


@pytest.mark.django_db
def test_signed_out_every_admin_address_goes_to_the_service_sign_in():
    sign_in = reverse("accounts:sign_in")
    index = reverse("admin:index")
    response = Client().get(index)
    assert response.status_code == 302
    assert response["Location"] == f"{sign_in}?next={index}"
    changelist = reverse("admin:recruitment_application_changelist")
    response = Client().get(f"{changelist}?q=x")
    assert response["Location"] == f"{sign_in}?next={changelist}%3Fq%3Dx"
    # The admin's own sign-in page sends people to the service's, which throttles.
    response = Client().get(f"{reverse('admin:login')}?next={changelist}")
    assert response["Location"] == f"{sign_in}?next={changelist}"
    assert (
        Client()
        .post(reverse("admin:login"), {"username": "a", "password": "b"})["Location"]
        .startswith(sign_in)
    )


@pytest.mark.django_db
def test_nothing_is_added_changed_or_deleted(application):
    client = client_for(holder(Role.PROGRAMME_TEAM, application.intake.programme))
    add = reverse("admin:recruitment_application_add")
    assert client.get(add).status_code == 403
    change = reverse("admin:recruitment_application_change", args=[application.pk])
    response = client.post(change, {"full_name": "Changed"})
    assert response.status_code == 403
    delete = reverse("admin:recruitment_application_delete", args=[application.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    application.refresh_from_db()
    assert application.full_name == "Grace Hopper-Smith"
    page = client.get(change).content.decode()
    assert 'name="_save"' not in page
    changelist = client.get(reverse("admin:recruitment_application_changelist"))
    assert "delete_selected" not in changelist.content.decode()


@pytest.mark.django_db
def test_history_is_shown(application):
    application.full_name = "Grace Hopper"
    application.save()
    client = client_for(holder(Role.PROGRAMME_TEAM, application.intake.programme))
    response = client.get(reverse("admin:recruitment_application_history", args=[application.pk]))
    assert response.status_code == 200
    assert (
        response.content.decode().count("Changed") + response.content.decode().count("Created") >= 2
    )


@pytest.mark.django_db
def test_secrets_are_not_shown(application):
    client = client_for(holder(Role.PROGRAMME_TEAM, application.intake.programme))
    endorsement = EndorsementFactory(application=application, token_hash="f00d" * 16)
    page = client.get(reverse("admin:recruitment_endorsement_change", args=[endorsement.pk]))
    assert page.status_code == 200
    assert endorsement.token_hash not in page.content.decode()


@pytest.mark.django_db
def test_every_changelist_renders_with_a_search(authorities, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    built = world.build()
    # The admin lists every programme's records: the lead of both of this world's programmes.
    other = built.other_cohort.intake.programme
    RoleAssignmentFactory(role=Role.PROGRAMME_LEAD, programme=other, user=built.users["lead"])
    client = client_for(built.users["lead"])
    for model, model_admin in admin.site._registry.items():
        assert model_admin.search_fields and model_admin.list_filter, model
        assert model_admin.list_display != ("__str__",), model
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, url
        assert client.get(url, {"q": "world"}).status_code == 200, url
        first = model.objects.first()
        if first is not None:
            change = reverse(
                f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[first.pk]
            )
            assert client.get(change).status_code == 200, change


def test_the_team_of_one_programme_of_two_is_refused(application, client):
    """The admin lists every programme's records: a team of one programme may not open it
    while another programme exists."""
    team = holder(Role.PROGRAMME_TEAM, application.intake.programme)
    assert client_for(team).get(reverse("admin:index")).status_code == 200
    SubmittedApplicationFactory()  # and with it another programme
    assert client_for(team).get(reverse("admin:index")).status_code == 403


@pytest.mark.django_db
def test_the_admin_pages_keep_the_content_security_policy(application):
    client = client_for(holder(Role.PROGRAMME_TEAM, application.intake.programme))
    page = client.get(reverse("admin:recruitment_application_changelist"))
    assert "script-src 'self'" in page["Content-Security-Policy"]
    html = page.content.decode()
    assert "<script>" not in html and " style=" not in html
