"""Employers: the team or the director invites the contact; the contact answers check-ins by
the emailed link or with an account; a risk to retention flags the case; reminders weekly."""

import datetime
import re
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory
from tests.support.factories import AppointmentFactory, authority, completed_participant
from upon.accounts import roles
from upon.accounts.models import Invitation, Role
from upon.support import appointments, employers
from upon.support.models import EmployerCheckIn, EmployerPartnership

pytestmark = pytest.mark.django_db

D = datetime.date
LONDON = zoneinfo.ZoneInfo("Europe/London")
ANSWERS = {
    "going_well": "Strong start with the improvement board.",
    "support_needed": "Coaching on political leadership.",
    "retention_risk": "none",
    "risk_explanation": "",
}


@pytest.fixture
def december(time_machine):
    """2 December 2026, noon UK time: the 3-month check-in of support from 1 September is due."""
    noon = datetime.datetime(2026, 12, 2, 12, tzinfo=LONDON)
    time_machine.move_to(noon, tick=False)
    return noon


def support_for(person, programme, team, place="Leeds"):
    post = AppointmentFactory(
        person=person,
        programme=programme,
        local_authority=authority(place),
        starts_on=D(2026, 9, 1),
    )
    appointments.verify(appointment=post, version=post.version, by=team)
    return post.entitlement


@pytest.fixture
def entitlement(director, programme, team):
    return support_for(director, programme, team)


@pytest.fixture
def partnership(entitlement, team, december):
    return employers.invite(
        entitlement=entitlement,
        contact_name="Erin Employer",
        contact_email="Erin@Leeds.example",
        by=team,
    )


@pytest.fixture
def other_director(programme):
    return completed_participant(programme, ends_on=D(2025, 7, 31), full_name="Olu Otherdirector")


def link_of(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(link) -> str:
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


# Inviting


def test_the_team_invites_the_contact_who_is_emailed_a_link(client, entitlement, team, december):
    client.force_login(team)
    url = reverse("support:invite_employer", kwargs={"pk": entitlement.pk})
    data = {"contact_name": "Erin Employer", "contact_email": "Erin@Leeds.example"}
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == reverse("support:team_check_ins")
    partnership = EmployerPartnership.objects.get()
    assert (partnership.contact_email, partnership.local_authority.name) == (
        "erin@leeds.example",
        "Leeds",
    )
    assert [(c.month, c.due_on) for c in partnership.check_ins.all()] == [
        (3, D(2026, 12, 1)),
        (6, D(2027, 3, 1)),
        (12, D(2027, 9, 1)),
        (18, D(2028, 3, 1)),
        (24, D(2028, 9, 1)),
    ]
    [message] = mail.outbox
    assert message.to == ["erin@leeds.example"]
    assert message.subject == "Check in on Dee Director's first two years as a director"
    assert link_of(message).endswith(
        reverse("support:employer_check_ins", kwargs={"token": employers.link_token(partnership)})
    )


def test_the_director_invites_their_own_employer(client, entitlement, director, december):
    client.force_login(director)
    url = reverse("support:invite_employer", kwargs={"pk": entitlement.pk})
    response = client.post(url, {"contact_name": "Erin Employer", "contact_email": ""})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "contact_email": ["Enter the employer contact's email address"]
    }
    assert 'value="Erin Employer"' in response.content.decode()  # what was typed is kept
    data = {"contact_name": "Erin Employer", "contact_email": "erin@leeds.example"}
    assert client.post(url, data)["Location"] == reverse("support:my_support")
    assert EmployerPartnership.objects.get().invited_by == director


@pytest.mark.parametrize(
    "who,status", [("other_director", 404), ("other_team", 404), ("outsider", 403)]
)
def test_no_one_else_invites(client, request, entitlement, december, who, status):
    if who == "other_director":
        user = request.getfixturevalue("other_director")
        support_for(user, entitlement.programme, request.getfixturevalue("team"), "York")
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    url = reverse("support:invite_employer", kwargs={"pk": entitlement.pk})
    data = {"contact_name": "Mallory", "contact_email": "mallory@example.org"}
    assert client.post(url, data).status_code == status
    assert not EmployerPartnership.objects.exists() and not mail.outbox


# Answering by link


def check_in_url(partnership, month):
    token = employers.link_token(partnership)
    return reverse("support:employer_check_in", kwargs={"token": token, "month": month})


def test_the_contact_answers_the_due_check_in_by_link(client, partnership):
    url = check_in_url(partnership, 3)
    assert client.get(url).status_code == 200
    response = client.post(url, ANSWERS)
    assert response.status_code == 302
    done = partnership.check_ins.get(month=3)
    assert (done.going_well, done.retention_risk, done.completed_by) == (
        ANSWERS["going_well"],
        "none",
        None,
    )
    assert done.completed_at == datetime.datetime(2026, 12, 2, 12, tzinfo=LONDON)
    # Sent twice: the first answers stand.
    again = client.post(url, ANSWERS | {"going_well": "Changed"}, follow=True)
    assert "has been sent already" in again.content.decode()
    assert partnership.check_ins.get(month=3).going_well == ANSWERS["going_well"]


def test_some_or_high_risk_needs_an_explanation_next_to_the_field(client, partnership):
    response = client.post(check_in_url(partnership, 3), ANSWERS | {"retention_risk": "high"})
    assert response.context["form"].errors == {"risk_explanation": ["Enter what the risk is"]}
    page = response.content.decode()
    assert ANSWERS["going_well"] in page  # kept
    assert not partnership.check_ins.get(month=3).is_done


def test_a_check_in_not_yet_due_or_not_theirs_is_not_found(
    client, partnership, other_director, programme, team
):
    assert client.get(check_in_url(partnership, 6)).status_code == 404  # due 1 March 2027
    assert client.get(check_in_url(partnership, 4)).status_code == 404  # no such check-in
    other = employers.invite(
        entitlement=support_for(other_director, programme, team, "York"),
        contact_name="Yan York",
        contact_email="yan@york.example",
        by=team,
    )
    # A link names one partnership: the other's token does not reach this one's check-ins.
    listed = client.get(
        reverse("support:employer_check_ins", kwargs={"token": employers.link_token(other)})
    )
    assert [c.partnership_id for c in listed.context["check_ins"]] == [other.pk] * 5
    bad = employers.link_token(partnership)[:-2] + "xx"
    assert client.get(reverse("support:employer_check_ins", kwargs={"token": bad})).status_code == (
        404
    )


def test_a_new_contact_replaces_the_old_link(client, partnership, entitlement, team):
    old = check_in_url(partnership, 3)
    employers.invite(
        entitlement=entitlement,
        contact_name="Nia New",
        contact_email="nia@leeds.example",
        by=team,
    )
    assert client.get(old).status_code == 404
    assert EmployerCheckIn.objects.count() == 5


# Flags and the team's pages


def test_a_risk_answer_flags_the_case_to_the_team(client, partnership, team):
    client.post(
        check_in_url(partnership, 3),
        ANSWERS | {"retention_risk": "some", "risk_explanation": "Interviewing elsewhere."},
    )
    client.force_login(team)
    listed = client.get(reverse("support:team_entitlements"))
    assert [e.retention_flagged for e in listed.context["page"]] == [True]
    assert "Risk to retention" in listed.content.decode()
    flagged = client.get(reverse("support:team_check_ins"), {"show": "flagged"})
    assert [(c.month, c.risk_explanation) for c in flagged.context["page"]] == [
        (3, "Interviewing elsewhere.")
    ]
    assert list(client.get(reverse("support:team_check_ins")).context["page"]) == []


def test_the_team_sees_due_overdue_and_done(client, partnership, team, other_team, time_machine):
    client.force_login(team)
    url = reverse("support:team_check_ins")
    assert [c.month for c in client.get(url).context["page"]] == [3]
    assert list(client.get(url, {"show": "overdue"}).context["page"]) == []
    time_machine.move_to(datetime.datetime(2026, 12, 29, 12, tzinfo=LONDON), tick=False)
    client.force_login(team)  # the session of four weeks ago has expired
    assert [c.month for c in client.get(url, {"show": "overdue"}).context["page"]] == [3]
    client.post(check_in_url(partnership, 3), ANSWERS)
    assert [c.month for c in client.get(url, {"show": "done"}).context["page"]] == [3]
    client.force_login(other_team)
    assert list(client.get(url, {"show": "done"}).context["page"]) == []


@pytest.mark.parametrize("count", [1, 3])
def test_the_team_check_ins_query_count_is_the_same_for_1_and_3(
    client, programme, team, december, django_assert_num_queries, count
):
    for i in range(count):
        person = completed_participant(programme, ends_on=D(2025, 7, 31))
        employers.invite(
            entitlement=support_for(person, programme, team, ["Leeds", "York", "Bury"][i]),
            contact_name=f"Contact {i}",
            contact_email=f"contact{i}@example.org",
            by=team,
        )
    client.force_login(team)
    url = reverse("support:team_check_ins")
    client.get(url)
    # session, user, roles, count, check-ins with directors and authorities.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["page"]) == count


# The director sees the status, not the answers


def test_the_director_sees_the_check_ins_status_not_the_answers(
    client, partnership, director, other_director, programme, team
):
    client.post(
        check_in_url(partnership, 3),
        ANSWERS | {"retention_risk": "high", "risk_explanation": "Unhappy with the council."},
    )
    client.force_login(director)
    page = client.get(reverse("support:my_support")).content.decode()
    assert "Your employer's check-ins" in page and "Erin Employer" in page
    assert "Done" in page and "Upcoming" in page
    assert "Unhappy" not in page and ANSWERS["going_well"] not in page
    support_for(other_director, programme, team, "York")
    client.force_login(other_director)
    page = client.get(reverse("support:my_support")).content.decode()
    assert "Erin Employer" not in page and "Invite your employer contact" in page


# An account from the link


def test_the_contact_creates_an_account_and_sees_only_their_check_ins(
    client, partnership, other_director, programme, team
):
    employers.invite(
        entitlement=support_for(other_director, programme, team, "York"),
        contact_name="Yan York",
        contact_email="yan@york.example",
        by=team,
    )
    token = employers.link_token(partnership)
    response = client.post(reverse("support:employer_account", kwargs={"token": token}))
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role) == ("erin@leeds.example", Role.EMPLOYER_CONTACT)
    assert (
        response["Location"].startswith("/invitations/")
        or "create-account" in (response["Location"])
    )
    created = client.post(
        response["Location"],
        {
            "full_name": "Erin Employer",
            "password1": "a long pass phrase",
            "password2": "a long pass phrase",
        },
    )
    assert created.status_code == 302, created.context["form"].errors
    listed = client.get(reverse("support:my_check_ins"))
    assert [p.pk for p, _ in listed.context["partnerships"]] == [partnership.pk]


@pytest.mark.parametrize("count", [1, 3])
def test_the_contact_page_query_count_is_the_same_for_1_and_3(
    client, programme, team, december, django_assert_num_queries, count
):
    contact = UserFactory(email="erin@leeds.example")
    from upon.accounts.services import grant_role

    grant_role(user=contact, role=Role.EMPLOYER_CONTACT, programme=programme)
    for i in range(count):
        person = completed_participant(programme, ends_on=D(2025, 7, 31))
        employers.invite(
            entitlement=support_for(person, programme, team, ["Leeds", "York", "Bury"][i]),
            contact_name="Erin Employer",
            contact_email="erin@leeds.example",
            by=team,
        )
    client.force_login(contact)
    roles.forget_roles(contact)
    url = reverse("support:my_check_ins")
    client.get(url)
    # session, user, roles, partnerships with directors and authorities, their check-ins.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["partnerships"]) == count


def test_another_contact_and_an_outsider_do_not_see_them(client, partnership, programme, outsider):
    from upon.accounts.services import grant_role

    other = UserFactory(email="other@council.example")
    grant_role(user=other, role=Role.EMPLOYER_CONTACT, programme=programme)
    client.force_login(other)
    assert client.get(reverse("support:my_check_ins")).context["partnerships"] == []
    client.force_login(outsider)
    assert client.get(reverse("support:my_check_ins")).status_code == 403


# Reminders


def test_reminders_go_weekly_to_due_check_ins_until_done(client, partnership, time_machine):
    mail.outbox.clear()
    now = datetime.datetime(2026, 12, 2, 12, tzinfo=LONDON)
    assert employers.send_check_in_reminders(now=now) == 1
    [message] = mail.outbox
    assert message.to == ["erin@leeds.example"]
    assert message.subject == "the 3-month check-in on Dee Director"
    assert link_of(message) == employers.check_ins_link(partnership)
    # A second run at the same time, or within the week, sends nothing.
    assert employers.send_check_in_reminders(now=now) == 0
    assert employers.send_check_in_reminders(now=now + datetime.timedelta(days=6)) == 0
    week_on = now + datetime.timedelta(days=7)
    assert employers.send_check_in_reminders(now=week_on) == 1
    # Four weeks after it was due: overdue; once done, no more.
    month_on = datetime.datetime(2026, 12, 30, 12, tzinfo=LONDON)
    assert employers.send_check_in_reminders(now=month_on) == 1
    assert mail.outbox[-1].subject == "Overdue: the 3-month check-in on Dee Director"
    client.post(check_in_url(partnership, 3), ANSWERS)
    assert employers.send_check_in_reminders(now=month_on + datetime.timedelta(days=7)) == 0
