from django.db import migrations

from jtai.areas.reference import load_areas


def load(apps, schema_editor):
    load_areas(
        apps.get_model("areas", "Area"),
        apps.get_model("areas", "StatisticalNeighbour"),
        apps.get_model("areas", "Agency"),
    )


class Migration(migrations.Migration):
    dependencies = [("areas", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
