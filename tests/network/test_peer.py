"""Ask a peer: who is told (fairly, at most 20), answering, and sharing in the library."""

import datetime

import pytest
from django.core import mail

from tests.network.factories_peer import answer, member, question
from upon.accounts.models import Role
from upon.network import peer
from upon.network.algorithms.peer import MAX_TOLD, Candidate, choose_peers
from upon.network.models import QuestionNotice, Resource

UTC = datetime.UTC


def at(day):
    return datetime.datetime(2026, 5, day, 9, tzinfo=UTC)


class TestChoosePeers:
    def test_never_told_first_then_longest_ago_ties_by_id(self):
        candidates = [
            Candidate(5, at(3)),
            Candidate(4, None),
            Candidate(3, at(1)),
            Candidate(2, None),
            Candidate(1, at(3)),
        ]
        assert choose_peers(candidates, limit=10) == [2, 4, 3, 1, 5]

    def test_at_most_the_limit(self):
        candidates = [Candidate(i, None) for i in range(30, 0, -1)]
        assert choose_peers(candidates) == list(range(1, MAX_TOLD + 1))
        assert choose_peers(candidates, limit=2) == [1, 2]

    def test_nobody(self):
        assert choose_peers([]) == []


pytestmark = pytest.mark.django_db


def test_a_question_goes_to_members_offering_its_topic_not_the_asker(programme, team):
    asker = member(programme, "Nia Newdirector", role=Role.NEW_DIRECTOR, topics=["finance"])
    fin = member(programme, "Fay Finance", topics=["finance", "send"])
    member(programme, "Sid Send", topics=["send"])
    participant = member(programme, "Pip Participant", role=Role.PARTICIPANT, topics=["finance"])
    # Offers finance but is no longer a member (the team only).
    member(programme, "Tim Teamonly", role=Role.PROGRAMME_TEAM, topics=["finance"])

    asked, told = peer.ask(asker=asker, topic="finance", title="Budgets", body="How?")

    assert told == 2
    assert set(asked.notices.values_list("member_id", flat=True)) == {fin.pk, participant.pk}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([fin.email, participant.email])
    assert mail.outbox[0].subject == "A member asks a peer: Budgets"
    assert f"/network/questions/{asked.pk}/" in mail.outbox[0].body


def test_those_told_least_recently_are_asked_first(programme, june_2026):
    asker = member(programme, "Nia Newdirector", role=Role.NEW_DIRECTOR)
    offering = [member(programme, f"Peer {i}", topics=["finance"]) for i in range(22)]
    # The first two were told yesterday.
    earlier = question(asker, told=offering[:2])
    QuestionNotice.objects.filter(question=earlier).update(
        sent_at=datetime.datetime(2026, 5, 31, 9, tzinfo=UTC)
    )

    asked, told = peer.ask(asker=asker, topic="finance", title="Budgets", body="How?")

    assert told == MAX_TOLD
    chosen = set(asked.notices.values_list("member_id", flat=True))
    assert chosen == {person.pk for person in offering[2:]}


def test_nobody_offers_the_topic(programme):
    asker = member(programme, "Nia Newdirector", role=Role.NEW_DIRECTOR)
    asked, told = peer.ask(asker=asker, topic="youth_justice", title="Panels", body="?")
    assert told == 0
    assert mail.outbox == []


def test_an_answer_is_emailed_to_the_asker_once_each(programme):
    asker = member(programme, "Nia Newdirector", role=Role.NEW_DIRECTOR, email="nia@la.example")
    fay = member(programme, "Fay Finance", topics=["finance"])
    asked = question(asker, told=[fay], title="Budgets")

    peer.answer(question=asked, author=fay, body="Start from the outturn.")

    assert [m.to for m in mail.outbox] == [["nia@la.example"]]
    assert mail.outbox[0].subject == "An answer to your question: Budgets"
    assert "Start from the outturn." in mail.outbox[0].body
    with pytest.raises(peer.CannotAnswer, match="answered this question already"):
        peer.answer(question=asked, author=fay, body="Again")


def test_a_closed_question_takes_no_answers(programme):
    asker = member(programme, "Nia Newdirector", role=Role.NEW_DIRECTOR)
    fay = member(programme, "Fay Finance", topics=["finance"])
    asked = question(asker, told=[fay])
    asked.closed_at = at(1)
    asked.save()
    with pytest.raises(peer.CannotAnswer, match="closed"):
        peer.answer(question=asked, author=fay, body="Late")


def test_shared_in_the_library_only_when_both_agree(programme):
    asker = member(programme, "Nia Newdirector", role=Role.NEW_DIRECTOR)
    fay = member(programme, "Fay Finance", topics=["finance"])
    asked = question(asker, told=[fay], title="Budgets", body="How do I set one?")
    reply = answer(asked, fay, "Start from the outturn.")

    assert peer.agree_to_share(answer=reply, by=asker) is None
    assert not Resource.objects.exists()
    suggested = peer.agree_to_share(answer=reply, by=fay)

    assert (suggested.kind, suggested.status, suggested.visibility) == (
        "case_study",
        "suggested",
        "network",
    )
    assert suggested.title == "Budgets"
    assert suggested.topics == ["finance"]
    assert suggested.suggested_by == fay
    assert "Nia" not in suggested.summary  # the asker is not named
    assert suggested.summary == (
        "How do I set one?\n\nAn answer from a peer:\n\nStart from the outturn."
    )


def test_who_reads_a_question(programme, team):
    asker = member(programme, "Nia Newdirector", role=Role.NEW_DIRECTOR)
    fay = member(programme, "Fay Finance", topics=["finance"])
    other = member(programme, "Oli Other", topics=["finance"])
    asked = question(asker, told=[fay])

    def may(user, perm):
        return user.has_perm(perm, peer.for_viewer(user).get(pk=asked.pk))

    assert may(asker, "network.read_question")
    assert may(fay, "network.read_question")
    assert not may(other, "network.read_question")
    assert not may(team, "network.read_question")
    assert may(fay, "network.answer_question")
    assert not may(asker, "network.answer_question")
