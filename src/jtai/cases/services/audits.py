"""The area's side of the audits: each agency completes its section, the coordinator
submits the whole audit to the inspectors.

A section's drafts are recorded on the section (who saved it, when, which version); the
inspection's history records only what the inspectors need to know: the submission."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from jtai.inspections.events import record_event
from jtai.inspections.models import EventKind

from ..access import AUDIT_STATUSES, CaseError, may_edit_section, may_submit
from ..models import Audit, AuditSection, AuditStatus, SectionStatus
from ..validation import long_date

if TYPE_CHECKING:
    from jtai.accounts.models import User

STALE = "stale"  # the field name of a refused save made from an old version
STALE_MESSAGE = (
    "Someone else saved this section since you opened it. Your answers are below but "
    "have not been saved: check theirs, then save again."
)


def _when(moment: dt.datetime) -> str:
    return long_date(timezone.localdate(moment))


def _require_open(audit: Audit) -> None:
    if audit.is_submitted and audit.submitted_at is not None:
        raise CaseError(
            f"This audit was submitted to the inspectors on {_when(audit.submitted_at)}: it "
            "can no longer be changed."
        )
    if audit.inspection.status not in AUDIT_STATUSES:
        raise CaseError(
            f"This inspection is {audit.inspection.get_status_display().lower()}: audits can "
            "no longer be changed."
        )


@transaction.atomic
def section_save(
    *,
    actor: User,
    section: AuditSection,
    answers: dict[str, str],
    version: int,
    complete: bool,
    now: dt.datetime | None = None,
) -> AuditSection:
    """Save an agency's answers, as a draft or as complete. ``version`` is the version the
    person opened: if someone has saved since, the save is refused and nothing changes."""
    section = (
        AuditSection.objects.select_for_update(of=("self",))
        .select_related("audit__inspection", "audit__selection", "agency")
        .get(pk=section.pk)
    )
    if not may_edit_section(actor, section):
        raise CaseError("You can only complete your own agency's sections.")
    _require_open(section.audit)
    if version != section.version:
        raise CaseError(STALE_MESSAGE, STALE)
    cleaned = {q["key"]: str(answers.get(q["key"], "")).strip() for q in section.questions}
    if complete:
        missing = [q["key"] for q in section.questions if not cleaned[q["key"]]]
        if missing:
            raise CaseError(
                "Answer every question before marking the section as complete, or save it "
                "as a draft",
                f"answer_{missing[0]}",
            )
    now = now or timezone.now()
    section.answers = cleaned
    if complete:
        section.status = SectionStatus.COMPLETED
    else:
        section.status = (
            SectionStatus.IN_PROGRESS if any(cleaned.values()) else SectionStatus.NOT_STARTED
        )
    section.completed_at = now if complete else None
    section.version += 1
    section.updated_by, section.updated_at = actor, now
    section.save()
    return section


@transaction.atomic
def audit_submit(
    *, actor: User, audit: Audit, summary: str, now: dt.datetime | None = None
) -> Audit:
    """The coordinator sends a reviewed audit to the inspectors, once every agency's
    section is complete. Late audits are accepted, and marked late."""
    audit = (
        Audit.objects.select_for_update(of=("self",))
        .select_related("inspection", "selection", "submitted_by")
        .get(pk=audit.pk)
    )
    if not may_submit(actor, audit):
        raise CaseError("Only the partnership coordinator can submit audits to the inspectors.")
    if audit.is_submitted and audit.submitted_at is not None and audit.submitted_by:
        raise CaseError(
            f"This audit was already submitted to the inspectors on "
            f"{_when(audit.submitted_at)} by {audit.submitted_by.full_name}."
        )
    _require_open(audit)
    incomplete = [
        s.agency.name
        for s in audit.sections.select_related("agency").order_by("agency__kind")
        if not s.is_completed
    ]
    if incomplete:
        raise CaseError(
            f"These sections are not complete yet: {', '.join(incomplete)}. Every agency's "
            "section must be complete before the audit goes to the inspectors."
        )
    summary = summary.strip()
    if not summary:
        raise CaseError("Enter the partnership's overall findings from this audit", "summary")
    now = now or timezone.now()
    late = audit.is_late(timezone.localdate(now))
    audit.status = AuditStatus.SUBMITTED
    audit.summary = summary
    audit.submitted_by, audit.submitted_at = actor, now
    audit.save()
    record_event(
        occurred_at=now,
        inspection=audit.inspection,
        kind=EventKind.AUDIT_SUBMITTED,
        actor=actor,
        summary=(
            f"Multi-agency audit of {audit.selection.case_reference} submitted"
            + (" (late)" if late else "")
        ),
        data={"audit": audit.pk, "late": late},
    )
    return audit
