"""Where "did you mean" finds the words the index knows (``search.suggest``).

SQLite: an ``fts5vocab`` table over modelsearch's FTS5 index (no data of its own: it reads the index).
PostgreSQL needs nothing: the lexemes come from ``ts_stat`` (see ``search.suggest``).
"""

from django.db import migrations

VOCABULARY = "portal_search_vocabulary"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        fts = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table + "_fts"
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [fts])
            if cursor.fetchone() is None:  # no FTS5 here: modelsearch's fallback backend
                return
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY} USING fts5vocab({fts}, 'row')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {VOCABULARY}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0004_seed_search_synonyms"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
