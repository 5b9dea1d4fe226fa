"""What a backup must give back: each table's row count and a checksum of its rows, and the
same for the uploaded files. A restore is right when these are equal to the backup's manifest.

A table's checksum is the sum (modulo 2**256) of the SHA-256 of each row, written as JSON in a
canonical form, so it does not depend on the order the database returns the rows in, and a row
that changed, went or came changes it. Works on any DB-API cursor (Django's, sqlite3's,
psycopg's), so the file inside a backup can be checked without loading it.
"""

import datetime
import decimal
import hashlib
import json
from pathlib import Path

_MODULUS = 2**256
_BATCH = 2000

# Each row as the database writes it as text (PostgreSQL: the row's own text form, in UTC), so
# that the checksum does not depend on how a driver turns values into Python.
ROWS_SQL = {"sqlite": "SELECT * FROM {table}", "postgresql": "SELECT t::text FROM {table} AS t"}
TABLES_SQL = {
    # sqlite_sequence (AUTOINCREMENT's counters) is SQLite's own; the backup API copies it.
    "sqlite": (
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ),
    "postgresql": (
        "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
        "ORDER BY tablename"
    ),
}


def _canonical(value):
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | float):
        return repr(value) if isinstance(value, float) else str(value)
    return value


def _row_digest(row) -> int:
    text = json.dumps([_canonical(value) for value in row], default=str, ensure_ascii=False)
    return int.from_bytes(hashlib.sha256(text.encode()).digest(), "big")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_fingerprints(cursor, *, vendor: str) -> dict[str, dict]:
    """{table: {"rows": count, "sha256": checksum}} for every table the cursor's database has."""
    if vendor == "postgresql":
        cursor.execute("SET TIME ZONE 'UTC'")
    cursor.execute(TABLES_SQL[vendor])
    tables = [name for (name,) in cursor.fetchall()]
    found = {}
    for table in tables:
        cursor.execute(ROWS_SQL[vendor].format(table=_quote(table)))
        rows, total = 0, 0
        while batch := cursor.fetchmany(_BATCH):
            rows += len(batch)
            total = (total + sum(_row_digest(row) for row in batch)) % _MODULUS
        found[table] = {"rows": rows, "sha256": f"{total:064x}"}
    return found


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def folder_fingerprint(folder: Path) -> dict:
    """{"files": count, "bytes": total, "sha256": checksum of every path and its content}."""
    files = sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.relative_to(folder).as_posix()}\0{file_sha256(path)}\n".encode())
    return {
        "files": len(files),
        "bytes": sum(path.stat().st_size for path in files),
        "sha256": digest.hexdigest(),
    }
