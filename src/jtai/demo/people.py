"""A realistic pool of demo people: named demo accounts for every role in two areas,
and enough inspectors across the four inspectorates to staff a year's programme."""

from __future__ import annotations

from dataclasses import dataclass

DEMO_PASSWORD = "jtai-demo-2026"  # noqa: S105 - shown in the README; demo databases only
DEMO_EMAIL_DOMAIN = "demo.jtai.example"
# Every demo account's authenticator app shares this key (hex, as django-otp stores it;
# in base32 for an app: NJ2GC2JNMRSW23ZNOR3W6LLGMFRXI33S), so a newcomer can sign in with
# the code the demo sign-in page shows. Demo databases only.
DEMO_TOTP_KEY = b"jtai-demo-two-factor".hex()

# Two areas whose users show that one area never sees another's inspections.
DEMO_AREAS = ("Leeds", "Kent")


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    job_title: str
    inspectorate: str | None = None
    area: str | None = None
    agency_kind: str | None = None


def _email(local: str) -> str:
    return f"{local}@{DEMO_EMAIL_DOMAIN}"


NAMED_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(_email("admin"), "Alex Morgan", "administrator", "Service administrator", "ofsted"),
    DemoAccount(
        _email("programme"), "Priya Shah", "programme_manager", "JTAI programme manager", "ofsted"
    ),
    DemoAccount(
        _email("lead"), "Hannah Clarke", "lead_inspector", "His Majesty's Inspector", "ofsted"
    ),
    DemoAccount(_email("inspector"), "Tom Okafor", "inspector", "Social care inspector", "ofsted"),
    DemoAccount(_email("cqc"), "Grace Lee", "inspector", "Children's services inspector", "cqc"),
    DemoAccount(
        _email("police"), "Daniel Evans", "inspector", "Inspector of constabulary", "hmicfrs"
    ),
    DemoAccount(_email("probation"), "Aisha Rahman", "inspector", "Probation inspector", "hmip"),
    DemoAccount(
        _email("qa"), "Martin Hughes", "qa_manager", "Senior HMI, quality assurance", "ofsted"
    ),
    DemoAccount(
        _email("leeds.coordinator"),
        "Sarah Whitaker",
        "partnership_coordinator",
        "Director of children's services",
        area="Leeds",
        agency_kind="local_authority",
    ),
    DemoAccount(
        _email("leeds.police"),
        "James Booth",
        "agency_contact",
        "Detective superintendent, safeguarding",
        area="Leeds",
        agency_kind="police",
    ),
    DemoAccount(
        _email("leeds.health"),
        "Fatima Begum",
        "agency_contact",
        "Designated nurse for safeguarding",
        area="Leeds",
        agency_kind="health",
    ),
    DemoAccount(
        _email("kent.coordinator"),
        "Oliver Grant",
        "partnership_coordinator",
        "Partnership business manager",
        area="Kent",
        agency_kind="local_authority",
    ),
    DemoAccount(
        _email("kent.health"),
        "Chloe Turner",
        "agency_contact",
        "Named nurse for safeguarding",
        area="Kent",
        agency_kind="health",
    ),
)

_FIRST = (
    "Amelia",
    "Ben",
    "Carys",
    "David",
    "Ella",
    "Farid",
    "Georgia",
    "Harry",
    "Imogen",
    "Jack",
    "Kiran",
    "Laura",
    "Mohammed",
    "Nadia",
    "Owen",
    "Poppy",
    "Rajesh",
    "Sophie",
    "Tariq",
    "Uma",
    "Victoria",
    "William",
    "Yasmin",
    "Zoe",
    "Adam",
    "Bethan",
    "Connor",
    "Deborah",
    "Ethan",
)
_LAST = (
    "Ahmed",
    "Baker",
    "Campbell",
    "Davies",
    "Edwards",
    "Fraser",
    "Green",
    "Hall",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Mitchell",
    "Nelson",
    "O'Brien",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Taylor",
    "Usman",
    "Walker",
    "Young",
    "Wright",
    "Thompson",
    "Harris",
    "Clarke",
)

# How many of each kind of inspector the demo pool holds (beyond the named accounts):
# enough for ten inspections a year with teams of 3 Ofsted social care, 1 education,
# 3 HMICFRS, 3 CQC and 2 HMIP, allowing for leave and overlapping inspections.
POOL: tuple[tuple[str, str, str, int], ...] = (
    ("ofsted", "lead_inspector", "His Majesty's Inspector (social care)", 8),
    ("ofsted", "inspector", "Social care inspector", 16),
    ("ofsted", "inspector", "Education inspector", 8),
    ("ofsted", "qa_manager", "Senior HMI, quality assurance", 3),
    ("cqc", "inspector", "Children's services inspector", 16),
    ("hmicfrs", "inspector", "Inspector of constabulary", 16),
    ("hmip", "inspector", "Probation inspector", 12),
)


def inspector_pool() -> list[DemoAccount]:
    accounts = []
    n = 0
    for inspectorate, role, title, count in POOL:
        for _ in range(count):
            first = _FIRST[n % len(_FIRST)]
            last = _LAST[(n * 7 + 3) % len(_LAST)]
            local = f"{first}.{last}.{n}".lower().replace("'", "")
            accounts.append(
                DemoAccount(_email(local), f"{first} {last}", role, title, inspectorate)
            )
            n += 1
    return accounts
