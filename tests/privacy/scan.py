"""Every table, every column: where a value still appears after erasure."""

from django.db import connection


def _text(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", errors="ignore")
    return None


def found_anywhere(needles: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, needle) for every cell of every table that contains a needle (case
    insensitive), history tables, sessions and the task queue included."""
    wanted = [needle.lower() for needle in needles]
    hits = set()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = _text(value)
                    if text is None:
                        continue
                    text = text.lower()
                    hits |= {(table, column, n) for n in wanted if n in text}
    return sorted(hits)
