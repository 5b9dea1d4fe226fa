"""Deterministic factories for the directory and messages."""

import datetime

import factory

from tests.factories import RoleAssignmentFactory, UserFactory
from tests.support.factories import AppointmentFactory, authority
from upon.accounts.models import Role
from upon.network.models import Conversation, Message, Profile


def member(programme, role=Role.ALUMNUS, **user_fields):
    """A user holding `role` (a member's role) for the programme."""
    return RoleAssignmentFactory(
        role=role, programme=programme, **{f"user__{k}": v for k, v in user_fields.items()}
    ).user


def current_post(person, programme, authority_name="Leeds", **fields):
    """A verified post that has not ended (authorities must be loaded)."""
    return AppointmentFactory(
        person=person,
        programme=programme,
        local_authority=authority(authority_name),
        **{"verified_at": datetime.datetime(2026, 9, 2, 9, tzinfo=datetime.UTC), **fields},
    )


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    about = "Happy to talk about inspection."
    topics = factory.LazyFunction(lambda: ["inspection"])
    strengths = factory.LazyFunction(lambda: [1])
    contact_preferences = factory.LazyFunction(lambda: ["message"])


def conversation_of(a, b, *bodies, sent_at=None):
    """The pair's conversation, started by `a`, with messages alternating from a then b."""
    sent_at = sent_at or datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)
    first, second = sorted((a, b), key=lambda u: u.pk)
    conversation = Conversation.objects.create(
        first=first, second=second, started_by=a, created_at=sent_at, last_message_at=sent_at
    )
    for number, body in enumerate(bodies):
        Message.objects.create(
            conversation=conversation,
            sender=a if number % 2 == 0 else b,
            body=body,
            sent_at=sent_at + datetime.timedelta(minutes=number),
        )
    return conversation
