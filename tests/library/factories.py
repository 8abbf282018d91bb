"""Letters for the library tests, imported through the real import service.

Most tests need letters for particular areas, themes and dates without paying for PDF
reading, so they build the reader's record directly (with text in the style of the
published letters) and import it with a small stand-in PDF. Tests of the reader's part of
the import use the real published letters in tests/letters/fixtures.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from jtai.areas.models import Area
from jtai.letters import LetterRecord, Section, Status
from jtai.library import services
from jtai.library.models import PublishedLetter

FIXTURES = Path(__file__).resolve().parents[1] / "letters" / "fixtures"
LIVERPOOL_2016 = FIXTURES / "jtai-2016-liverpool.pdf"
HARROW_2023 = FIXTURES / "jtai-2023-harrow.pdf"
SEND_REPORT = FIXTURES / "send-2024-hillingdon.pdf"

_serial = itertools.count(1)

INTRODUCTION = (
    "This letter summarises the findings of the joint targeted area inspection (JTAI) of "
    "the multi-agency response to children who are victims of domestic abuse in {area}.\n"
    "This inspection took place from {start} to {end}. It was carried out by inspectors "
    "from Ofsted, the Care Quality Commission (CQC), His Majesty's Inspectorate of "
    "Constabulary and Fire & Rescue Services (HMICFRS) and His Majesty's Inspectorate of "
    "Probation (HMI Probation)."
)
STRENGTHS = (
    "\u25fc Leaders across the partnership share a clear commitment to protecting children "
    "who live with domestic abuse, and the safeguarding partners know their strengths.\n"
    "\u25fc Health visitors routinely ask about domestic abuse at every contact, and they "
    "share information promptly with children's social care.\n"
    "\u25fc Police officers attending incidents of domestic abuse consistently record the "
    "presence of children and make timely notifications to the multi-agency safeguarding "
    "hub."
)
IMPROVEMENTS = (
    "\u25fc The quality and timeliness of strategy meetings, including the attendance of "
    "health professionals and the sharing of police information.\n"
    "\u25fc The identification of the needs of unborn children and babies when there is "
    "domestic abuse, by midwives and health visitors.\n"
    "Leadership and management\n"
    "\u25fc Oversight by the safeguarding partners of the impact of the multi-agency "
    "training on practice with families."
)
MAIN_FINDINGS = (
    "When domestic abuse is reported, the multi-agency safeguarding hub gathers information "
    "from partner agencies quickly. Decisions about next steps are proportionate.\n"
    "Schools are well informed through Operation Encompass and offer children a trusted "
    "adult the next morning."
)
NEXT_STEPS = (
    "We have determined that {area} City Council is the principal authority and should "
    "prepare a written statement of proposed action responding to the findings outlined "
    "in this letter."
)


def pdf_bytes(label: str) -> bytes:
    """Bytes standing in for a letter's PDF: unique per label, so a unique checksum."""
    return b"%PDF-1.4\n% stand-in letter " + label.encode() + b"\n%%EOF\n"


def letter_record(
    *,
    area: str,
    ons_code: str,
    letter_date: dt.date,
    theme: str | None = "domestic-abuse",
    sections: list[Section] | None = None,
    source: str | None = None,
    reason: str | None = None,
) -> LetterRecord:
    start = letter_date - dt.timedelta(weeks=8)
    start -= dt.timedelta(days=start.weekday())
    end = start + dt.timedelta(days=4)
    title = f"Joint targeted area inspection of {area}"
    if sections is None:
        sections = [
            Section(
                "introduction",
                title,
                INTRODUCTION.format(area=area, start=f"{start:%-d}", end=f"{end:%-d %B %Y}"),
            ),
            Section("what_needs_to_improve", "What needs to improve?", IMPROVEMENTS),
            Section("strengths", "Strengths", STRENGTHS),
            Section("main_findings", "Main findings", MAIN_FINDINGS),
            Section("next_steps", "Next steps", NEXT_STEPS.format(area=area)),
        ]
    return LetterRecord(
        source=source or f"letter-{area.lower().replace(' ', '-')}-{letter_date}.pdf",
        status=Status.READ,
        is_jtai=True,
        reason=reason,
        title=title,
        area=area,
        ons_code=ons_code,
        letter_date=letter_date,
        published=letter_date,
        fieldwork_start=start,
        fieldwork_end=end,
        inspectorates=["cqc", "hmicfrs", "hmip", "ofsted"],
        theme=theme,
        page_count=9,
        sections=sections,
    )


def make_letter(
    area: str | Area = "Leeds",
    letter_date: dt.date = dt.date(2024, 11, 20),
    *,
    theme: str | None = "domestic-abuse",
    sections: list[Section] | None = None,
) -> PublishedLetter:
    """A letter for ``area``, imported through the import service."""
    place = area if isinstance(area, Area) else Area.objects.get(name=area)
    record = letter_record(
        area=place.name,
        ons_code=place.ons_code,
        letter_date=letter_date,
        theme=theme,
        sections=sections,
    )
    outcome = services.letter_import(
        data=pdf_bytes(f"{place.ons_code}-{letter_date}-{next(_serial)}"),
        source_name=record.source or "letter.pdf",
        record=record,
    )
    assert outcome.letter is not None, outcome.line
    return outcome.letter


def sample_letter() -> PublishedLetter:
    """One letter in the library (for pages that need any letter at all)."""
    existing = PublishedLetter.objects.filter(area__name="Leeds").first()
    return existing or make_letter("Leeds")
