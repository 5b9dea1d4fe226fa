"""A new director asks a peer: an empty question is refused beside its fields; the question goes
by email to the alumna who offers its topic, who answers in the service; the director is
emailed the answer and reads it, and no one else can.

axe-core and the Nu Html Checker run on every page the journey reaches.
"""

import re

import pytest
from django.core import mail

from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.helpers import click_and_wait, error_summary, open_network_part
from tests.factories import PASSWORD, ProgrammeFactory
from tests.network.factories_peer import member
from upon.accounts.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

ANSWER = "Start from last year's outturn and meet the finance lead weekly."


def path_of(message) -> str:
    return re.search(r"https?://[^/\s]+(/network/\S+)", message.body)[1]


def test_a_new_director_asks_a_peer_and_gets_an_answer(page):
    programme = ProgrammeFactory(name="Upon Programme", slug="upon-programme")
    member(programme, "Nia Newdirector", role=Role.NEW_DIRECTOR, email="nia@la.example")
    member(programme, "Fay Finance", topics=["finance"], email="fay@la.example")
    member(programme, "Sid Send", topics=["send"], email="sid@la.example")

    sign_in(page, "nia@la.example", PASSWORD)
    open_network_part(page, "Ask a peer")
    assert page.get_by_role("heading", level=1).inner_text() == "Your questions"
    assert page.get_by_text("You have not asked a question yet.").is_visible()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Ask a peer"))
    assert_accessible(page)
    page.get_by_label("Your question in a sentence").fill("How do I set my first budget?")
    click_and_wait(page, page.get_by_role("button", name="Send your question"))
    assert page.title().startswith("Error: ")
    assert error_summary(page) == [
        ("Select the topic of your question", "#id_topic_0"),
        ("Enter more detail about your question", "#id_body"),
    ]
    assert (
        page.get_by_label("Your question in a sentence").input_value()
        == "How do I set my first budget?"
    )
    assert_accessible(page)
    page.get_by_label("Budgets and finance").check()
    page.get_by_label("More detail").fill("The council wants savings of 8% <b>this year</b>.")
    click_and_wait(page, page.get_by_role("button", name="Send your question"))
    assert (
        "Your question was sent to 1 member who offer this topic."
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert page.get_by_text("The council wants savings of 8% <b>this year</b>.").is_visible()
    assert page.get_by_text("No answers yet.").is_visible()
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    [asked] = mail.outbox
    assert asked.to == ["fay@la.example"]
    assert asked.subject == "A member asks a peer: How do I set my first budget?"
    sign_in(page, "fay@la.example", PASSWORD)
    page.goto(path_of(asked))
    assert page.get_by_role("heading", level=1).inner_text() == "How do I set my first budget?"
    assert_accessible(page)
    page.get_by_label("Your answer").fill(ANSWER)
    click_and_wait(page, page.get_by_role("button", name="Send your answer"))
    assert "Your answer is sent." in page.locator(".govuk-notification-banner").inner_text()
    assert page.get_by_text(ANSWER).is_visible()
    assert page.get_by_role("button", name="Send your answer").count() == 0
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    answered = mail.outbox[1]
    assert answered.to == ["nia@la.example"]
    assert ANSWER in answered.body
    sign_in(page, "sid@la.example", PASSWORD)
    response = page.goto(path_of(answered))
    assert response.status == 404
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    sign_in(page, "nia@la.example", PASSWORD)
    page.goto(path_of(answered))
    assert page.get_by_role("heading", level=3).inner_text().startswith("From Fay Finance")
    assert page.get_by_text(ANSWER).is_visible()
    assert_accessible(page)
