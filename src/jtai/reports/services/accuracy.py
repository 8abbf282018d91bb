"""The area's factual accuracy comments and the inspectors' answers."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from jtai.inspections.events import record_event
from jtai.inspections.models import EventKind
from jtai.letters.document import LetterDocument
from jtai.timelines.wording import long_date

from ..access import (
    LetterError,
    comment_change_refusal,
    extension_refusal,
    propose_refusal,
    respond_refusal,
    submit_comments_refusal,
)
from ..models import AccuracyComment, CommentStatus, Letter
from ._common import MAX_TEXT, STALE, _lock, _now

if TYPE_CHECKING:
    from jtai.accounts.models import User


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
