from django.db import migrations

from jtai.timelines import DEFAULT_FRAMEWORK, SHIPPED_FRAMEWORKS, rules_to_dict

THEMES = (
    (
        "cse-missing",
        "Child sexual exploitation and children missing from home, care or education",
        "2016",
        False,
        False,
    ),
    (
        "domestic-abuse",
        "Children living with domestic abuse",
        "2016–17, revisit 2018, 2024–25",
        False,
        True,
    ),
    ("neglect", "Neglect (older children)", "2017", False, False),
    (
        "cse-gangs-missing",
        "Child sexual exploitation, children associated with gangs and at risk of exploitation, and children missing",
        "2018",
        False,
        False,
    ),
    (
        "csa-family",
        "Child sexual abuse in the family environment",
        "2018–19, 2025 onwards",
        False,
        True,
    ),
    ("child-exploitation", "Sexual and criminal exploitation of children", "2019", False, False),
    ("mental-health", "Children living with mental health issues", "2019–20", False, False),
    (
        "front-door",
        "Multi-agency response to identification of initial need and risk (front door)",
        "2022 onwards",
        True,
        True,
    ),
    ("criminal-exploitation", "Criminal exploitation of children", "2022", False, False),
    ("early-help", "Children and families who need help", "2022–23", False, False),
    (
        "serious-youth-violence",
        "Children aged 10 and over at risk of or affected by serious youth violence",
        "2023–24",
        False,
        False,
    ),
)


def seed(apps, schema_editor):
    Theme = apps.get_model("programme", "Theme")
    FrameworkVersion = apps.get_model("programme", "FrameworkVersion")
    for key, name, years, is_front_door, is_active in THEMES:
        Theme.objects.update_or_create(
            key=key,
            defaults={
                "name": name,
                "years": years,
                "is_front_door": is_front_door,
                "is_active": is_active,
            },
        )
    for key, rules in SHIPPED_FRAMEWORKS.items():
        FrameworkVersion.objects.update_or_create(
            key=key,
            defaults={"rules": rules_to_dict(rules), "is_current": key == DEFAULT_FRAMEWORK},
        )


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
