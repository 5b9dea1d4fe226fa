"""Logs as JSON, one object a line, for a log collector to read (LOG_FORMAT=json, the default
outside DEBUG). Each line has at least `time` (UTC, ISO 8601), `level`, `logger`, `message` and
`request_id` (null outside a request); an exception adds `exception` (the traceback), and
Django's request log adds `status_code`, `method` and `path`. gunicorn's access log
(gunicorn.conf.py) comes through the same formatter with the request's fields (`status_code`,
`method`, `path`, `duration_ms`, `bytes`, `remote_addr`, `user_agent`) and the request id the
response carried.

Imported by the settings' LOGGING and by gunicorn.conf.py before Django is set up: it imports
no model.
"""

import datetime
import json
import logging
from collections.abc import Mapping

from upon.operations import request_id

# The attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (as `request_id`) that lacks one."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.current()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id.current(),
            "process": record.process,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            entry.update(_access_fields(record.args))
        entry.update(_extra_fields(record))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def _extra_fields(record: logging.LogRecord) -> dict:
    fields = {}
    for key, value in vars(record).items():
        if key in _STANDARD or key.startswith("_"):
            continue
        if key == "request":  # Django's request log passes the HttpRequest itself
            fields["method"] = getattr(value, "method", None)
            fields["path"] = getattr(value, "path", None)
        else:
            fields[key] = value
    return fields


def _access_fields(atoms: Mapping) -> dict:
    """gunicorn's access log atoms (gunicorn.glogging.Logger.atoms) as named fields. gunicorn
    escapes `"` in them for its text format; JSON escapes for itself."""
    atoms = {
        key: value.replace('\\"', '"') if isinstance(value, str) else value
        for key, value in atoms.items()
    }
    found = {
        "status_code": atoms.get("s"),
        "method": atoms.get("m"),
        "path": atoms.get("U"),
        "query": atoms.get("q") or None,
        "duration_ms": round(atoms.get("D", 0) / 1000, 3),
        "bytes": atoms.get("B"),
        "remote_addr": atoms.get("h"),
        "user_agent": atoms.get("a"),
    }
    sent = atoms.get("{x-request-id}o")
    if sent and sent != "-":
        found["request_id"] = sent
    if str(found["status_code"]).isdigit():
        found["status_code"] = int(found["status_code"])
    return found
