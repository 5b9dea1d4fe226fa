"""Full-text search of the library (upon/network/library.py): on PostgreSQL a GIN index on the
weighted tsvector of title (A) and summary (B), the very expression `library.search` queries;
on SQLite an FTS5 table over the same two columns (porter stemming, as PostgreSQL's English
stems), kept in step with `network_resource` by triggers.

A later migration that makes SQLite rebuild `network_resource` (most column changes) drops the
triggers with the old table: it must run `sqlite_forward` again.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
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


def search_index():
    return GinIndex(
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english"),
        name=INDEX,
    )


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.add_index(apps.get_model("network", "Resource"), search_index())
    elif vendor == "sqlite":
        sqlite_forward(schema_editor)


def sqlite_forward(schema_editor):
    for statement in SQLITE_FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("network", "Resource"), search_index())
    elif vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("network", "0001_network")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
