"""How many database connections a server may hold, and whether PostgreSQL has room for them.

Django opens one connection per thread that serves a request, and with DATABASE_CONN_MAX_AGE
above 0 keeps it open between requests; gunicorn runs `workers` processes of `threads` threads.
So one server holds at most workers x threads x 1 connections, whatever the load: requests
beyond that wait in gunicorn's queue instead of asking PostgreSQL for more. Every server, the
task worker, the scheduler and the operators' own sessions (migrate, psql, backups: the
headroom) must fit under PostgreSQL's max_connections less its superuser_reserved_connections.

Pure: gunicorn.conf.py runs it before Django is set up.
"""


def server_connections(*, workers: int, threads: int) -> int:
    return workers * threads


def over_budget(
    *, workers: int, threads: int, max_connections: int, reserved: int, headroom: int
) -> str | None:
    """Why the server must not start (a sentence), or None when it fits."""
    needed = server_connections(workers=workers, threads=threads)
    room = max_connections - reserved - headroom
    if needed <= room:
        return None
    return (
        f"{workers} workers x {threads} threads need up to {needed} database connections, but "
        f"PostgreSQL allows {max_connections} less {reserved} reserved for superusers and "
        f"{headroom} of headroom (DATABASE_CONNECTION_HEADROOM): {room}. Lower WEB_CONCURRENCY "
        "or WEB_THREADS, or raise max_connections."
    )
