"""The evaluation criteria of every theme, from the inspectorates' published guidance
(domain notes, section 7). Administrators keep them from here on: this only fills in
criteria that are missing, so running it again changes nothing an administrator edited."""

from django.db import migrations

# Who each thematic inspection is about, as the guidance words it.
THEMATIC = {
    "cse-missing": "children at risk of or experiencing sexual exploitation, or missing from "
    "home, care or education",
    "domestic-abuse": "children who are victims of domestic abuse, including unborn children",
    "neglect": "older children living with neglect",
    "cse-gangs-missing": "children at risk of sexual or criminal exploitation, associated with "
    "gangs, or missing",
    "csa-family": "children at risk of or experiencing sexual abuse in the family environment",
    "child-exploitation": "children at risk of or experiencing sexual and criminal exploitation",
    "mental-health": "children living with mental health issues",
    "criminal-exploitation": "children at risk of or experiencing criminal exploitation",
    "early-help": "children and families who need help",
    "serious-youth-violence": "children aged 10 and over at risk of or affected by serious "
    "youth violence",
}


def thematic_criteria(children):
    return (
        (
            "identification",
            "Response at the point of identification",
            f"How well agencies identify {children} and respond when they first come to notice, "
            "including through schools, early years and the voluntary sector.",
        ),
        (
            "assessment",
            "Assessment, planning and decision-making",
            "The quality and timeliness of assessment, planning and decisions after "
            f"notifications and referrals of {children}, and how they take account of history.",
        ),
        (
            "protection",
            "Protecting, supporting and caring for children",
            f"How well agencies together protect, support and care for {children}, and the "
            "difference their help makes to children's lives.",
        ),
        (
            "prevention",
            "Prevention",
            f"How well agencies work to prevent harm to {children}, and to stop it recurring.",
        ),
        (
            "oversight",
            "The partnership's oversight of partners",
            "How effectively the multi-agency safeguarding arrangements (MASA) monitor, promote, "
            "coordinate and evaluate the work of the statutory partners.",
        ),
    )


FRONT_DOOR = (
    (
        "agency-front-doors",
        "Each agency's front door",
        "How well each agency recognises need and risk and passes concerns on, with the right "
        "information, at the right time.",
    ),
    (
        "mash",
        "The multi-agency safeguarding hub",
        "How the MASH or equivalent shares information, screens contacts and reaches shared, "
        "timely decisions about risk and need.",
    ),
    (
        "early-decisions",
        "Contribution to early decisions",
        "Each agency's part in early decisions: early help, child in need and child protection, "
        "including strategy discussions and section 47 enquiries.",
    ),
    (
        "timeliness",
        "Timeliness and quality of the response",
        "Whether children get help quickly enough, and whether decisions are recorded, "
        "explained and followed through.",
    ),
    (
        "leadership",
        "Leaders' impact",
        "How well leaders and the MASA know the quality of front-door practice and improve it.",
    ),
)


def seed(apps, schema_editor):
    Theme = apps.get_model("programme", "Theme")
    EvaluationCriterion = apps.get_model("evidence", "EvaluationCriterion")
    for theme in Theme.objects.all():
        if theme.is_front_door or theme.key == "front-door":
            criteria = FRONT_DOOR
        elif theme.key in THEMATIC:
            criteria = thematic_criteria(THEMATIC[theme.key])
        else:
            continue  # a theme an administrator added: its criteria come from them
        for position, (key, title, description) in enumerate(criteria, start=1):
            EvaluationCriterion.objects.get_or_create(
                theme=theme,
                inspection_type="",
                key=key,
                defaults={"title": title, "description": description, "position": position},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0001_initial"),
        ("programme", "0002_themes_and_frameworks"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
