"""Writing to each other through the service: conversations, messages, blocking, reporting.

A pair of members has one conversation (`first` is the one with the lower id). The recipient
is emailed the message and a link to reply in the service, never the sender's address. A
member blocked by the other is refused with a clear message; a sender may send at most
`RATE_LIMIT` messages in `RATE_WINDOW`.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from upon.network.models import Block, Conversation, Message, Report
from upon.service.mail import send_templated

RATE_LIMIT = 10
RATE_WINDOW = datetime.timedelta(hours=1)

BLOCKED = "You cannot send messages to this person"
YOU_BLOCKED = "You have blocked this person. Unblock them to send a message"
TOO_MANY = (
    f"You have sent {RATE_LIMIT} messages in the last hour, the most you can. "
    "Wait a while and send it again"
)


class CannotSend(Exception):
    """A message refused; `message` says why, next to the message box."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def conversations_of(user) -> QuerySet[Conversation]:
    """The person's conversations, latest first, each with `unread`: messages to them unread."""
    return (
        Conversation.objects.filter(Q(first=user) | Q(second=user))
        .select_related("first", "second")
        .annotate(
            unread=Count(
                "messages",
                filter=Q(messages__read_at__isnull=True) & ~Q(messages__sender=user),
            )
        )
        .order_by("-last_message_at", "-pk")
    )


def unread_total(user) -> int:
    return (
        Message.objects.filter(
            Q(conversation__first=user) | Q(conversation__second=user), read_at__isnull=True
        )
        .exclude(sender=user)
        .count()
    )


def conversation_between(a, b) -> Conversation | None:
    first, second = sorted((a.pk, b.pk))
    return Conversation.objects.filter(first_id=first, second_id=second).first()


def is_blocked(*, blocker, blocked) -> bool:
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()


def check_may_send(*, sender, recipient, now=None) -> None:
    """Raise CannotSend if `sender` may not write to `recipient` now."""
    now = now or timezone.now()
    if sender.pk == recipient.pk:
        raise CannotSend("You cannot send a message to yourself")
    if is_blocked(blocker=recipient, blocked=sender):
        raise CannotSend(BLOCKED)
    if is_blocked(blocker=sender, blocked=recipient):
        raise CannotSend(YOU_BLOCKED)
    recent = Message.objects.filter(sender=sender, sent_at__gt=now - RATE_WINDOW).count()
    if recent >= RATE_LIMIT:
        raise CannotSend(TOO_MANY)


def send(*, sender, recipient, body: str) -> Message:
    """Send `body` from `sender` to `recipient`, starting their conversation if need be, and
    email the recipient once it is saved."""
    now = timezone.now()
    first, second = sorted((sender.pk, recipient.pk))
    with transaction.atomic():
        check_may_send(sender=sender, recipient=recipient, now=now)
        conversation, _ = Conversation.objects.get_or_create(
            first_id=first,
            second_id=second,
            defaults={"started_by": sender, "created_at": now, "last_message_at": now},
        )
        message = Message.objects.create(
            conversation=conversation, sender=sender, body=body, sent_at=now
        )
        Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
        transaction.on_commit(lambda: _tell(message=message, recipient=recipient))
    return message


def _tell(*, message: Message, recipient) -> None:
    link = settings.SITE_URL + reverse("network:conversation", args=[message.conversation_id])
    send_templated(
        to=recipient.email,
        template="network/messages/emails/new_message.txt",
        context={
            "message": message,
            "sender": message.sender,
            "recipient": recipient,
            "link": link,
        },
    )


def messages_in(conversation: Conversation) -> list[Message]:
    return list(conversation.messages.select_related("sender"))


def mark_read(*, conversation: Conversation, reader, shown: list[Message]) -> int:
    """Mark the messages to `reader` among those shown as read; writes only when some are
    unread. How many were marked."""
    unread = [m.pk for m in shown if m.read_at is None and m.sender_id != reader.pk]
    if not unread:
        return 0
    return Message.objects.filter(pk__in=unread, conversation=conversation).update(
        read_at=timezone.now()
    )


def block(*, blocker, blocked) -> Block:
    found, _ = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return found


def unblock(*, blocker, blocked) -> bool:
    deleted, _ = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    return bool(deleted)


def report(*, message: Message, reporter, reason: str) -> Report:
    """Report a message to the team, who see the reported text only."""
    return Report.objects.create(message=message, reporter=reporter, reason=reason)
