"""On PostgreSQL the database itself refuses UPDATE and DELETE on the access log, so not
even a mistaken query or a database console can rewrite history. Retention's purge of
events past their retention period is the one exception: it sets
``jtai.access_log_purge`` for its own transaction (see AccessEventQuerySet). TRUNCATE
stays possible for the owner of the database (test set-up and restoring a backup). SQLite
has no such trigger: the model and the administration site refuse changes there."""

from typing import Any

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_accessevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('jtai.access_log_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'The access log is append-only: % refused on audit_accessevent', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_accessevent_append_only
    BEFORE UPDATE OR DELETE ON audit_accessevent
    FOR EACH ROW EXECUTE FUNCTION audit_accessevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS audit_accessevent_append_only ON audit_accessevent;
DROP FUNCTION IF EXISTS audit_accessevent_append_only();
"""


def _on_postgresql(sql: str) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_document_accesses")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
