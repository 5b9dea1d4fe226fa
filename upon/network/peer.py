"""Ask a peer: a member asks a question tagged by topic; it goes to the members whose directory
profile offers that topic (at most `MAX_TOLD`, those told least recently first); those told
answer; each answer is the asker's and its author's only, shared in the library (as a case
study the team publishes) only when both agree."""

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone

from upon.accounts.models import RoleAssignment, User
from upon.network.algorithms.peer import MAX_TOLD, Candidate, choose_peers
from upon.network.models import (
    POST_MAX,
    TITLE_MAX,
    Answer,
    Profile,
    Question,
    QuestionNotice,
    Resource,
    ResourceKind,
    ResourceStatus,
    Topic,
    Visibility,
)
from upon.network.rules import MEMBERS
from upon.service.mail import send_all, send_templated, templated

QUESTIONS = Question.objects.select_related("asker")
ANSWERS = Answer.objects.select_related("question", "question__asker", "author")


class CannotAnswer(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def member_ids() -> set[int]:
    """Everyone who is a member of the network now."""
    return set(RoleAssignment.objects.filter(role__in=MEMBERS).values_list("user_id", flat=True))


def offering(topic: str, *, exclude: int) -> list[int]:
    """The members whose profile offers `topic`, other than `exclude` (the asker)."""
    members = member_ids()
    return [
        user_id
        for user_id, topics in Profile.objects.values_list("user_id", "topics")
        if topic in (topics or []) and user_id in members and user_id != exclude
    ]


def peers_for(topic: str, *, asker_id: int, limit: int = MAX_TOLD) -> list[int]:
    """Whom a question on `topic` goes to: those told least recently first (`choose_peers`)."""
    ids = offering(topic, exclude=asker_id)
    last = dict(
        QuestionNotice.objects.filter(member_id__in=ids)
        .values("member_id")
        .annotate(last=Max("sent_at"))
        .values_list("member_id", "last")
    )
    return choose_peers([Candidate(i, last.get(i)) for i in ids], limit=limit)


def question_link(question) -> str:
    return settings.SITE_URL + reverse("network:question", args=[question.pk])


def ask(*, asker, topic: str, title: str, body: str, now=None) -> tuple[Question, int]:
    """Save the question and tell the peers chosen; returns it and how many were told."""
    now = now or timezone.now()
    with transaction.atomic():
        question = Question.objects.create(
            asker=asker, topic=topic, title=title, body=body, asked_at=now
        )
        told = peers_for(topic, asker_id=asker.pk)
        QuestionNotice.objects.bulk_create(
            QuestionNotice(question=question, member_id=member_id, sent_at=now)
            for member_id in told
        )
    people = User.objects.filter(pk__in=told).order_by("pk")
    context = {"question": question, "topic": Topic(topic).label, "link": question_link(question)}
    send_all(
        templated(
            to=person.email,
            template="network/peer/emails/question.txt",
            context={**context, "person": person},
        )
        for person in people
    )
    return question, len(told)


# Who stands where to a question: the rules (upon/network/rules.py) read `told`, which
# `for_viewer` adds, so a permission check never queries.


def for_viewer(user):
    """Questions, each with `told`: whether `user` was asked it."""
    return QUESTIONS.annotate(
        told=Exists(QuestionNotice.objects.filter(question=OuterRef("pk"), member_id=user.pk))
    )


def asked_by(user):
    """The member's questions, newest first, with how many answers each has."""
    return (
        Question.objects.filter(asker=user)
        .annotate(answer_count=Count("answers"))
        .order_by("-asked_at", "-pk")
    )


def asked_of(user):
    """The questions the member was asked, newest first, with whether they have answered."""
    return (
        Question.objects.filter(notices__member=user)
        .select_related("asker")
        .annotate(answered=Exists(Answer.objects.filter(question=OuterRef("pk"), author=user)))
    )


def answers_seen_by(user, question):
    """The asker sees every answer; anyone else their own only."""
    answers = question.answers.select_related("author")
    if question.asker_id == user.pk:
        return answers
    return answers.filter(author=user)


def check_may_answer(*, question, author) -> None:
    """Refuse (`CannotAnswer`) a closed question, or a second answer from one author."""
    if question.closed_at:
        raise CannotAnswer("This question is closed: it takes no more answers.")
    if question.answers.filter(author=author).exists():
        raise CannotAnswer("You have answered this question already.")


def answer(*, question, author, body: str, now=None) -> Answer:
    """Save `author`'s answer (one each) and email it to the asker."""
    now = now or timezone.now()
    check_may_answer(question=question, author=author)
    reply = Answer.objects.create(question=question, author=author, body=body, answered_at=now)
    send_templated(
        to=question.asker.email,
        template="network/peer/emails/answer.txt",
        context={"question": question, "answer": reply, "link": question_link(question)},
    )
    return reply


def agree_to_share(*, answer: Answer, by) -> Resource | None:
    """The asker or the author agrees to share the answer in the library; once both have, it
    is suggested to the team as a case study (the asker is not named). Returns the suggestion
    when this agreement made it."""
    question = answer.question
    with transaction.atomic():
        if by.pk == question.asker_id:
            answer.shared_by_asker = True
        if by.pk == answer.author_id:
            answer.shared_by_author = True
        answer.save(update_fields=["shared_by_asker", "shared_by_author"])
        if not (answer.shared_by_asker and answer.shared_by_author):
            return None
        summary = f"{question.body}\n\nAn answer from a peer:\n\n{answer.body}"
        return Resource.objects.create(
            kind=ResourceKind.CASE_STUDY,
            title=question.title[:TITLE_MAX],
            summary=summary[:POST_MAX],
            topics=[question.topic],
            visibility=Visibility.NETWORK,
            status=ResourceStatus.SUGGESTED,
            suggested_by=answer.author,
        )
