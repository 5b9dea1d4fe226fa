"""The development outbox: with DEBUG on and no EMAIL_HOST, Django's file-based email backend
writes every email to EMAIL_FILE_PATH, and /dev/outbox/ shows them (routed only when DEBUG).

The backend writes one file a connection (`<date>-<time>-<number>.log`), each message followed
by a line of 79 dashes; a file may hold several messages.
"""

import email
import email.policy
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

SEPARATOR = b"\n" + b"-" * 79 + b"\n"
FILE_NAME = re.compile(r"[\w.-]+\.log")
URL = re.compile(r"https?://[^\s<>\"']+")


@dataclass(frozen=True)
class Message:
    file: str
    number: int  # from 1, within the file
    subject: str
    to: str
    sent_at: datetime | None
    body: str


def _directory() -> Path:
    return Path(settings.EMAIL_FILE_PATH)


def _read(path: Path) -> list[Message]:
    chunks = [chunk for chunk in path.read_bytes().split(SEPARATOR) if chunk.strip()]
    messages = []
    for number, chunk in enumerate(chunks, start=1):
        parsed = email.message_from_bytes(chunk.lstrip(b"\n"), policy=email.policy.default)
        part = parsed.get_body(preferencelist=("plain",))
        date = parsed["Date"]
        messages.append(
            Message(
                file=path.name,
                number=number,
                subject=str(parsed["Subject"] or ""),
                to=str(parsed["To"] or ""),
                sent_at=parsedate_to_datetime(date) if date else None,
                body=part.get_content() if part is not None else "",
            )
        )
    return messages


def messages() -> list[Message]:
    """Every message in the outbox, newest first."""
    directory = _directory()
    if not directory.is_dir():
        return []
    found = [
        message
        for path in directory.iterdir()
        if path.is_file() and FILE_NAME.fullmatch(path.name)
        for message in _read(path)
    ]
    return sorted(
        found,
        key=lambda m: (m.sent_at.timestamp() if m.sent_at else 0, m.file, m.number),
        reverse=True,
    )


def message(file: str, number: int) -> Message | None:
    """One message, or None if there is no such file or message (or the name is not one)."""
    if not FILE_NAME.fullmatch(file) or file.startswith("."):
        return None
    path = _directory() / file
    if not path.is_file():
        return None
    found = _read(path)
    return found[number - 1] if 1 <= number <= len(found) else None


def linked(text: str) -> SafeString:
    """The text escaped, with each http(s) address made a link (and nothing else)."""
    parts, last = [], 0
    for match in URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?)")
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html('<a class="govuk-link" href="{}">{}</a>', url, url))
        last = match.start() + len(url)
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308, B703  # every piece above is escaped


def paragraphs(text: str) -> list[list[SafeString]]:
    """The body as paragraphs (split at blank lines) of lines, each escaped and linked."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return [[linked(line) for line in block.split("\n")] for block in blocks if block.strip()]
