"""Two people of the programme team change the same cohort, session, venue, challenge or action
learning set: the second save is refused (409) with what is saved now beside what they typed,
which the form keeps with the version saved now, so saving again applies it."""

import datetime
import threading

import pytest
from django.db import connection
from django.forms import MultiWidget
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.delivery.factories import (
    ActionLearningSetFactory,
    SessionFactory,
    VenueFactory,
    facilitator_for,
)
from tests.factories import RoleAssignmentFactory
from upon.accounts.models import Role
from upon.delivery import challenges
from upon.delivery.models import ActionLearningSet, Challenge, Cohort, Session, Venue
from upon.programmes.models import Intake
from upon.service.versioning import Difference, StaleVersion, claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(cohort):
    """A second member of the same programme team."""
    return RoleAssignmentFactory(
        role=Role.PROGRAMME_TEAM,
        programme=cohort.intake.programme,
        user__full_name="Bea Colleague",
    ).user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def opened(client, url) -> dict:
    """What the edit page sends back if the person changes nothing."""
    response = client.get(url)
    assert response.status_code == 200
    data = {}
    for field in response.context["form"]:
        value, widget = field.value(), field.field.widget
        if isinstance(widget, MultiWidget):
            parts = value if isinstance(value, list) else widget.decompress(value)
            for number, part in enumerate(parts):
                data[f"{field.html_name}_{number}"] = "" if part is None else str(part)
        elif isinstance(value, list):
            data[field.html_name] = [str(v) for v in value]
        else:
            data[field.html_name] = "" if value is None else str(value)
    return data


def cohort_record(cohort):
    return cohort, reverse("delivery:settings", args=[cohort.pk]), "name", "Cohort name"


def venue_record(cohort):
    venue = VenueFactory(programme=cohort.intake.programme, name="Civic Hall")
    return venue, reverse("delivery:edit_venue", args=[cohort.pk, venue.pk]), "name", "Venue name"


def challenge_record(cohort):
    challenge = challenges.create_challenge(
        cohort=cohort,
        title="Reduce placement moves",
        brief="Halve placement moves.",
        deadline=timezone.now() + datetime.timedelta(days=14),
    )
    return challenge, reverse("delivery:edit_challenge", args=[challenge.pk]), "title", "Title"


def session_record(cohort):
    session = SessionFactory(cohort=cohort, sequence_number=1, title="Taught day 1")
    return session, reverse("delivery:edit_session", args=[session.pk]), "title", "Title"


RECORDS = [cohort_record, venue_record, challenge_record, session_record]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.__name__)
def test_the_second_of_two_saves_sees_both_versions_and_keeps_what_they_typed(
    record, cohort, team, colleague
):
    thing, url, name, label = record(cohort)
    first, second = signed_in(team), signed_in(colleague)
    firsts, seconds = opened(first, url), opened(second, url)
    assert firsts["version"] == seconds["version"] == "1"
    firsts[name], seconds[name] = "Changed first", "Changed second"
    assert first.post(url, firsts).status_code == 302

    response = second.post(url, seconds)

    assert response.status_code == 409
    content = response.content.decode()
    assert "<title>Error: " in content
    assert (
        '<a href="#stale-version">Someone else changed this while you were editing</a>' in content
    )
    stale = response.context["form"].stale
    assert stale.differences == (Difference(label, "Changed first", "Changed second"),)
    assert stale.changed_by == team
    assert f"It was changed by {team.full_name} on" in content
    assert 'value="Changed second"' in content
    assert 'name="version" value="2"' in content
    thing.refresh_from_db()
    assert (getattr(thing, name), thing.version, thing.changed_by) == ("Changed first", 2, team)

    # Saving again, having seen what is saved now, applies what they typed.
    assert second.post(url, response.context["form"].data).status_code == 302
    thing.refresh_from_db()
    assert (getattr(thing, name), thing.version, thing.changed_by) == (
        "Changed second",
        3,
        colleague,
    )


def test_choosing_a_sets_facilitator_twice_at_once(cohort, team, colleague, facilitator):
    group = ActionLearningSetFactory(cohort=cohort, name="Set 1")
    other = facilitator_for(cohort, full_name="Second Facilitator")
    url = reverse("delivery:set_facilitator", args=[group.pk])
    first, second = signed_in(team), signed_in(colleague)
    firsts, seconds = opened(first, url), opened(second, url)
    firsts["facilitator"], seconds["facilitator"] = str(facilitator.pk), str(other.pk)
    assert first.post(url, firsts).status_code == 302

    response = second.post(url, seconds)

    assert response.status_code == 409
    content = response.content.decode()
    assert response.context["form"].stale.differences == (
        Difference("Who facilitates Set 1?", "Fran Facilitator", "Second Facilitator"),
    )
    assert f'value="{other.pk}" checked' in content
    group.refresh_from_db()
    assert (group.facilitator, group.version) == (facilitator, 2)


def test_a_page_sent_without_a_version_is_treated_as_stale(cohort, team):
    client = signed_in(team)
    url = reverse("delivery:settings", args=[cohort.pk])
    data = opened(client, url)
    del data["version"]
    data["name"] = "Changed"
    response = client.post(url, data)
    assert response.status_code == 409
    assert 'name="version" value="1"' in response.content.decode()
    assert Cohort.objects.get().name != "Changed"


def test_the_add_pages_have_no_version(cohort, team):
    client = signed_in(team)
    for url in [
        reverse("delivery:add_venue", args=[cohort.pk]),
        reverse("delivery:add_challenge", args=[cohort.pk]),
        reverse("delivery:add_session", args=[cohort.pk]),
    ]:
        assert 'name="version"' not in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row-level concurrency: PostgreSQL")
@pytest.mark.parametrize("model", [Intake, Cohort, Session, Venue, Challenge, ActionLearningSet])
def test_two_concurrent_saves_of_the_same_version_exactly_one_wins(model, authorities):
    from tests.delivery.factories import CohortFactory

    cohort = CohortFactory()
    record = {
        Intake: lambda: cohort.intake,
        Cohort: lambda: cohort,
        Session: lambda: SessionFactory(cohort=cohort),
        Venue: lambda: VenueFactory(programme=cohort.intake.programme),
        Challenge: lambda: Challenge.objects.create(
            cohort=cohort, title="A", brief="B", deadline=timezone.now()
        ),
        ActionLearningSet: lambda: ActionLearningSetFactory(cohort=cohort),
    }[model]()
    outcomes = concurrently(model, record.pk, people=4)
    assert sorted(outcomes) == ["stale", "stale", "stale", "won"]
    assert model.objects.get(pk=record.pk).version == 2


def concurrently(model, pk, *, people: int) -> list[str]:
    """`people` saves of version 1 at once, each holding its transaction open a moment."""
    from django.db import transaction

    barrier = threading.Barrier(people)
    outcomes = []

    def save():
        try:
            record = model.objects.get(pk=pk)
            barrier.wait()
            with transaction.atomic():
                claim(record, version=1)
                threading.Event().wait(0.05)
            outcomes.append("won")
        except StaleVersion:
            outcomes.append("stale")
        finally:
            connection.close()

    threads = [threading.Thread(target=save) for _ in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_saving_a_record_loaded_earlier_never_takes_its_version_back(cohort):
    earlier = Cohort.objects.get(pk=cohort.pk)
    claim(cohort, version=1)
    earlier.name = "Renamed"
    earlier.save()
    assert Cohort.objects.values_list("name", "version").get() == ("Renamed", 2)


def test_switching_mode_moves_the_sessions_version(cohort):
    from upon.delivery import sessions

    session = SessionFactory(cohort=cohort, starts_at=timezone.now() + datetime.timedelta(days=9))
    session.ends_at = session.starts_at + datetime.timedelta(hours=2)
    session.save()
    sessions.switch_mode(sessions=[session], mode="virtual", joining_link="https://a.example")
    assert Session.objects.get().version == 2
