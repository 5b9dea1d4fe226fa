"""Members of the network with directory profiles offering topics, questions and answers."""

from tests.factories import RoleAssignmentFactory
from upon.accounts.models import Role
from upon.network.models import Answer, Profile, Question, QuestionNotice


def member(programme, name, *, role=Role.ALUMNUS, topics=(), email=None):
    """A member holding `role` in `programme`; with a directory profile if `topics` given."""
    extra = {"user__email": email} if email else {}
    user = RoleAssignmentFactory(role=role, programme=programme, user__full_name=name, **extra).user
    if topics:
        Profile.objects.create(user=user, topics=list(topics))
    return user


def question(asker, *, told=(), topic="finance", title="How do I set a budget?", body="Help."):
    asked = Question.objects.create(asker=asker, topic=topic, title=title, body=body)
    for person in told:
        QuestionNotice.objects.create(question=asked, member=person)
    return asked


def answer(asked, author, body="Start from last year's outturn."):
    return Answer.objects.create(question=asked, author=author, body=body)
