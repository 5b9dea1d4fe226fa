"""Email written from a template: its first line is the subject, the rest the body. Every
message offers the programme's support address to its template as `support_email`."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string


def templated(*, to, template: str, context: dict) -> EmailMessage:
    """One message to `to` (an address or a list of them)."""
    context = {"support_email": settings.SUPPORT_EMAIL, **context}
    subject, _, body = render_to_string(template, context).partition("\n")
    recipients = [to] if isinstance(to, str) else list(to)
    return EmailMessage(subject.strip(), body.lstrip("\n"), None, recipients)


def send_templated(*, to, template: str, context: dict) -> None:
    """Send one message; nothing when there is no one to send it to."""
    if to:
        templated(to=to, template=template, context=context).send()


def send_all(messages) -> int:
    """Send several messages over one connection; how many were sent."""
    messages = list(messages)
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def mailbox(address: str) -> str:
    """The mailbox an address reaches, to tell whether two addresses are one person's: lower
    case, and without a "+tag" after the name (name+anything@example.org reaches
    name@example.org at most providers)."""
    name, at, domain = address.strip().lower().rpartition("@")
    return f"{name.split('+', 1)[0]}@{domain}" if at else domain
