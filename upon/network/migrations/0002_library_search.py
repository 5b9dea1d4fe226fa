"""Full-text search of the library (upon/network/library.py): on PostgreSQL a stored, generated
column `search_document` (the weighted tsvector of title, A, and summary, B; not in the model's
state: the database keeps it) with a GIN index, which `library.search` matches and ranks by
(ranking a tsvector worked out again for each match was ten times slower at 20,000); on SQLite an FTS5 table over the same two columns (porter stemming, as PostgreSQL's English
stems), kept in step with `network_resource` by triggers.

A later migration that makes SQLite rebuild `network_resource` (most column changes) drops the
triggers with the old table: it must run `sqlite_forward` again.
"""

from django.db import migrations

INDEX = "resource_search"

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS network_resource_fts USING fts5("
    "title, summary, content='network_resource', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "DROP TRIGGER IF EXISTS network_resource_fts_ai",
    "DROP TRIGGER IF EXISTS network_resource_fts_ad",
    "DROP TRIGGER IF EXISTS network_resource_fts_au",
    "CREATE TRIGGER network_resource_fts_ai AFTER INSERT ON network_resource BEGIN "
    "INSERT INTO network_resource_fts(rowid, title, summary) "
    "VALUES (new.id, new.title, new.summary); END",
    "CREATE TRIGGER network_resource_fts_ad AFTER DELETE ON network_resource BEGIN "
    "INSERT INTO network_resource_fts(network_resource_fts, rowid, title, summary) "
    "VALUES ('delete', old.id, old.title, old.summary); END",
    "CREATE TRIGGER network_resource_fts_au AFTER UPDATE OF title, summary ON network_resource "
    "BEGIN "
    "INSERT INTO network_resource_fts(network_resource_fts, rowid, title, summary) "
    "VALUES ('delete', old.id, old.title, old.summary); "
    "INSERT INTO network_resource_fts(rowid, title, summary) "
    "VALUES (new.id, new.title, new.summary); END",
    "INSERT INTO network_resource_fts(network_resource_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS network_resource_fts_ai",
    "DROP TRIGGER IF EXISTS network_resource_fts_ad",
    "DROP TRIGGER IF EXISTS network_resource_fts_au",
    "DROP TABLE IF EXISTS network_resource_fts",
]


POSTGRES_FORWARD = [
    "ALTER TABLE network_resource ADD COLUMN search_document tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B')) STORED",
    f"CREATE INDEX {INDEX} ON network_resource USING gin (search_document)",
]
POSTGRES_BACKWARD = [
    f"DROP INDEX IF EXISTS {INDEX}",
    "ALTER TABLE network_resource DROP COLUMN IF EXISTS search_document",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        sqlite_forward(schema_editor)


def sqlite_forward(schema_editor):
    for statement in SQLITE_FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("network", "0001_network")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
