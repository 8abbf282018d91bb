"""Findings letters written for the demonstration and the tests: realistic front-door
letters in the shape of those published since 2022, for any area, built from the
area's own agencies. Invented text: it describes no real area's services."""

from __future__ import annotations

import datetime as dt

from jtai.letters.document import LetterDocument, LetterSection, Signatory, headings_for

_SIGNATORIES = (
    Signatory("Yvette Stanley", "National Director, Regulation and Social Care", "Ofsted"),
    Signatory("Nicola Ward", "Director of Operations, Chief Inspector of Healthcare", "CQC"),
    Signatory("Michelle Skeer", "His Majesty's Inspector of Constabulary", "HMICFRS"),
)

_TEXT: dict[str, tuple[str, ...]] = {
    "context": (
        "This report sets out the findings of a joint targeted area inspection of the "
        "multi-agency response to identification of initial need and risk in {area}.",
        "Inspectors looked at how partners work together at the front door: the "
        "multi-agency safeguarding hub, referrals, early decisions and the quality of "
        "leadership, including how the safeguarding partners oversee this work.",
    ),
    "headline_findings": (
        "Children in {area} who need help and protection are mostly identified quickly, "
        "and partners share information well when concerns are first raised.",
        "Leaders know their services well and have acted on the findings of their own "
        "audits, although the impact of some recent changes is not yet evident.",
    ),
    "areas_for_priority_action": (),
    "what_needs_to_improve": (
        "The timeliness of strategy discussions when children are at risk of significant "
        "harm out of hours.",
        "The quality of referrals from some agencies, so that the multi-agency "
        "safeguarding hub has what it needs to decide the right response first time.",
        "How consistently health professionals are included in strategy discussions.",
    ),
    "strengths": (
        "Strong and visible leadership of the partnership, with a shared understanding of "
        "the front door's strengths and weaknesses.",
        "The co-location of police, health and children's social care staff, which helps "
        "them to share information and make timely decisions together.",
        "Well-established early help, so that many families receive support before their "
        "difficulties escalate.",
    ),
    "main_findings": (
        "Senior leaders in {local_authority}, {police} and the {health} have a shared "
        "commitment to improving the response to children. They meet regularly and use "
        "performance information to challenge each other.",
        "When concerns about children are first raised, staff in the multi-agency "
        "safeguarding hub gather information from partners promptly. Thresholds are "
        "generally well understood and applied.",
        "Police officers identify children at risk at domestic abuse incidents and share "
        "this information quickly. On occasion, notifications lack the detail needed to "
        "assess risk to unborn children and babies.",
        "Health practitioners contribute well to information sharing, but they are not "
        "always invited to strategy discussions, so decisions are sometimes made without "
        "the full picture of children's health needs.",
        "Out of hours, strategy discussions are not always held in time. Managers have "
        "recognised this and a new rota is being introduced.",
        "Children's voices are heard in most assessments, and practitioners record what "
        "children say about their experiences and wishes.",
    ),
    "practice_study": (
        "Inspectors saw highly effective joint work for a family referred by a school. "
        "Partners shared information within hours, agreed a plan that the family "
        "understood, and reviewed it together until the risks had reduced.",
    ),
    "practice_study_improvement": (),
    "next_steps": (
        "{local_authority} is the principal authority. It should prepare a written "
        "statement of proposed action in response to this report, working with the "
        "safeguarding partners. The statement should set out the actions for the "
        "partnership and, when appropriate, for individual agencies.",
        "The written statement of action should be sent to the inspectorates by {wsoa_due}.",
    ),
}


def front_door_letter(
    *,
    area: str,
    local_authority: str,
    police: str,
    health: str,
    letter_date: dt.date | None,
    wsoa_due: str,
    extra_paragraphs: int = 0,
) -> LetterDocument:
    """A front-door findings letter for ``area``. ``extra_paragraphs`` lengthens the main
    findings (about 6 make a page), for the PDF benchmark and tests."""
    values = {
        "area": area,
        "local_authority": local_authority,
        "police": police,
        "health": health,
        "wsoa_due": wsoa_due,
    }
    sections = []
    for heading in headings_for("2022"):
        paragraphs = [text.format(**values) for text in _TEXT.get(heading.key, ())]
        if heading.key == "main_findings":
            base = list(paragraphs)
            paragraphs += [base[i % len(base)] for i in range(extra_paragraphs)]
        if paragraphs:
            sections.append(LetterSection(heading.key, heading.heading, tuple(paragraphs)))
    return LetterDocument(
        title=f"Joint targeted area inspection of {area}",
        area_name=area,
        letter_date=letter_date,
        addressees=(
            f"Director of Children's Services, {local_authority}",
            f"Chief Executive, {local_authority}",
            f"Chief Executive, {health}",
            f"Chief Constable, {police}",
            f"Police and Crime Commissioner for the {police} area",
            f"Chair and independent scrutineer, {area} Safeguarding Children Partnership",
        ),
        sections=tuple(sections),
        signatories=_SIGNATORIES,
    )
