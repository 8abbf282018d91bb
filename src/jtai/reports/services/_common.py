"""What every letter service shares: locking, the refusals that look at the whole letter,
and the sign-off an edit withdraws."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from jtai.inspections.events import record_event
from jtai.inspections.models import EventKind, Inspection
from jtai.inspections.services import InspectionError, inspection_transition
from jtai.timelines.wording import joined

from ..access import LetterError
from ..models import Letter

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
