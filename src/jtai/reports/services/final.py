"""The final letter, handed to publication."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from jtai.inspections.models import Status
from jtai.letters.document import LetterDocument
from jtai.publication.services import PublicationError, embargo_report
from jtai.timelines.wording import joined, long_date

from .. import drafting
from ..access import LetterError
from ..models import AccuracyComment, CommentStatus, Letter
from ._common import _lock, _now, _transition, empty_required

if TYPE_CHECKING:
    from jtai.accounts.models import User


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
    try:
        embargo_report(inspection=letter.inspection, document=document, actor=actor, now=now)
    except PublicationError as error:
        raise LetterError(str(error)) from error
