"""Downloads are logged in the one access log (jtai.audit), which took over this table's
rows in audit 0003."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("information", "0002_request_templates"),
        ("audit", "0003_document_accesses"),
    ]

    operations = [migrations.DeleteModel(name="DocumentAccess")]
