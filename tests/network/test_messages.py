"""Messages: writing from a profile, the email with a link (never the sender's address),
conversations private to the two, unread counts, blocking, reporting, the rate limit."""

import datetime

import pytest
from django.core import mail

from tests.network.factories_directory import ProfileFactory, conversation_of, member
from upon.accounts.models import Role
from upon.network import messages as conversations
from upon.network.models import Block, Conversation, Message, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def june(time_machine):
    now = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)
    time_machine.move_to(now, tick=False)
    return now


@pytest.fixture
def other(programme):
    return member(programme, Role.NEW_DIRECTOR, full_name="Olly Other")


def test_sending_starts_one_conversation_a_pair_and_emails_the_recipient(
    alumnus, peer, june, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://upon.example"
    with django_capture_on_commit_callbacks(execute=True):
        message = conversations.send(sender=alumnus, recipient=peer, body="Hello <b>Priya</b>")
    with django_capture_on_commit_callbacks(execute=True):
        conversations.send(sender=peer, recipient=alumnus, body="Hello back")
    conversation = Conversation.objects.get()
    assert (conversation.first_id, conversation.second_id) == tuple(sorted((alumnus.pk, peer.pk)))
    assert conversation.started_by == alumnus
    assert [m.to for m in mail.outbox] == [["priya@council.example"], ["alex@council.example"]]
    email = mail.outbox[0]
    assert email.subject == "Alex Alumnus sent you a message on Upon"
    assert "Hello <b>Priya</b>" in email.body
    assert f"https://upon.example/network/messages/{message.conversation_id}/" in email.body
    assert "alex@council.example" not in email.body


def test_a_blocked_sender_is_refused(alumnus, peer, june):
    conversations.block(blocker=peer, blocked=alumnus)
    with pytest.raises(conversations.CannotSend) as refusal:
        conversations.send(sender=alumnus, recipient=peer, body="Hello")
    assert refusal.value.message == "You cannot send messages to this person"
    conversations.unblock(blocker=peer, blocked=alumnus)
    conversations.send(sender=alumnus, recipient=peer, body="Hello")


def test_at_most_ten_messages_an_hour(alumnus, peer, other, time_machine, june):
    for _ in range(conversations.RATE_LIMIT):
        conversations.send(sender=alumnus, recipient=peer, body="Hello")
    with pytest.raises(conversations.CannotSend):
        conversations.send(sender=alumnus, recipient=other, body="Hello")
    time_machine.move_to(june + datetime.timedelta(hours=1, seconds=1), tick=False)
    conversations.send(sender=alumnus, recipient=other, body="Hello")


def test_write_to_a_member_from_their_profile(client, alumnus, peer, june):
    profile = ProfileFactory(user=peer)
    client.force_login(alumnus)
    response = client.post(f"/network/directory/{profile.pk}/message/", {"body": ""})
    assert "Enter your message" in response.content.decode()
    too_long = "y" * 2001
    response = client.post(f"/network/directory/{profile.pk}/message/", {"body": too_long})
    content = response.content.decode()
    assert "Your message must be 2,000 characters or fewer" in content
    assert too_long in content
    assert not Message.objects.exists()
    response = client.post(f"/network/directory/{profile.pk}/message/", {"body": "Hi"})
    conversation = Conversation.objects.get()
    assert response.url == f"/network/messages/{conversation.pk}/"


def test_the_rate_limit_is_told_next_to_the_field_keeping_the_text(client, alumnus, peer, june):
    profile = ProfileFactory(user=peer)
    for _ in range(conversations.RATE_LIMIT):
        conversations.send(sender=alumnus, recipient=peer, body="Hello")
    client.force_login(alumnus)
    response = client.post(f"/network/directory/{profile.pk}/message/", {"body": "One more"})
    content = response.content.decode()
    assert response.status_code == 200
    assert conversations.TOO_MANY in content
    assert "One more</textarea>" in content


def test_a_blocked_sender_is_told_on_the_page(client, alumnus, peer, june):
    profile = ProfileFactory(user=peer)
    Block.objects.create(blocker=peer, blocked=alumnus)
    client.force_login(alumnus)
    response = client.post(f"/network/directory/{profile.pk}/message/", {"body": "Hi"})
    assert "You cannot send messages to this person" in response.content.decode()
    assert not Message.objects.exists()


def test_a_conversation_is_private_to_the_two(client, alumnus, peer, other, team, outsider):
    conversation = conversation_of(alumnus, peer, "<script>alert(1)</script>")
    url = f"/network/messages/{conversation.pk}/"
    for person in (other, team, outsider):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"body": "Hi"}).status_code == 404
        assert client.post(f"{url}block/").status_code == 404
        message = conversation.messages.get()
        assert client.get(f"/network/messages/report/{message.pk}/").status_code == 404
    client.force_login(peer)
    response = client.get(url)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def test_viewing_marks_read_and_the_list_counts_unread(client, alumnus, peer, other, june):
    # The latest conversation first.
    first = conversation_of(alumnus, peer, "One", "Two", "Three")
    conversation_of(other, peer, "Hi")
    client.force_login(peer)
    rows = client.get("/network/messages/").context["rows"]
    assert [(c.other(peer).full_name, c.unread) for c, _ in rows] == [
        ("Olly Other", 1),
        ("Alex Alumnus", 2),
    ]
    client.get(f"/network/messages/{first.pk}/")
    assert conversations.unread_total(peer) == 1
    # The sender's own message stays unread until the other reads it.
    assert conversations.unread_total(alumnus) == 1


def test_a_reply_goes_to_the_other(client, alumnus, peer, june, django_capture_on_commit_callbacks):
    conversation = conversation_of(alumnus, peer, "Hello")
    client.force_login(peer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/network/messages/{conversation.pk}/", {"body": "Thanks"})
    assert response.url == f"/network/messages/{conversation.pk}/"
    assert [m.to for m in mail.outbox] == [["alex@council.example"]]


def test_block_and_unblock_from_the_conversation(client, alumnus, peer, june):
    conversation = conversation_of(alumnus, peer, "Hello")
    client.force_login(peer)
    client.post(f"/network/messages/{conversation.pk}/block/")
    assert Block.objects.filter(blocker=peer, blocked=alumnus).exists()
    client.force_login(alumnus)
    response = client.post(f"/network/messages/{conversation.pk}/", {"body": "Please"})
    assert "You cannot send messages to this person" in response.content.decode()
    client.force_login(peer)
    client.post(f"/network/messages/{conversation.pk}/unblock/")
    assert not Block.objects.exists()


def test_report_a_message(client, alumnus, peer, june):
    conversation = conversation_of(alumnus, peer, "Rude")
    message = conversation.messages.get()
    url = f"/network/messages/report/{message.pk}/"
    client.force_login(peer)
    assert "Enter why you are reporting" in client.post(url, {"reason": ""}).content.decode()
    response = client.post(url, {"reason": "Offensive"}, follow=True)
    assert "The programme team will read the message" in response.content.decode()
    report = Report.objects.get()
    assert (report.message, report.reporter, report.reason) == (message, peer, "Offensive")
    client.force_login(alumnus)
    assert client.get(url).url == f"/network/messages/{conversation.pk}/"


def test_the_team_and_outsiders_have_no_messages_page(client, team, outsider):
    for person in (team, outsider):
        client.force_login(person)
        assert client.get("/network/messages/").status_code == 403


@pytest.mark.parametrize("count", [1, 3])
def test_the_conversation_list_query_count_does_not_grow(
    client, programme, alumnus, count, django_assert_num_queries
):
    for number in range(count):
        conversation_of(member(programme, full_name=f"Member {number}"), alumnus, "Hi", "Hello")
    client.force_login(alumnus)
    client.get("/network/messages/")
    # Session, user, roles, count, page.
    with django_assert_num_queries(5):
        response = client.get("/network/messages/")
    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_the_conversation_page_query_count_does_not_grow(
    client, alumnus, peer, count, django_assert_num_queries
):
    conversation = conversation_of(alumnus, peer, *["Hi"] * count)
    client.force_login(alumnus)
    client.get(f"/network/messages/{conversation.pk}/")
    # Session, user, roles, the conversation, its messages, whether blocked.
    with django_assert_num_queries(6):
        client.get(f"/network/messages/{conversation.pk}/")


def test_the_rules_give_a_conversation_to_its_two_people_only(alumnus, peer, other, team):
    conversation = conversation_of(alumnus, peer, "Hello")
    message = conversation.messages.select_related("conversation").get()
    assert [
        person.has_perm("network.take_part", conversation)
        for person in (alumnus, peer, other, team)
    ] == [True, True, False, False]
    assert [
        person.has_perm("network.report_message", message)
        for person in (alumnus, peer, other, team)
    ] == [True, True, False, False]
    assert [person.has_perm("network.view_profile") for person in (alumnus, peer, other, team)] == [
        True,
        True,
        True,
        False,
    ]
