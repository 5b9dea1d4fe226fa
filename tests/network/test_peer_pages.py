"""Ask a peer's pages: asking, the two lists, a question with the answers the viewer may see,
answering and agreeing to share; private to the asker and those asked (404, the team too)."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.network.factories_peer import answer, member, question
from upon.accounts.models import Role
from upon.network.models import Answer, Question, Resource

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def people(programme):
    nia = member(programme, "Nia Newdirector", role=Role.NEW_DIRECTOR, email="nia@la.example")
    fay = member(programme, "Fay Finance", topics=["finance"], email="fay@la.example")
    oli = member(programme, "Oli Other", topics=["send"])
    return nia, fay, oli


@pytest.fixture
def asked(people):
    nia, fay, _ = people
    return question(nia, told=[fay], title="How do I set a budget?", body=f"Details {SCRIPT}")


def test_asking_sends_the_question_and_shows_it(client, people):
    nia, fay, _ = people
    client.force_login(nia)
    response = client.post(
        reverse("network:ask_peer"),
        {"topic": "finance", "title": "Budgets in year one", "body": "Where do I start?"},
    )
    asked = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("network:question", args=[asked.pk])
    assert [m.to for m in mail.outbox] == [["fay@la.example"]]
    page = client.get(response["Location"])
    assert "Your question was sent to 1 member who offer this topic." in page.content.decode()


def test_asking_with_nothing_and_too_much_is_refused_keeping_what_was_typed(client, people):
    nia, _, _ = people
    client.force_login(nia)
    response = client.post(
        reverse("network:ask_peer"), {"topic": "", "title": "x" * 151, "body": ""}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Ask a peer" in content
    assert "Select the topic of your question" in content
    assert "Your question in a sentence must be 150 characters or fewer" in content
    assert "Enter more detail about your question" in content
    assert 'value="' + "x" * 151 + '"' in content
    assert not Question.objects.exists()


def test_the_asker_and_those_asked_see_the_question_no_one_else(
    client, people, asked, team, outsider
):
    nia, fay, oli = people
    answer(asked, fay, "Start from the outturn.")
    url = reverse("network:question", args=[asked.pk])
    client.force_login(nia)
    content = client.get(url).content.decode()
    assert "Start from the outturn." in content
    assert "Details &lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert SCRIPT not in content
    client.force_login(fay)
    content = client.get(url).content.decode()
    assert "Your answer" in content and "Start from the outturn." in content
    for other in (oli, team, outsider):
        client.force_login(other)
        assert client.get(url).status_code == 404


def test_those_asked_see_only_their_own_answer(client, programme, people, asked):
    nia, fay, _ = people
    sam = member(programme, "Sam Second", topics=["finance"])
    asked.notices.create(member=sam)
    answer(asked, fay, "Fay's own answer.")
    client.force_login(sam)
    content = client.get(reverse("network:question", args=[asked.pk])).content.decode()
    assert "Fay&#x27;s own answer." not in content
    assert "Send your answer" in content


def test_answering_emails_the_asker(client, people, asked):
    nia, fay, _ = people
    client.force_login(fay)
    response = client.post(
        reverse("network:answer_question", args=[asked.pk]), {"body": f"Try this {SCRIPT}"}
    )
    assert response.status_code == 302
    assert Answer.objects.get().body == f"Try this {SCRIPT}"
    assert [m.to for m in mail.outbox] == [["nia@la.example"]]
    client.force_login(nia)
    content = client.get(reverse("network:question", args=[asked.pk])).content.decode()
    assert "Try this &lt;script&gt;" in content


def test_an_empty_answer_is_refused_on_the_question_page(client, people, asked):
    _, fay, _ = people
    client.force_login(fay)
    response = client.post(reverse("network:answer_question", args=[asked.pk]), {"body": ""})
    assert response.status_code == 200
    assert "Enter your answer" in response.content.decode()
    assert not Answer.objects.exists()


def test_the_asker_may_not_answer_and_others_find_nothing(client, people, asked, team):
    nia, _, oli = people
    url = reverse("network:answer_question", args=[asked.pk])
    client.force_login(nia)
    assert client.post(url, {"body": "Me"}).status_code == 403
    for other in (oli, team):
        client.force_login(other)
        assert client.post(url, {"body": "Me"}).status_code == 404
    assert not Answer.objects.exists()


def test_sharing_needs_both(client, people, asked, team):
    nia, fay, oli = people
    reply = answer(asked, fay)
    url = reverse("network:share_answer", args=[reply.pk])
    for other in (oli, team):
        client.force_login(other)
        assert client.post(url).status_code == 404
    client.force_login(nia)
    client.post(url)
    assert not Resource.objects.exists()
    client.force_login(fay)
    client.post(url)
    assert Resource.objects.get().status == "suggested"


@pytest.mark.parametrize("count, queries", [(1, 5), (3, 5)])
def test_your_questions_queries(client, people, count, queries, django_assert_num_queries):
    nia, fay, _ = people
    for i in range(count):
        answer(question(nia, told=[fay], title=f"Question {i}"), fay)
    client.force_login(nia)
    with django_assert_num_queries(queries):
        response = client.get(reverse("network:my_questions"))
    assert response.content.decode().count("network/questions/") >= count


@pytest.mark.parametrize("count, queries", [(1, 5), (3, 5)])
def test_questions_for_you_queries(client, people, count, queries, django_assert_num_queries):
    nia, fay, _ = people
    for i in range(count):
        question(nia, told=[fay], title=f"Question {i}")
    client.force_login(fay)
    with django_assert_num_queries(queries):
        response = client.get(reverse("network:questions_for_me"))
    assert response.content.decode().count("Not answered") == count


def test_questions_for_you_is_the_members_own(client, people, asked):
    _, fay, oli = people
    client.force_login(oli)
    content = client.get(reverse("network:questions_for_me")).content.decode()
    assert "How do I set a budget?" not in content
    client.force_login(fay)
    content = client.get(reverse("network:questions_for_me")).content.decode()
    assert "How do I set a budget?" in content


def test_the_team_and_outsiders_may_not_ask(client, team, outsider):
    for person in (team, outsider):
        client.force_login(person)
        assert client.get(reverse("network:ask_peer")).status_code == 403
        assert client.get(reverse("network:my_questions")).status_code == 403
