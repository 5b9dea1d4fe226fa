"""A form sent twice saves once (upon/service/once.py): the token on the page, what a repeat
gets, what frees a token, forgetting old tokens, and ten people's worth of clicks at once."""

import datetime
import re
import threading
import uuid

import pytest
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.management import call_command
from django.db import connection, connections
from django.http import HttpResponse
from django.shortcuts import redirect
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.delivery.factories import CohortFactory
from tests.factories import RoleAssignmentFactory
from upon.accounts.models import Role
from upon.delivery.models import Venue
from upon.service import once
from upon.service.models import Submission

TOKEN = re.compile(r'<input type="hidden" name="submission" value="([0-9a-f-]{36})"')


@pytest.fixture
def cohort(authorities):
    return CohortFactory()


@pytest.fixture
def team(cohort):
    return RoleAssignmentFactory(role=Role.PROGRAMME_TEAM, programme=cohort.intake.programme).user


def venue_url(cohort):
    return reverse("delivery:add_venue", args=[cohort.pk])


def test_each_page_gets_a_fresh_token_and_a_form_with_errors_keeps_it(client, team, cohort):
    client.force_login(team)
    first = TOKEN.findall(client.get(venue_url(cohort)).content.decode())
    second = TOKEN.findall(client.get(venue_url(cohort)).content.decode())
    assert len(first) == len(second) == 1 and first != second
    again = client.post(venue_url(cohort), {"name": "", "submission": first[0]})
    assert TOKEN.findall(again.content.decode()) == first
    # Refused, so the token is free: the corrected form saves with it.
    assert not Submission.objects.exists()
    data = {"name": "Civic Hall", "address": "1 High Street", "submission": first[0]}
    assert client.post(venue_url(cohort), data).status_code == 302
    assert list(Venue.objects.values_list("name", flat=True)) == ["Civic Hall"]
    assert Submission.objects.get().location == reverse("delivery:venues", args=[cohort.pk])


def test_a_repeat_goes_where_the_first_went_and_says_it_was_saved_once(client, team, cohort):
    client.force_login(team)
    data = {"name": "Civic Hall", "address": "1 High Street", "submission": str(uuid.uuid4())}
    client.post(venue_url(cohort), data)
    response = client.post(venue_url(cohort), data, follow=True)
    assert response.redirect_chain == [(reverse("delivery:venues", args=[cohort.pk]), 302)]
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["Civic Hall saved.", once.ALREADY_SAVED]
    assert Venue.objects.count() == 1


def test_a_post_without_a_token_is_not_held_back(client, team, cohort):
    client.force_login(team)
    for _ in range(2):
        client.post(venue_url(cohort), {"name": "Civic Hall", "address": "1 High Street"})
    assert Venue.objects.count() == 2
    assert not Submission.objects.exists()


def request_with(token):
    request = RequestFactory().post("/", {once.FIELD: str(token)})
    request._messages = CookieStorage(request)
    return request


@pytest.mark.django_db
def test_a_refusal_said_with_an_error_message_frees_the_token():
    calls = []

    @once.once
    def view(request):
        calls.append(1)
        messages.error(request, "Teams cannot be formed again")
        return redirect("/back/")

    token = uuid.uuid4()
    view(request_with(token))
    view(request_with(token))
    assert len(calls) == 2
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_view_that_fails_saves_nothing_and_frees_the_token():
    @once.once
    def view(request):
        Submission.objects.create(token=uuid.uuid4())  # something the view wrote
        raise RuntimeError("broken")

    with pytest.raises(RuntimeError):
        view(request_with(uuid.uuid4()))
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_a_page_shown_again_frees_the_token():
    @once.once
    def view(request):
        return HttpResponse("the form again")

    view(request_with(uuid.uuid4()))
    assert not Submission.objects.exists()


@pytest.mark.django_db
def test_tokens_older_than_seven_days_are_forgotten():
    now = timezone.now()
    old = Submission.objects.create(token=uuid.uuid4(), created_at=now - datetime.timedelta(days=8))
    kept = Submission.objects.create(
        token=uuid.uuid4(), created_at=now - datetime.timedelta(days=6)
    )
    assert once.purge(now=now) == 1
    assert list(Submission.objects.all()) == [kept]
    assert old.pk not in Submission.objects.values_list("pk", flat=True)


def test_the_purge_command_says_how_many(capsys, db):
    Submission.objects.create(
        token=uuid.uuid4(), created_at=timezone.now() - datetime.timedelta(days=30)
    )
    call_command("purge_submissions")
    assert capsys.readouterr().out == "Forgot 1 form submission\n"
    assert not Submission.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite takes one writer at a time: there is no race to lose",
)
@pytest.mark.django_db(transaction=True)
def test_ten_identical_submissions_at_once_save_one(team, cohort):
    data = {"name": "Civic Hall", "address": "1 High Street", "submission": str(uuid.uuid4())}
    start = threading.Barrier(10)
    answers = []

    def submit():
        client = Client()
        client.force_login(team)
        try:
            start.wait()
            answers.append(client.post(venue_url(cohort), data))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answer.status_code for answer in answers) == [302] * 10
    assert {answer.url for answer in answers} == {reverse("delivery:venues", args=[cohort.pk])}
    assert Venue.objects.count() == 1
