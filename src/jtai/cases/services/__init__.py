"""Every write to children's cases: keyword-only, typed, checked against who may act,
one transaction each, and an event in the inspection's history where the inspectors need
one. Split by responsibility: uploads, selection, audits."""

from ..access import CaseError
from .audits import STALE, audit_submit, section_save
from .selection import (
    audits_request,
    long_list_add,
    selection_counts,
    selection_remove,
    short_list_set,
    suggestion_accept,
    template_for,
)
from .uploads import SHOWN_PROBLEMS, UploadResult, case_list_upload, checksum, problems_csv

__all__ = [
    "SHOWN_PROBLEMS",
    "STALE",
    "CaseError",
    "UploadResult",
    "audit_submit",
    "audits_request",
    "case_list_upload",
    "checksum",
    "long_list_add",
    "problems_csv",
    "section_save",
    "selection_counts",
    "selection_remove",
    "short_list_set",
    "suggestion_accept",
    "template_for",
]
