"""The Annex A information request as the inspectorates publish it for each theme: what
the area sends in the first days after notification. Kept here as data an administrator
edits; the working days count from the notification day (1 is the next working day)."""

from django.db import migrations

LA = "local_authority"
POLICE = "police"
HEALTH = "health"
PROBATION = "probation"
YJS = "youth_justice"
EDUCATION = "education"

CHILD_LIST = (
    "A child-level list in the shape of Ofsted's Annex A lists: the area's case reference, "
    "gender, ethnicity, age, disability, the relevant dates and the allocated team. Never a "
    "child's name."
)

# (title, description, agency kind, working days after notification), for every theme.
COMMON = (
    (
        "Structure charts and senior leaders",
        "Structure charts of children's services, early help and the multi-agency "
        "safeguarding hub (MASH), naming senior leaders and the safeguarding partners' "
        "delegated leads.",
        LA,
        1,
    ),
    (
        "Self-evaluation of multi-agency practice",
        "The partnership's most recent self-evaluation of how well agencies work together to "
        "help and protect children, and the evidence it draws on.",
        LA,
        3,
    ),
    (
        "Strategic plans of the safeguarding partnership",
        "The published multi-agency safeguarding arrangements, the current strategic or "
        "business plan and the latest annual report of the safeguarding partnership.",
        LA,
        3,
    ),
    (
        "Multi-agency audits and learning reviews",
        "Multi-agency audits, rapid reviews and local child safeguarding practice reviews "
        "completed in the last 12 months, with the action plans that followed.",
        LA,
        3,
    ),
    (
        "Children's social care performance information",
        "The latest performance and management information: contacts, referrals, "
        "assessments, section 47 enquiries, child protection conferences and plans, "
        "children in need and children in care.",
        LA,
        3,
    ),
    (
        "Police safeguarding structure and performance",
        "The structure of the force's public protection and safeguarding teams covering the "
        "area, and their latest performance information for children.",
        POLICE,
        3,
    ),
    (
        "Health safeguarding arrangements",
        "The integrated care board's safeguarding structure, and the annual reports of the "
        "designated and named professionals for safeguarding children.",
        HEALTH,
        3,
    ),
    (
        "Probation caseload summary",
        "A summary of the probation caseload in the area where people on probation live "
        "with or have contact with children, and the service's safeguarding arrangements.",
        PROBATION,
        3,
    ),
    (
        "Youth justice caseload summary",
        "The youth justice service's current caseload, the numbers assessed as at risk of "
        "serious harm or with safety and well-being concerns, and its latest management "
        "board report.",
        YJS,
        3,
    ),
)

BY_THEME = {
    "domestic-abuse": (
        (
            "Children referred where domestic abuse was a factor (last 6 months)",
            f"Every child, unborn children included, referred to children's social care in "
            f"the last 6 months where domestic abuse was a factor. {CHILD_LIST}",
            LA,
            1,
        ),
        (
            "Domestic abuse notifications (PPNs)",
            "Public protection notifications for domestic abuse incidents in the last 6 "
            "months where children were present or live in the household, and how each was "
            "shared with children's social care and schools.",
            POLICE,
            2,
        ),
        (
            "MARAC data",
            "Multi-agency risk assessment conference referrals and repeat referrals in the "
            "last 12 months, with the number of children in the households discussed.",
            POLICE,
            3,
        ),
        (
            "Health visiting and midwifery contacts",
            "Routine enquiry about domestic abuse by midwives and health visitors in the last "
            "6 months: the numbers asked, disclosures made and referrals that followed.",
            HEALTH,
            3,
        ),
        (
            "Domestic abuse strategy and commissioning",
            "The area's domestic abuse strategy, the needs assessment behind it and the "
            "services commissioned for children and for adult victims.",
            LA,
            3,
        ),
        (
            "People on probation with domestic abuse flags",
            "The number of people on probation flagged for domestic abuse who live with or "
            "have contact with children, and the interventions they receive.",
            PROBATION,
            3,
        ),
    ),
    "csa-family": (
        (
            "Children where sexual abuse in the family was a concern (last 6 months)",
            f"Every child referred or on a plan in the last 6 months where child sexual abuse "
            f"in the family environment was a concern. {CHILD_LIST}",
            LA,
            1,
        ),
        (
            "Police investigations of child sexual abuse in the family",
            "Recorded offences, investigations opened and their outcomes over 12 months, with "
            "the timeliness of achieving-best-evidence interviews.",
            POLICE,
            3,
        ),
        (
            "Paediatric sexual assault referral centre activity",
            "Referrals to the paediatric sexual assault referral centre and the medical "
            "examinations completed in the last 12 months.",
            HEALTH,
            3,
        ),
        (
            "Services for harmful sexual behaviour",
            "The services for children who display harmful sexual behaviour and the numbers "
            "referred to them in the last 12 months.",
            LA,
            3,
        ),
    ),
    "front-door": (
        (
            "Contacts and referrals (last 6 months)",
            f"Every contact and referral to children's social care in the last 6 months, with "
            f"the decision made and when. {CHILD_LIST}",
            LA,
            1,
        ),
        (
            "MASH performance information",
            "The timeliness of decisions in the multi-agency safeguarding hub, strategy "
            "discussions held, and re-referral rates.",
            LA,
            3,
        ),
        (
            "Police referrals to the front door",
            "Child protection referrals and notifications the police made to the front door "
            "in the last 6 months, with their timeliness.",
            POLICE,
            2,
        ),
        (
            "Health referrals to the front door",
            "Referrals from GPs, emergency departments, midwifery and health visiting to the "
            "front door in the last 6 months.",
            HEALTH,
            3,
        ),
        (
            "Early help offer and decisions",
            "The early help strategy, and the numbers stepped up to and down from children's "
            "social care in the last 6 months.",
            LA,
            3,
        ),
    ),
    "neglect": (
        (
            "Children on child protection plans for neglect",
            f"Every child on a child protection plan under the category of neglect. {CHILD_LIST}",
            LA,
            1,
        ),
        (
            "Neglect strategy and assessment tool",
            "The partnership's neglect strategy and how an assessment tool (such as the Graded "
            "Care Profile) is used across agencies.",
            LA,
            3,
        ),
        (
            "School attendance and exclusions of children in need",
            "Attendance, suspensions and exclusions of children in need and on child "
            "protection plans.",
            EDUCATION,
            3,
        ),
        (
            "Missed health appointments ('was not brought')",
            "How health services follow up children who were not brought to appointments, "
            "and the numbers in the last 6 months.",
            HEALTH,
            3,
        ),
    ),
    "cse-missing": (
        (
            "Children at risk of child sexual exploitation",
            f"Every child identified as at risk of child sexual exploitation. {CHILD_LIST}",
            LA,
            1,
        ),
        (
            "Missing episodes and return home interviews",
            "Missing episodes from home and care in the last 6 months, and the return home "
            "interviews offered and completed.",
            LA,
            2,
        ),
        (
            "Police operations and disruption of exploitation",
            "Current police operations against child sexual exploitation and the disruption "
            "activity of the last 12 months.",
            POLICE,
            3,
        ),
        (
            "Children missing education",
            "Children missing education and on part-time timetables, and how they are followed up.",
            EDUCATION,
            3,
        ),
    ),
    "cse-gangs-missing": (
        (
            "Children at risk of exploitation or associated with gangs",
            f"Every child identified as at risk of exploitation or associated with gangs. "
            f"{CHILD_LIST}",
            LA,
            1,
        ),
        (
            "Missing episodes and return home interviews",
            "Missing episodes from home and care in the last 6 months, and the return home "
            "interviews offered and completed.",
            LA,
            2,
        ),
        (
            "Police intelligence on gangs and county lines",
            "The police's current picture of gangs and county lines affecting children in the "
            "area, and disruption activity.",
            POLICE,
            3,
        ),
        (
            "Youth justice cases with exploitation concerns",
            "Children on the youth justice caseload with exploitation or gang concerns.",
            YJS,
            3,
        ),
    ),
    "child-exploitation": (
        (
            "Children at risk of sexual or criminal exploitation",
            f"Every child identified as at risk of sexual or criminal exploitation. {CHILD_LIST}",
            LA,
            1,
        ),
        (
            "National Referral Mechanism referrals",
            "Referrals of children to the National Referral Mechanism in the last 12 months and "
            "their outcomes.",
            LA,
            3,
        ),
        (
            "Police disruption of exploitation",
            "Police disruption activity against the exploitation of children in the last 12 "
            "months.",
            POLICE,
            3,
        ),
        (
            "Youth justice cases with exploitation concerns",
            "Children on the youth justice caseload with exploitation concerns.",
            YJS,
            3,
        ),
    ),
    "mental-health": (
        (
            "Children referred with mental health needs (last 6 months)",
            f"Children referred to children's social care in the last 6 months where a "
            f"child's or parent's mental health was a factor. {CHILD_LIST}",
            LA,
            1,
        ),
        (
            "Child and adolescent mental health services: referrals and waits",
            "Referrals to children's mental health services and waiting times to assessment "
            "and treatment.",
            HEALTH,
            3,
        ),
        (
            "Mental health crisis presentations",
            "Children's emergency department attendances and admissions for self-harm or a "
            "mental health crisis in the last 12 months.",
            HEALTH,
            3,
        ),
        (
            "Police use of section 136 for children",
            "Children detained under section 136 of the Mental Health Act in the last 12 "
            "months, and where they were taken.",
            POLICE,
            3,
        ),
    ),
    "criminal-exploitation": (
        (
            "Children at risk of criminal exploitation",
            f"Every child identified as at risk of criminal exploitation. {CHILD_LIST}",
            LA,
            1,
        ),
        (
            "National Referral Mechanism referrals",
            "Referrals of children to the National Referral Mechanism in the last 12 months and "
            "their outcomes.",
            LA,
            3,
        ),
        (
            "County lines and police disruption activity",
            "The police's picture of county lines affecting children in the area, and "
            "disruption activity in the last 12 months.",
            POLICE,
            3,
        ),
        (
            "Youth justice cases with exploitation concerns",
            "Children on the youth justice caseload with criminal exploitation concerns.",
            YJS,
            3,
        ),
    ),
    "early-help": (
        (
            "Children and families receiving early help",
            f"Every child whose family receives early help, and the lead professional's "
            f"agency. {CHILD_LIST}",
            LA,
            1,
        ),
        (
            "Early help strategy and performance",
            "The early help strategy and its performance information: assessments, plans, "
            "and families stepped up to social care or closed with needs met.",
            LA,
            3,
        ),
        (
            "Health visiting developmental reviews",
            "Coverage of the health visiting developmental reviews and how concerns are "
            "shared with early help.",
            HEALTH,
            3,
        ),
        (
            "Early help in schools",
            "The early help schools lead and offer, and the numbers of early help assessments "
            "schools started.",
            EDUCATION,
            3,
        ),
    ),
    "serious-youth-violence": (
        (
            "Children affected by serious youth violence",
            f"Every child aged 10 or over known to be at risk of or affected by serious "
            f"youth violence. {CHILD_LIST}",
            LA,
            1,
        ),
        (
            "Serious violence duty strategy",
            "The partnership's strategy under the serious violence duty and the strategic "
            "needs assessment behind it.",
            LA,
            3,
        ),
        (
            "Knife crime and serious violence involving children",
            "Incidents of knife crime and serious violence with children as victims or "
            "suspects in the last 12 months.",
            POLICE,
            2,
        ),
        (
            "Youth justice caseload for violent offences",
            "Children on the youth justice caseload for violent offences, with their "
            "assessed risks.",
            YJS,
            3,
        ),
        (
            "Emergency department attendances for assault",
            "Children's emergency department attendances for assault in the last 12 months, "
            "and how they were shared.",
            HEALTH,
            3,
        ),
    ),
}


def seed(apps, schema_editor):
    Theme = apps.get_model("programme", "Theme")
    Item = apps.get_model("information", "RequestTemplateItem")
    if Item.objects.exists():
        return
    rows = [
        Item(
            theme=None,
            title=title,
            description=description,
            agency_kind=kind,
            due_working_days=days,
            position=100 + n * 10,
        )
        for n, (title, description, kind, days) in enumerate(COMMON)
    ]
    for theme in Theme.objects.filter(key__in=BY_THEME):
        rows += [
            Item(
                theme=theme,
                title=title,
                description=description,
                agency_kind=kind,
                due_working_days=days,
                position=10 + n * 10,
            )
            for n, (title, description, kind, days) in enumerate(BY_THEME[theme.key])
        ]
    Item.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("information", "0001_initial"),
        ("programme", "0002_themes_and_frameworks"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
