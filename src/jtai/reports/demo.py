"""Demonstration data: a findings letter for every demo inspection past fieldwork.

The demo loader walks inspections through the lifecycle with the generic steps, so this
lays the letters down as the letter's own pages would have left them: Cornwall's draft
with the QA manager (one comment), Manchester's sent to the area with comments from its
coordinator and police (two proposed, one withdrawn), and the front-door letters of
Birmingham (finalised), Kent (published) and the closed Leeds inspection, whose text is
the one the publication demo publishes. Thematic letters start from the evidence demo's
notes; invented text, naming only the area's own agencies."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jtai.accounts.demo import enrol_demo_accounts
from jtai.accounts.models import User
from jtai.accounts.roles import Role
from jtai.areas.models import Agency, AgencyKind
from jtai.inspections.models import Inspection, Status
from jtai.letters.document import LetterDocument

from . import drafting
from .models import AccuracyComment, CommentStatus, Letter, QAComment, Section, SectionVersion
from .services import accuracy_due_for, letter_lay_down

# Local accounts for Manchester, so that its factual accuracy check has people in it.
MANCHESTER_ACCOUNTS = (
    (
        "manchester.coordinator",
        "Rebecca Hall",
        Role.PARTNERSHIP_COORDINATOR,
        AgencyKind.LOCAL_AUTHORITY,
        "Director of children's services",
    ),
    (
        "manchester.police",
        "Imran Qureshi",
        Role.AGENCY_CONTACT,
        AgencyKind.POLICE,
        "Detective chief inspector, public protection",
    ),
)

_THEMATIC_TEXT = {
    "headline_findings": (
        "Leaders across {area} share a clear commitment to protecting children, and most "
        "children are identified and helped quickly when concerns are first raised.",
        "The response is not yet consistent: {health} is not always part of early "
        "decisions, and the safeguarding partnership does not know well enough whether "
        "its work is making a difference for children.",
    ),
    "main_findings": (
        "When concerns are raised, staff in the multi-agency safeguarding hub gather "
        "information from partners promptly and thresholds are well understood. Most "
        "decisions about what should happen next are timely and proportionate.",
        "Officers from {police} attending incidents routinely record the presence of "
        "children and share this quickly. In a few cases, notifications lack the detail "
        "that would help practitioners to understand the risk to babies and unborn children.",
        "Practitioners from {health} contribute well to information sharing but are not "
        "consistently invited to strategy discussions, so some decisions are made "
        "without a full picture of children's health needs.",
        "The safeguarding partners in {la} have a good understanding of their strengths "
        "and weaknesses from multi-agency audits, but the learning is not always "
        "followed through to show what has changed for children.",
    ),
    "what_needs_to_improve": (
        "The consistent involvement of health practitioners in strategy discussions.",
        "How the partnership evaluates the impact of its work on children's experiences.",
    ),
    "strengths": (
        "Strong, visible leadership and a shared commitment to improving the response to "
        "children across the partnership.",
        "Timely information sharing in the multi-agency safeguarding hub.",
    ),
}


def _agencies(inspection: Inspection) -> dict[str, str]:
    return {
        "area": inspection.area.name,
        **{
            key: next(
                (a.name for a in Agency.objects.filter(area=inspection.area, kind=kind)), default
            )
            for key, kind, default in (
                ("police", AgencyKind.POLICE, "the police"),
                ("health", AgencyKind.HEALTH, "health partners"),
                ("la", AgencyKind.LOCAL_AUTHORITY, f"{inspection.area.name}"),
            )
        },
    }


def _at(inspection: Inspection, key_date: str, hour: int) -> dt.datetime:
    day = inspection.actual(key_date) or inspection.planned(key_date) or timezone.localdate()
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _set_text(section: Section, text: str, author: User, at: dt.datetime, note: str) -> None:
    section.text = text
    section.version += 1
    section.updated_at, section.updated_by = at, author
    section.save(update_fields=["text", "version", "updated_at", "updated_by"])
    SectionVersion.objects.create(
        section=section, number=section.version, text=text, author=author, created_at=at, note=note
    )


def _complete(letter: Letter, author: User, at: dt.datetime) -> None:
    """Fill every required section the evidence left empty or short with realistic text."""
    values = _agencies(letter.inspection)
    for section in letter.sections.order_by("position"):
        paragraphs = _THEMATIC_TEXT.get(section.key)
        if paragraphs and len(section.text) < 400:
            text = "\n\n".join(p.format(**values) for p in paragraphs)
            if section.text:
                text = f"{section.text}\n\n{text}"
            _set_text(section, text, author, at, "Drafted after the team's moderation meeting")


# Invented names for the inspectorates' signatories of the thematic demo letters.
DEMO_SIGNATORIES = {
    "Ofsted": "Helen Marsh",
    "CQC": "David Chen",
    "HMICFRS": "Sarah Cole",
    "HMI Probation": "Andrew Price",
}


def _name_signatories(letter: Letter) -> None:
    letter.signatories = [
        dict(s, name=s["name"] or DEMO_SIGNATORIES.get(s["inspectorate"], "A Director"))
        for s in letter.signatories
    ]
    letter.save(update_fields=["signatories"])


def _from_document(letter: Letter, document: LetterDocument, author: User, at: dt.datetime) -> None:
    """Give the letter's sections the text of a finished letter."""
    paragraphs = {s.key: "\n\n".join(s.paragraphs) for s in document.sections}
    for section in letter.sections.order_by("position"):
        text = paragraphs.get(section.key, "")
        if text and text != section.text:
            _set_text(section, text, author, at, "Drafted")
    letter.addressees = list(document.addressees) or letter.addressees
    if document.signatories:
        letter.signatories = [
            {"name": s.name, "title": s.title, "inspectorate": s.inspectorate}
            for s in document.signatories
        ]
    letter.save(update_fields=["addressees", "signatories"])


def _sign_off_and_send(letter: Letter, qa: User, at: dt.datetime) -> LetterDocument:
    document = drafting.document_of(letter, letter.sections.order_by("position"), at.date())
    letter.signed_off_at, letter.signed_off_by = at - dt.timedelta(hours=2), qa
    letter.sent_at, letter.sent_by = at, qa
    letter.sent_document = document.to_dict()
    letter.accuracy_due = accuracy_due_for(letter.inspection, at.date())
    letter.save()
    return document


def _manchester_people(password_hash: str) -> dict[str, User]:
    area_name = "Manchester"
    people = {}
    for local, name, role, kind, title in MANCHESTER_ACCOUNTS:
        agency = Agency.objects.filter(area__name=area_name, kind=kind).first()
        user = User(
            email=f"{local}@demo.jtai.example",
            password=password_hash,
            full_name=name,
            job_title=title,
            role=role,
            area=agency.area if agency else None,
            agency=agency,
        )
        user.full_clean()
        user.save()
        people[local] = user
    # Like every demo account, with the demo authenticator app already set up.
    enrol_demo_accounts(people.values())
    return people


def _manchester_comments(letter: Letter, document: LetterDocument, people: dict[str, User]) -> None:
    numbered = list(document.numbered_paragraphs())
    at = letter.sent_at or timezone.now()
    comments = (
        (
            "manchester.police",
            1,
            "The force's domestic abuse safeguarding unit was set up in "
            "January, so it had been running for six months at the time of the inspection, not "
            "three.",
            CommentStatus.PROPOSED,
        ),
        (
            "manchester.coordinator",
            2,
            "The multi-agency safeguarding hub now includes a "
            "full-time health practitioner; please reflect this in the paragraph.",
            CommentStatus.PROPOSED,
        ),
        ("manchester.police", 3, "Duplicate of our first comment.", CommentStatus.WITHDRAWN),
    )
    for n, (who, index, text, status) in enumerate(comments):
        author = people[who]
        paragraph = numbered[min(index, len(numbered)) - 1]
        moment = at + dt.timedelta(days=1, hours=n)
        AccuracyComment.objects.create(
            letter=letter,
            paragraph=paragraph.number,
            section_key=paragraph.section_key,
            paragraph_text=paragraph.text,
            agency=author.agency,
            author=author,
            text=text,
            status=status,
            version=2 if status == CommentStatus.WITHDRAWN else 1,
            created_at=moment,
            updated_at=moment,
            updated_by=people["manchester.coordinator"],
        )


def _answered_comment(letter: Letter, document: LetterDocument, lead: User) -> None:
    author = User.objects.filter(area=letter.inspection.area, role=Role.AGENCY_CONTACT).first()
    paragraph = next(iter(document.numbered_paragraphs()), None)
    if author is None or paragraph is None:
        return
    at = (letter.sent_at or timezone.now()) + dt.timedelta(days=2)
    AccuracyComment.objects.create(
        letter=letter,
        paragraph=paragraph.number,
        section_key=paragraph.section_key,
        paragraph_text=paragraph.text,
        agency=author.agency,
        author=author,
        text="The integrated care board's safeguarding team joined the front door in "
        "September; the letter says October.",
        status=CommentStatus.ACCEPTED,
        created_at=at,
        updated_at=at,
        updated_by=author,
        submitted_at=at + dt.timedelta(days=1),
        response="Thank you: the date is not given in the final letter, which now says "
        "the team joined last autumn.",
        responded_at=at + dt.timedelta(days=2),
        responded_by=lead,
    )


def _final(letter: Letter, document: LetterDocument, at: dt.datetime, lead: User) -> None:
    letter.accuracy_submitted_at = at - dt.timedelta(days=3)
    letter.accuracy_submitted_by = (
        User.objects.filter(area=letter.inspection.area, role=Role.PARTNERSHIP_COORDINATOR).first()
        or lead
    )
    letter.final_document = LetterDocument(
        document.title,
        document.area_name,
        at.date(),
        document.addressees,
        document.sections,
        document.signatories,
    ).to_dict()
    letter.finalised_at = at
    letter.save()


def load_demo(*, users: dict[str, User]) -> int:
    """Called by jtai.demo.loader after the evidence demo and before the publication
    demo; returns how many letters it laid down."""
    # The publication demo publishes front-door letters with this text: the letters here
    # are the same, so what was drafted is what the public reads.
    from jtai.publication.demo import letter_for as front_door_letter

    lead, qa = users["lead"], users["qa"]
    past = (
        Status.QUALITY_ASSURANCE,
        Status.FACTUAL_ACCURACY,
        Status.FINALISED,
        Status.PUBLISHED,
        Status.ACTION_PLAN_RECEIVED,
        Status.CLOSED,
    )
    inspections = Inspection.objects.select_related("area", "theme", "framework").filter(
        status__in=past
    )
    count = 0
    for inspection in inspections:
        started = _at(inspection, "fieldwork_end", 17)
        letter = letter_lay_down(inspection=inspection, actor=lead, now=started)
        drafted = _at(inspection, "draft_report", 8) - dt.timedelta(days=3)
        if inspection.theme.is_front_door:
            _from_document(letter, front_door_letter(inspection), lead, drafted)
        else:
            _complete(letter, lead, drafted)
        _name_signatories(letter)
        count += 1
        if inspection.status == Status.QUALITY_ASSURANCE:
            QAComment.objects.create(
                section=letter.sections.get(key="headline_findings"),
                author=qa,
                text="The second headline finding needs an example: which decisions were made "
                "without health, and what difference did it make to the children?",
                created_at=_at(inspection, "draft_report", 11),
            )
            continue
        document = _sign_off_and_send(letter, qa, _at(inspection, "draft_report", 14))
        if inspection.status == Status.FACTUAL_ACCURACY:
            people = (
                _manchester_people(lead.password) if inspection.area.name == "Manchester" else {}
            )
            if people:
                _manchester_comments(letter, document, people)
            continue
        if inspection.status == Status.PUBLISHED:
            _answered_comment(letter, document, lead)
        _final(letter, document, _at(inspection, "final_report", 10), lead)
    return count
