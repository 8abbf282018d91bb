"""Every change to a findings letter. Each locks what it changes, checks the acting user
(jtai.reports.access), runs in one transaction, refuses with a plain-English reason and
records the meaningful steps in the inspection's history. Lifecycle steps go through
:func:`jtai.inspections.services.inspection_transition`, so they are refused there too
when out of order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from jtai.inspections.events import record_event
from jtai.inspections.models import EventKind, Inspection, Status
from jtai.inspections.services import InspectionError, inspection_transition
from jtai.letters.document import LetterDocument, draft_from_evidence, headings_for
from jtai.programme.selectors import working_calendar
from jtai.timelines.wording import joined, long_date

from . import drafting
from .access import (
    LetterError,
    comment_change_refusal,
    draft_refusal,
    extension_refusal,
    propose_refusal,
    qa_refusal,
    respond_refusal,
    start_refusal,
    submit_comments_refusal,
    submit_refusal,
)
from .models import (
    AccuracyComment,
    CommentStatus,
    Letter,
    QAComment,
    Section,
    SectionVersion,
)

if TYPE_CHECKING:
    from jtai.accounts.models import User

STALE = "stale"  # the field of a refused save made from an older version
STALE_MESSAGE = (
    "Someone else saved this section since you opened it. Your text is below but has not "
    "been saved: compare it with theirs, then save again."
)
MAX_TEXT = 20_000


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _transition(
    actor: User, inspection: Inspection, step: str, now: dt.datetime, reason: str = ""
) -> None:
    try:
        inspection_transition(
            actor=actor, inspection=inspection, transition=step, reason=reason, now=now
        )
    except InspectionError as error:
        raise LetterError(error.message, error.field) from error


def _lock(letter: Letter) -> Letter:
    """The letter locked for the rest of the transaction, with its inspection."""
    return (
        Letter.objects.select_for_update(of=("self",))
        .select_related("inspection", "inspection__area", "inspection__theme")
        .get(pk=letter.pk)
    )


def empty_required(letter: Letter) -> list[str]:
    return [
        s.heading for s in letter.sections.filter(required=True).order_by("position") if s.is_empty
    ]


def unnamed_signatories(letter: Letter) -> list[str]:
    return [s["inspectorate"] for s in letter.signatories if not s.get("name", "").strip()]


def _require_complete(letter: Letter, doing: str) -> None:
    empty = empty_required(letter)
    if empty:
        raise LetterError(
            f"Write the {joined(empty)} section{'s' if len(empty) > 1 else ''} before you "
            f"{doing}: every required section needs text."
        )
    unnamed = unnamed_signatories(letter)
    if unnamed:
        raise LetterError(
            f"Give the name of the {joined(unnamed)} signator{'ies' if len(unnamed) > 1 else 'y'} "
            f"before you {doing}."
        )


def _withdraw_sign_off(letter: Letter, actor: User, now: dt.datetime, what: str) -> None:
    if letter.signed_off_at is None:
        return
    letter.signed_off_at = None
    letter.signed_off_by = None
    letter.save(update_fields=["signed_off_at", "signed_off_by"])
    record_event(
        inspection=letter.inspection,
        kind=EventKind.SIGN_OFF_WITHDRAWN,
        actor=actor,
        summary=f"Sign-off withdrawn: {what} changed after it was signed off",
        occurred_at=now,
    )


# --- starting and drafting ---------------------------------------------------------------


def letter_lay_down(*, inspection: Inspection, actor: User, now: dt.datetime) -> Letter:
    """Lay down a new letter: the framework's headings, the evidence as starting
    paragraphs, the standard opening and next steps, the area's leaders and the
    inspectorates' signatories. Only :func:`letter_start` (and the demo, for inspections
    it walked past drafting) call this."""
    headings = headings_for(inspection.framework.key)
    drafted = draft_from_evidence(headings, drafting.evidence_items(inspection))
    standard = drafting.standard_text(inspection)
    letter = Letter.objects.create(
        inspection=inspection,
        title=drafting.letter_title(inspection),
        addressees=drafting.default_addressees(inspection),
        signatories=drafting.default_signatories(inspection),
        created_at=now,
        created_by=actor,
    )
    sections = []
    for position, heading in enumerate(headings, start=1):
        found = drafted.get(heading.key)
        paragraphs = list(found.paragraphs) if found else []
        sources = list(found.sources) if found else []
        if heading.key in standard:
            paragraphs.insert(0, standard[heading.key])
            sources.insert(0, ())  # the standard paragraph comes from no note
        sections.append(
            Section(
                letter=letter,
                key=heading.key,
                heading=heading.heading,
                position=position,
                required=heading.required,
                text="\n\n".join(paragraphs),
                version=1 if paragraphs else 0,
                evidence=drafting.evidence_links(sources),
                updated_at=now if paragraphs else None,
                updated_by=actor if paragraphs else None,
            )
        )
    Section.objects.bulk_create(sections)
    SectionVersion.objects.bulk_create(
        SectionVersion(
            section=s,
            number=1,
            text=s.text,
            author=actor,
            created_at=now,
            note="Started from the evidence" if s.evidence else "Standard wording",
        )
        for s in Section.objects.filter(letter=letter, version=1)
    )
    return letter


@transaction.atomic
def letter_start(*, actor: User, inspection: Inspection, now: dt.datetime | None = None) -> Letter:
    """Start the letter from the team's evidence, once fieldwork has closed."""
    now = _now(now)
    locked = (
        Inspection.objects.select_for_update()
        .select_related("area", "theme", "framework")
        .get(pk=inspection.pk)
    )
    if Letter.objects.filter(inspection=locked).exists():
        raise LetterError("The letter has already been started.")
    refused = start_refusal(actor, locked)
    if refused:
        raise LetterError(refused)
    letter = letter_lay_down(inspection=locked, actor=actor, now=now)
    notes = sum(len(s.evidence) for s in letter.sections.all())
    record_event(
        inspection=locked,
        kind=EventKind.LETTER_STARTED,
        actor=actor,
        summary=f"Findings letter started from {notes} evidence note{'s' if notes != 1 else ''}",
        occurred_at=now,
        data={"evidence_notes": notes},
    )
    return letter


@transaction.atomic
def section_save(
    *,
    actor: User,
    section: Section,
    text: str,
    version: int,
    note: str = "",
    now: dt.datetime | None = None,
) -> Section:
    """Save a section's text as its next version. ``version`` is the version the person
    opened: if someone has saved since, nothing is saved and they are told."""
    now = _now(now)
    letter = _lock(section.letter)
    section = Section.objects.select_for_update().get(pk=section.pk)
    refused = draft_refusal(actor, letter.inspection)
    if refused:
        raise LetterError(refused)
    if version != section.version:
        raise LetterError(STALE_MESSAGE, STALE)
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        raise LetterError(f"The section must be {MAX_TEXT:,} characters or fewer", "text")
    if text == section.text:
        return section  # nothing changed: no new version, and the sign-off stands
    section.text = text
    section.version += 1
    section.updated_at, section.updated_by = now, actor
    section.save(update_fields=["text", "version", "updated_at", "updated_by"])
    SectionVersion.objects.create(
        section=section, number=section.version, text=text, author=actor, created_at=now, note=note
    )
    _withdraw_sign_off(letter, actor, now, f"the {section.heading} section")
    return section


@transaction.atomic
def details_save(
    *,
    actor: User,
    letter: Letter,
    addressees: Sequence[str],
    signatories: Sequence[dict[str, str]],
    version: int,
    now: dt.datetime | None = None,
) -> Letter:
    """Save who the letter is addressed to and who signs it."""
    now = _now(now)
    letter = _lock(letter)
    refused = draft_refusal(actor, letter.inspection)
    if refused:
        raise LetterError(refused)
    if version != letter.details_version:
        raise LetterError(
            "Someone else changed the addressees or signatories since you opened them. Your "
            "changes are below but have not been saved: check theirs, then save again.",
            STALE,
        )
    cleaned = [line.strip() for line in addressees if line.strip()]
    if not cleaned:
        raise LetterError("Enter at least one addressee", "addressees")
    for signatory in signatories:
        if not signatory["name"].strip():
            raise LetterError(
                f"Enter the name of the signatory for {signatory['inspectorate']}",
                f"name_{signatory['inspectorate']}",
            )
    letter.addressees = cleaned
    letter.signatories = [{k: v.strip() for k, v in s.items()} for s in signatories]
    letter.details_version += 1
    letter.save(update_fields=["addressees", "signatories", "details_version"])
    _withdraw_sign_off(letter, actor, now, "the addressees or signatories")
    return letter


# --- quality assurance -------------------------------------------------------------------


@transaction.atomic
def submit_for_qa(*, actor: User, letter: Letter, now: dt.datetime | None = None) -> Letter:
    now = _now(now)
    letter = _lock(letter)
    refused = submit_refusal(actor, letter.inspection)
    if refused:
        raise LetterError(refused)
    _require_complete(letter, "send the draft for quality assurance")
    _transition(actor, letter.inspection, "submit_for_qa", now)
    return letter


@transaction.atomic
def qa_comment_add(
    *, actor: User, section: Section, text: str, now: dt.datetime | None = None
) -> QAComment:
    letter = _lock(section.letter)
    refused = qa_refusal(actor, letter.inspection)
    if refused:
        raise LetterError(refused)
    if not text.strip():
        raise LetterError("Enter your comment", "text")
    return QAComment.objects.create(
        section=section, author=actor, text=text.strip(), created_at=_now(now)
    )


@transaction.atomic
def sign_off(*, actor: User, letter: Letter, now: dt.datetime | None = None) -> Letter:
    now = _now(now)
    letter = _lock(letter)
    refused = qa_refusal(actor, letter.inspection)
    if refused:
        raise LetterError(refused)
    if letter.signed_off_at is not None:
        raise LetterError("The draft is already signed off.")
    _require_complete(letter, "sign off the draft")
    letter.signed_off_at, letter.signed_off_by = now, actor
    letter.save(update_fields=["signed_off_at", "signed_off_by"])
    record_event(
        inspection=letter.inspection,
        kind=EventKind.LETTER_SIGNED_OFF,
        actor=actor,
        summary="Draft letter signed off by quality assurance",
        occurred_at=now,
    )
    return letter


@transaction.atomic
def return_draft(
    *, actor: User, letter: Letter, reason: str, now: dt.datetime | None = None
) -> Letter:
    now = _now(now)
    letter = _lock(letter)
    refused = qa_refusal(actor, letter.inspection)
    if refused:
        raise LetterError(refused)
    if not reason.strip():
        raise LetterError("Enter what the team needs to change", "reason")
    letter.signed_off_at = letter.signed_off_by = None
    letter.save(update_fields=["signed_off_at", "signed_off_by"])
    _transition(actor, letter.inspection, "return_draft", now, reason)
    return letter


def accuracy_due_for(inspection: Inspection, sent: dt.date) -> dt.date:
    """When the area's comments are due for a draft sent on ``sent``: the planned date,
    or as many working days after a late draft as the plan allows."""
    planned_draft = inspection.planned("draft_report")
    planned_due = inspection.planned("factual_accuracy_due")
    if planned_draft is None or planned_due is None:
        return working_calendar().add_working_days(sent, 9)
    calendar = working_calendar()
    allowed = calendar.count_working_days(planned_draft, planned_due)
    return max(planned_due, calendar.add_working_days(sent, allowed))


@transaction.atomic
def send_draft(*, actor: User, letter: Letter, now: dt.datetime | None = None) -> Letter:
    """Send the signed-off draft to the area: its text is frozen as sent, and the area's
    factual accuracy comments are due a set number of working days later."""
    now = _now(now)
    letter = _lock(letter)
    refused = qa_refusal(actor, letter.inspection)
    if refused:
        raise LetterError(refused)
    if letter.signed_off_at is None:
        raise LetterError(
            "Sign off the draft before sending it: only a signed-off draft goes to the area."
        )
    _require_complete(letter, "send the draft")
    today = timezone.localdate(now)
    sections = letter.sections.order_by("position")
    letter.sent_document = drafting.document_of(letter, sections, today).to_dict()
    letter.sent_at, letter.sent_by = now, actor
    letter.accuracy_due = accuracy_due_for(letter.inspection, today)
    letter.save(update_fields=["sent_document", "sent_at", "sent_by", "accuracy_due"])
    _transition(actor, letter.inspection, "send_draft", now)
    return letter


# --- factual accuracy --------------------------------------------------------------------


def sent_document(letter: Letter) -> LetterDocument | None:
    return LetterDocument.from_dict(letter.sent_document) if letter.sent_document else None


@transaction.atomic
def comment_propose(
    *, actor: User, letter: Letter, paragraph: int, text: str, now: dt.datetime | None = None
) -> AccuracyComment:
    """An agency contact or the coordinator proposes a comment on one paragraph."""
    now = _now(now)
    letter = _lock(letter)
    refused = propose_refusal(actor, letter, timezone.localdate(now))
    if refused:
        raise LetterError(refused)
    document = sent_document(letter)
    found = next(
        (p for p in (document.numbered_paragraphs() if document else ()) if p.number == paragraph),
        None,
    )
    if found is None:
        raise LetterError("Choose a paragraph of the draft", "paragraph")
    if not text.strip():
        raise LetterError("Enter your comment on the paragraph", "text")
    if len(text) > MAX_TEXT:
        raise LetterError(f"The comment must be {MAX_TEXT:,} characters or fewer", "text")
    return AccuracyComment.objects.create(
        letter=letter,
        paragraph=paragraph,
        section_key=found.section_key,
        paragraph_text=found.text,
        agency=actor.agency,
        author=actor,
        text=text.strip(),
        created_at=now,
        updated_at=now,
        updated_by=actor,
    )


def _lock_comment(comment: AccuracyComment) -> AccuracyComment:
    _lock(comment.letter)
    return (
        AccuracyComment.objects.select_for_update(of=("self",))
        .select_related("letter__inspection", "agency")
        .get(pk=comment.pk)
    )


@transaction.atomic
def comment_edit(
    *,
    actor: User,
    comment: AccuracyComment,
    text: str,
    version: int,
    now: dt.datetime | None = None,
) -> AccuracyComment:
    now = _now(now)
    comment = _lock_comment(comment)
    refused = comment_change_refusal(actor, comment, timezone.localdate(now))
    if refused:
        raise LetterError(refused)
    if version != comment.version:
        raise LetterError(
            "Someone else changed this comment since you opened it. Your text is below but "
            "has not been saved: check theirs, then save again.",
            STALE,
        )
    if not text.strip():
        raise LetterError("Enter the comment, or withdraw it", "text")
    comment.text = text.strip()
    comment.version += 1
    comment.updated_at, comment.updated_by = now, actor
    comment.save(update_fields=["text", "version", "updated_at", "updated_by"])
    return comment


@transaction.atomic
def comment_withdraw(
    *, actor: User, comment: AccuracyComment, now: dt.datetime | None = None
) -> AccuracyComment:
    now = _now(now)
    comment = _lock_comment(comment)
    refused = comment_change_refusal(actor, comment, timezone.localdate(now))
    if refused:
        raise LetterError(refused)
    comment.status = CommentStatus.WITHDRAWN
    comment.version += 1
    comment.updated_at, comment.updated_by = now, actor
    comment.save(update_fields=["status", "version", "updated_at", "updated_by"])
    return comment


@transaction.atomic
def comments_submit(*, actor: User, letter: Letter, now: dt.datetime | None = None) -> int:
    """The coordinator sends the area's consolidated comments to the inspectors (none at
    all is an answer too). Returns how many went."""
    now = _now(now)
    letter = _lock(letter)
    refused = submit_comments_refusal(actor, letter, timezone.localdate(now))
    if refused:
        raise LetterError(refused)
    count = AccuracyComment.objects.filter(letter=letter, status=CommentStatus.PROPOSED).update(
        status=CommentStatus.SUBMITTED, submitted_at=now
    )
    letter.accuracy_submitted_at, letter.accuracy_submitted_by = now, actor
    letter.save(update_fields=["accuracy_submitted_at", "accuracy_submitted_by"])
    record_event(
        inspection=letter.inspection,
        kind=EventKind.ACCURACY_SUBMITTED,
        actor=actor,
        summary=(
            f"{count} factual accuracy comment{'s' if count != 1 else ''} submitted by the area"
        ),
        occurred_at=now,
        data={"comments": count},
    )
    return count


@transaction.atomic
def extension_grant(
    *,
    actor: User,
    letter: Letter,
    until: dt.date,
    reason: str,
    now: dt.datetime | None = None,
) -> Letter:
    now = _now(now)
    letter = _lock(letter)
    refused = extension_refusal(actor, letter)
    if refused:
        raise LetterError(refused)
    deadline = letter.accuracy_deadline
    today = timezone.localdate(now)
    if deadline is not None and until <= deadline:
        raise LetterError(
            f"The new date must be after the current deadline, {long_date(deadline)}", "until"
        )
    if until < today:
        raise LetterError("The new date must be today or in the future", "until")
    if not reason.strip():
        raise LetterError("Enter why the area needs more time", "reason")
    letter.accuracy_extended_to = until
    letter.extension_reason = reason.strip()
    letter.save(update_fields=["accuracy_extended_to", "extension_reason"])
    record_event(
        inspection=letter.inspection,
        kind=EventKind.ACCURACY_EXTENDED,
        actor=actor,
        summary=f"Factual accuracy comments now due by {long_date(until)}",
        reason=reason.strip(),
        occurred_at=now,
        data={"until": until.isoformat()},
    )
    return letter


@transaction.atomic
def comment_respond(
    *,
    actor: User,
    comment: AccuracyComment,
    accept: bool,
    response: str,
    now: dt.datetime | None = None,
) -> AccuracyComment:
    """An inspector accepts or rejects a submitted comment; the area sees the outcome."""
    now = _now(now)
    comment = _lock_comment(comment)
    refused = respond_refusal(actor, comment)
    if refused:
        raise LetterError(refused)
    if not response.strip():
        raise LetterError(
            "Enter what was changed" if accept else "Enter why the comment is not accepted",
            "response",
        )
    comment.status = CommentStatus.ACCEPTED if accept else CommentStatus.REJECTED
    comment.response = response.strip()
    comment.responded_at, comment.responded_by = now, actor
    comment.save(update_fields=["status", "response", "responded_at", "responded_by"])
    record_event(
        inspection=comment.letter.inspection,
        kind=EventKind.ACCURACY_ANSWERED,
        actor=actor,
        summary=(
            f"Comment on paragraph {comment.paragraph} {'accepted' if accept else 'not accepted'}"
        ),
        occurred_at=now,
        data={"comment": comment.pk, "accepted": accept},
    )
    return comment


# --- the final letter --------------------------------------------------------------------


def finalise_refusals(letter: Letter, today: dt.date) -> list[str]:
    """Everything that stops the letter being finalised now, in plain English."""
    problems = []
    empty = empty_required(letter)
    if empty:
        problems.append(f"Write the {joined(empty)} section{'s' if len(empty) > 1 else ''}.")
    unanswered = AccuracyComment.objects.filter(
        letter=letter, status=CommentStatus.SUBMITTED
    ).count()
    if unanswered:
        problems.append(
            f"Answer the area's {unanswered} remaining factual accuracy comment"
            f"{'s' if unanswered != 1 else ''}."
        )
    deadline = letter.accuracy_deadline
    if letter.accuracy_submitted_at is None and deadline is not None and today <= deadline:
        problems.append(
            f"Wait for the area's factual accuracy comments, due by {long_date(deadline)}."
        )
    return problems


def final_document(letter: Letter, letter_date: dt.date) -> LetterDocument:
    return drafting.document_of(letter, letter.sections.order_by("position"), letter_date)


@transaction.atomic
def letter_finalise(*, actor: User, letter: Letter, now: dt.datetime | None = None) -> Letter:
    """Make the letter final and hand it to publication, embargoed: refused while the
    area's comments are unanswered or a required section is empty."""
    now = _now(now)
    letter = _lock(letter)
    if letter.inspection.status != Status.FACTUAL_ACCURACY:
        raise LetterError(
            f"This inspection is {letter.inspection.get_status_display().lower()}: only a "
            "letter in its factual accuracy check can be finalised."
        )
    problems = finalise_refusals(letter, timezone.localdate(now))
    if problems:
        raise LetterError(" ".join(problems))
    document = final_document(letter, timezone.localdate(now))
    letter.final_document = document.to_dict()
    letter.finalised_at = now
    letter.save(update_fields=["final_document", "finalised_at"])
    _transition(actor, letter.inspection, "finalise", now)
    _hand_to_publication(letter, document, actor, now)
    return letter


def _hand_to_publication(
    letter: Letter, document: LetterDocument, actor: User, now: dt.datetime
) -> None:
    from jtai.publication.services import PublicationError, embargo_report

    try:
        embargo_report(inspection=letter.inspection, document=document, actor=actor, now=now)
    except PublicationError as error:
        raise LetterError(str(error)) from error
