"""Every change to a findings letter. Each locks what it changes, checks the acting user
(jtai.reports.access), runs in one transaction, refuses with a plain-English reason and
records the meaningful steps in the inspection's history. Lifecycle steps go through
:func:`jtai.inspections.services.inspection_transition`, so they are refused there too
when out of order."""

from ..access import LetterError
from ._common import MAX_TEXT, STALE, STALE_MESSAGE, empty_required, unnamed_signatories
from .accuracy import (
    comment_edit,
    comment_propose,
    comment_respond,
    comment_withdraw,
    comments_submit,
    extension_grant,
    sent_document,
)
from .final import final_document, finalise_refusals, letter_finalise
from .review import (
    accuracy_due_for,
    qa_comment_add,
    return_draft,
    send_draft,
    sign_off,
    submit_for_qa,
)
from .writing import details_save, letter_lay_down, letter_start, section_save

__all__ = [
    "MAX_TEXT",
    "STALE",
    "STALE_MESSAGE",
    "LetterError",
    "accuracy_due_for",
    "comment_edit",
    "comment_propose",
    "comment_respond",
    "comment_withdraw",
    "comments_submit",
    "details_save",
    "empty_required",
    "extension_grant",
    "final_document",
    "finalise_refusals",
    "letter_finalise",
    "letter_lay_down",
    "letter_start",
    "qa_comment_add",
    "return_draft",
    "section_save",
    "send_draft",
    "sent_document",
    "sign_off",
    "submit_for_qa",
    "unnamed_signatories",
]
