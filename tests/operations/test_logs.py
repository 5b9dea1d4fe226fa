"""Every log record of a request carries its id, and lines are JSON."""

import io
import json
import logging
import os
import re
import sys

import pytest

from upon.operations.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_log():
    """What Django's request log writes, through the project's formatter and filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def test_a_request_log_line_is_json_with_the_request_id(client, request_log, time_machine):
    time_machine.move_to("2026-03-02T09:30:00.250Z", tick=False)
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="abc-123")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "abc-123"
    # Django writes this after the middleware has returned: the id is still there.
    assert [json.loads(line) for line in request_log.getvalue().splitlines()] == [
        {
            "time": "2026-03-02T09:30:00.250+00:00",
            "level": "WARNING",
            "logger": "django.request",
            "message": "Not Found: /no-such-page/",
            "request_id": "abc-123",
            "process": os.getpid(),
            "status_code": 404,
            "method": "GET",
            "path": "/no-such-page/",
        }
    ]


def test_each_request_without_an_id_is_given_its_own(client, request_log):
    first = client.get("/no-such-page/")["X-Request-ID"]
    second = client.get("/no-such-page/")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first) and re.fullmatch(r"[0-9a-f]{32}", second)
    assert first != second
    logged = [json.loads(line)["request_id"] for line in request_log.getvalue().splitlines()]
    assert logged == [first, second]


@pytest.mark.parametrize("sent", ["two words", "x" * 129, 'quote"', "line\nbreak", ""])
def test_an_id_that_is_not_an_id_is_replaced(client, sent):
    given = client.get("/healthz", HTTP_X_REQUEST_ID=sent)["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", given)


def test_outside_a_request_the_id_is_null(time_machine):
    time_machine.move_to("2026-03-02T09:30:00Z", tick=False)
    record = logging.LogRecord("upon.x", logging.ERROR, __file__, 1, "Went %s", ("wrong",), None)
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line == {
        "time": "2026-03-02T09:30:00.000+00:00",
        "level": "ERROR",
        "logger": "upon.x",
        "message": "Went wrong",
        "request_id": None,
        "process": os.getpid(),
    }


def test_an_exception_is_written_with_its_traceback():
    try:
        raise ValueError("no")
    except ValueError:
        record = logging.getLogger("upon.x").makeRecord(
            "upon.x", logging.ERROR, __file__, 1, "Failed", (), exc_info=sys.exc_info()
        )
    line = json.loads(JsonFormatter().format(record))
    assert line["exception"].startswith("Traceback (most recent call last):")
    assert line["exception"].endswith("ValueError: no")


def test_the_settings_log_json_outside_debug():
    [handler] = [h for h in logging.getLogger().handlers if h.name == "console"]
    assert isinstance(handler.formatter, JsonFormatter)
    assert any(isinstance(f, RequestIdFilter) for f in handler.filters)
