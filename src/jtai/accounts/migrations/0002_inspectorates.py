from django.db import migrations

INSPECTORATES = (
    (
        "ofsted",
        "Office for Standards in Education, Children's Services and Skills",
        "Ofsted",
        "National Director, Regulation and Social Care",
        1,
    ),
    ("cqc", "Care Quality Commission", "CQC", "Chief Inspector of Healthcare", 2),
    (
        "hmicfrs",
        "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        "HMICFRS",
        "His Majesty's Inspector of Constabulary",
        3,
    ),
    (
        "hmip",
        "His Majesty's Inspectorate of Probation",
        "HMI Probation",
        "His Majesty's Chief Inspector of Probation",
        4,
    ),
)


def seed(apps, schema_editor):
    Inspectorate = apps.get_model("accounts", "Inspectorate")
    for code, name, short_name, title, ordering in INSPECTORATES:
        Inspectorate.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short_name,
                "signatory_title": title,
                "ordering": ordering,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
