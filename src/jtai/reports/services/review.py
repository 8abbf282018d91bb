"""Quality assurance and sending the draft to the area."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from jtai.inspections.events import record_event
from jtai.inspections.models import EventKind, Inspection
from jtai.programme.selectors import working_calendar

from .. import drafting
from ..access import LetterError, qa_refusal, submit_refusal
from ..models import Letter, QAComment, Section
from ._common import _lock, _now, _require_complete, _transition

if TYPE_CHECKING:
    from jtai.accounts.models import User


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
