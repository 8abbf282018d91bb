"""Document downloads were logged in information.DocumentAccess; the access log is now
the one log, so its rows move here (information 0003 then drops the old table)."""

from typing import Any

from django.db import migrations

BATCH = 2000


def copy_document_accesses(apps: Any, schema_editor: Any) -> None:
    DocumentAccess = apps.get_model("information", "DocumentAccess")
    AccessEvent = apps.get_model("audit", "AccessEvent")
    rows = DocumentAccess.objects.select_related("document__item").order_by("id")
    batch = []
    for access in rows.iterator(chunk_size=BATCH):
        document = access.document
        batch.append(
            AccessEvent(
                occurred_at=access.accessed_at,
                user_id=access.user_id,
                kind="document",
                action="download",
                description=f"{document.filename} (version {document.version})"[:300],
                inspection_id=document.item.inspection_id,
                object_type="information.document",
                object_id=document.pk,
                path="",
                ip_address=access.ip_address,
                request_id="",
            )
        )
        if len(batch) >= BATCH:
            AccessEvent.objects.bulk_create(batch)
            batch = []
    AccessEvent.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_object_and_indexes"),
        ("information", "0002_request_templates"),
    ]

    # Irreversible in substance: going back would leave the moved rows in both tables,
    # so the reverse does nothing and information 0003's reverse recreates an empty table.
    operations = [migrations.RunPython(copy_document_accesses, migrations.RunPython.noop)]
