"""gunicorn's settings for Upon. gunicorn reads this file from the folder it starts in, so
`.venv/bin/gunicorn` there serves `upon.wsgi`; `make serve` runs it. Each setting can be changed
by an environment variable (docs/operations.md lists them): a bad value stops start-up.

Sync workers, one request each at a time, unless WEB_THREADS is above 1 (then gthread). The
database connections are bounded by workers x threads (upon/operations/connections.py); on
PostgreSQL the server refuses to start if they would not fit under max_connections.
"""

import multiprocessing
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from upon.env import env_bool, env_int, env_str  # noqa: E402 - needs the path above

wsgi_app = "upon.wsgi:application"
bind = [env_str("WEB_BIND") or "127.0.0.1:8000"]
# The usual rule for sync workers: two a core, and one more to cover a worker waiting on I/O.
workers = env_int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1, minimum=1)
threads = env_int("WEB_THREADS", 1, minimum=1)
worker_class = "gthread" if threads > 1 else "sync"
# A request still running after this many seconds has its worker killed and restarted.
timeout = env_int("WEB_TIMEOUT", 30, minimum=1)
graceful_timeout = env_int("WEB_GRACEFUL_TIMEOUT", 30, minimum=1)
keepalive = env_int("WEB_KEEPALIVE", 5, minimum=1)
# Each worker is replaced after about this many requests (0: never), which bounds any slow leak.
max_requests = env_int("WEB_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
# Load the application (upon/wsgi.py imports every view and compiles the templates) once, before
# the workers fork: they start at once and share the memory. It opens no database connection.
preload_app = env_bool("WEB_PRELOAD", True)
# gunicorn 25's control socket is one path per user: two servers on one machine would share it.
control_socket_disable = True

# Logs: gunicorn's own and its access log, one JSON object a line (or text, LOG_FORMAT=text), on
# standard output, the access line carrying the request id the response was given.
accesslog = env_str("WEB_ACCESS_LOG") or "-"
errorlog = "-"
loglevel = (env_str("LOG_LEVEL") or "INFO").lower()
_format = env_str("LOG_FORMAT") or ("text" if env_bool("DEBUG", False) else "json")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms %({x-request-id}o)s "%(a)s"'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "INFO", "handlers": []},
    "filters": {"request_id": {"()": "upon.operations.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "upon.operations.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": _format,
            "filters": ["request_id"],
            "stream": "ext://sys.stdout",
        }
    },
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stdout"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
    },
}


def on_starting(server):
    """On PostgreSQL, refuse to start a server whose connections could exhaust the database."""
    from upon.operations.connections import over_budget

    url = env_str("DATABASE_URL") or ""
    if not url.startswith(("postgres://", "postgresql://")):
        return
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=5) as connection:
            max_connections, reserved = (
                int(connection.execute(f"SHOW {name}").fetchone()[0])
                for name in ("max_connections", "superuser_reserved_connections")
            )
    except Exception as error:  # noqa: BLE001 - /readyz will say the database is down
        server.log.warning("Could not read PostgreSQL's max_connections: %s", error)
        return
    refusal = over_budget(
        workers=workers,
        threads=threads,
        max_connections=max_connections,
        reserved=reserved,
        headroom=env_int("DATABASE_CONNECTION_HEADROOM", 10),
    )
    if refusal:
        server.log.error(refusal)
        raise SystemExit(1)
    server.log.info(
        "Up to %d database connections (%d workers x %d threads), max_connections %d",
        workers * threads,
        workers,
        threads,
        max_connections,
    )
