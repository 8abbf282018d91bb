"""Audit templates for the demo themes and a generic one for every other theme: the
questions each agency answers about a child the inspectors chose. Administrators edit
them; an audit copies its questions when it is requested."""

from django.db import migrations

COMMON = [
    (
        "involvement",
        "What has your agency's involvement with the child and family been in the last 6 months?",
        "Include the relevant history that shaped it.",
    ),
    (
        "voice",
        "How well did practitioners understand and record the child's views, wishes and daily experience?",
        "",
    ),
    (
        "information_sharing",
        "How well did your agency share information with partners, and act on what partners shared?",
        "For example at the front door, in strategy discussions and at conferences.",
    ),
    ("impact", "What difference has your agency's work made to the child?", ""),
    (
        "quality",
        "Overall, how good was your agency's practice for this child, and why?",
        "For example good, requires improvement or inadequate, with your reasons.",
    ),
    (
        "learning",
        "What has your agency learned from this audit, and what will it do differently?",
        "",
    ),
]

TEMPLATES = {
    None: (
        "Multi-agency case audit",
        "Each agency involved with the child completes its own section. Look at practice in "
        "the 6 months before the inspection, and at how it took account of relevant history.",
        [
            (
                "identification",
                "How well did your agency identify and respond to the child's needs and the risks to them?",
                "",
            ),
        ],
        [],
    ),
    "domestic-abuse": (
        "Children living with domestic abuse: multi-agency audit",
        "Children who see, hear or experience the effects of domestic abuse are victims in "
        "their own right (Domestic Abuse Act 2021). Look especially at unborn children and "
        "children under 8.",
        [
            (
                "identification",
                "How well did your agency identify that the child was living with domestic abuse?",
                "Including as a victim in their own right, and before birth.",
            ),
            (
                "risk",
                "How well were the risks to the child and to the adult victim assessed and reviewed?",
                "For example DASH risk assessments and referrals to a MARAC.",
            ),
            ("perpetrator", "How well did your agency respond to the person causing harm?", ""),
        ],
        [
            (
                "police",
                "police_notification",
                "Was each domestic abuse incident shared with children's social care and the school (Operation Encompass) in good time?",
                "",
            ),
            (
                "health",
                "routine_enquiry",
                "Did midwives, health visitors, GPs or school nurses ask about domestic abuse, and act on what they learned?",
                "",
            ),
            (
                "probation",
                "probation_risk",
                "How well did probation assess and manage the risk the person on probation poses to children?",
                "",
            ),
            (
                "local_authority",
                "la_planning",
                "Were strategy discussions, assessments and plans timely and focused on what the abuse means for the child?",
                "",
            ),
            (
                "education",
                "encompass_support",
                "How did the school or early years setting support the child after a notification?",
                "",
            ),
            (
                "youth_justice",
                "yjs_response",
                "How well did the youth justice service recognise and respond to the child's experience of domestic abuse?",
                "",
            ),
        ],
    ),
    "csa-family": (
        "Child sexual abuse in the family environment: multi-agency audit",
        "Look at how agencies recognised and responded to sexual abuse within the family, "
        "and how they protected and supported the child.",
        [
            (
                "identification",
                "How well did your agency recognise signs and indicators of sexual abuse in the family environment?",
                "",
            ),
            (
                "disclosure",
                "How well did practitioners respond when the child, or someone else, told them about abuse?",
                "",
            ),
            (
                "protection",
                "How well was the child protected from the person who may cause harm, including from siblings and other children?",
                "",
            ),
            (
                "support",
                "What therapeutic and emotional support has the child received, and how quickly?",
                "",
            ),
        ],
        [
            (
                "police",
                "police_investigation",
                "Were joint investigations, achieving best evidence interviews and use of a sexual assault referral centre timely and child-centred?",
                "",
            ),
            ("health", "medical", "Were medical examinations timely and trauma-informed?", ""),
            (
                "local_authority",
                "la_enquiries",
                "Were strategy discussions and section 47 enquiries timely, and did they lead to effective plans?",
                "",
            ),
            (
                "education",
                "school_support",
                "How did the school support the child, and share its concerns?",
                "",
            ),
            (
                "probation",
                "probation_management",
                "How well did probation manage the risk posed by adults in the household with sexual offence convictions?",
                "",
            ),
        ],
    ),
}


def seed(apps, schema_editor):
    Theme = apps.get_model("programme", "Theme")
    AuditTemplate = apps.get_model("cases", "AuditTemplate")
    AuditQuestion = apps.get_model("cases", "AuditQuestion")
    for theme_key, (title, introduction, themed, by_agency) in TEMPLATES.items():
        theme = Theme.objects.filter(key=theme_key).first() if theme_key else None
        if theme_key and theme is None:
            continue
        template, created = AuditTemplate.objects.get_or_create(
            theme=theme, title=title, defaults={"introduction": introduction}
        )
        if not created:
            continue
        common = COMMON[:1] + [(k, t, h) for k, t, h in themed] + COMMON[1:]
        rows = [
            AuditQuestion(template=template, key=key, text=text, hint=hint, order=order)
            for order, (key, text, hint) in enumerate(common)
        ]
        rows += [
            AuditQuestion(
                template=template,
                agency_kind=kind,
                key=key,
                text=text,
                hint=hint,
                order=100 + order,
            )
            for order, (kind, key, text, hint) in enumerate(by_agency)
        ]
        AuditQuestion.objects.bulk_create(rows)


def unseed(apps, schema_editor):
    apps.get_model("cases", "AuditTemplate").objects.filter(
        title__in=[title for title, *_ in TEMPLATES.values()]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("programme", "0002_themes_and_frameworks"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
