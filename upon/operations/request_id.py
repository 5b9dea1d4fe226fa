"""The request id: one per request, in every log record written while it runs and on the
response (`X-Request-ID`), so a person's report, the proxy's log and ours can be matched.

A proxy in front may send its own `X-Request-ID`; it is kept if it looks like an id (letters,
digits and `.`, `_`, `:`, `-`, up to 128 characters), so nobody can write a line into our logs
through it. Otherwise the service makes one.
"""

import contextvars
import re
import uuid

HEADER = "X-Request-ID"
_META_KEY = "HTTP_X_REQUEST_ID"
_ACCEPTABLE = re.compile(r"[A-Za-z0-9._:\-]{1,128}")

# A context variable: each thread of a server (and each asyncio task) sees its own.
_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


def current() -> str | None:
    """The id of the request being served, or None outside a request."""
    return _current.get()


def chosen(sent: str | None) -> str:
    """The id the proxy sent, if acceptable; otherwise a new one."""
    if sent and _ACCEPTABLE.fullmatch(sent):
        return sent
    return uuid.uuid4().hex


def forget(**kwargs) -> None:
    _current.set(None)


def middleware(get_response):
    """First in MIDDLEWARE, so that anything logged by the rest carries the id."""

    def assign_request_id(request):
        request.request_id = chosen(request.META.get(_META_KEY))
        _current.set(request.request_id)
        response = get_response(request)
        response.headers[HEADER] = request.request_id
        return response

    return assign_request_id
