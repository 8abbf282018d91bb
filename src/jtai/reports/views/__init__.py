"""The findings letter's pages. Selectors decide what each user sees (404 for anything
outside their scope, and for a local area everything before the draft is sent); the
rules in access.py decide what they may do; services make every change."""

from .accuracy import (
    accuracy,
    comment_change,
    comment_respond,
    comments_submit,
    extension,
    finalise,
)
from .letter import letter_details, letter_page, letter_start, section_edit, section_history
from .review import qa_comment, qa_review, send_draft, submit_for_qa

__all__ = [
    "accuracy",
    "comment_change",
    "comment_respond",
    "comments_submit",
    "extension",
    "finalise",
    "letter_details",
    "letter_page",
    "letter_start",
    "qa_comment",
    "qa_review",
    "section_edit",
    "section_history",
    "send_draft",
    "submit_for_qa",
]
