"""A GIN index on the notes' search vector, on PostgreSQL only: other databases have no
full-text index type, and the evidence page searches their text directly instead."""

from django.db import migrations

INDEX = "evidence_note_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON evidence_evidencenote USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("evidence", "0002_criteria")]
    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
