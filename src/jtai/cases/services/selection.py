"""Choosing children: the long list, the short list and its purposes, the suggestion
accepted, and the request that the area audit the children chosen for local audit."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from jtai.areas.models import Agency
from jtai.inspections.events import record_event
from jtai.inspections.models import EventKind, Inspection

from ..access import SELECTION_STATUSES, CaseError, may_select
from ..models import (
    Audit,
    AuditQuestion,
    AuditRequest,
    AuditSection,
    AuditTemplate,
    ListedChild,
    Purpose,
    SectionStatus,
    SelectedChild,
    Stage,
)
from ..rules import LOCAL_AUDIT_MAX, Counts, selection_warnings
from ..validation import long_date

if TYPE_CHECKING:
    from jtai.accounts.models import User
    from jtai.programme.models import Theme


def _require_selector(actor: User, inspection: Inspection) -> None:
    if inspection.status not in SELECTION_STATUSES:
        raise CaseError(
            f"This inspection is {inspection.get_status_display().lower()}: children can no "
            "longer be chosen."
        )
    if not may_select(actor, inspection):
        raise CaseError("Only inspectors on this inspection's team can choose children.")


def _lock(inspection: Inspection) -> Inspection:
    """Lock the inspection's row so that counts checked here cannot be raced."""
    return (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("theme", "area")
        .get(pk=inspection.pk)
    )


def selection_counts(inspection: Inspection) -> Counts:
    short = Q(stage=Stage.SHORT_LIST)
    totals = SelectedChild.objects.filter(inspection=inspection).aggregate(
        long_list=Count("id"),
        local_audit=Count("id", filter=short & Q(purpose=Purpose.LOCAL_AUDIT)),
        case_tracking=Count("id", filter=short & Q(purpose=Purpose.CASE_TRACKING)),
        case_sampling=Count("id", filter=short & Q(purpose=Purpose.CASE_SAMPLING)),
    )
    return Counts(**totals)


@transaction.atomic
def long_list_add(
    *,
    actor: User,
    inspection: Inspection,
    child: ListedChild,
    reason: str,
    now: dt.datetime | None = None,
) -> SelectedChild:
    _require_selector(actor, inspection)
    if child.inspection_id != inspection.pk:
        raise CaseError("That child is not on this inspection's lists.")
    reason = reason.strip()
    if not reason:
        raise CaseError("Enter why you chose this child", "reason")
    earlier = SelectedChild.objects.filter(
        inspection=inspection, case_reference=child.case_reference
    ).first()
    if earlier is not None:
        raise CaseError(
            f"{child.case_reference} is already on the {earlier.get_stage_display().lower()}."
        )
    try:
        with transaction.atomic():
            return SelectedChild.objects.create(
                inspection=inspection,
                child=child,
                case_reference=child.case_reference,
                long_list_reason=reason,
                added_by=actor,
                added_at=now or timezone.now(),
            )
    except IntegrityError as error:  # the same form sent twice at once
        raise CaseError(f"{child.case_reference} is already on the long list.") from error


@transaction.atomic
def short_list_set(
    *,
    actor: User,
    selection: SelectedChild,
    purpose: str,
    reason: str,
    now: dt.datetime | None = None,
) -> SelectedChild:
    """Put a long-listed child on the short list for a purpose, or change why and what
    for. A child added for local audit after the audits were requested gets an audit."""
    inspection = _lock(selection.inspection)
    _require_selector(actor, inspection)
    selection = SelectedChild.objects.select_for_update().get(pk=selection.pk)
    if purpose not in Purpose.values:
        raise CaseError("Choose what the child is short-listed for", "purpose")
    reason = reason.strip()
    if not reason:
        raise CaseError("Enter why this child is on the short list", "reason")
    now = now or timezone.now()
    was_local = selection.stage == Stage.SHORT_LIST and selection.purpose == Purpose.LOCAL_AUDIT
    adding_local = purpose == Purpose.LOCAL_AUDIT and not was_local
    if adding_local and selection_counts(inspection).local_audit >= LOCAL_AUDIT_MAX:
        raise CaseError(
            f"The short list for local audit already has {LOCAL_AUDIT_MAX} children, the "
            "most the area is asked to audit. Move one back to the long list first.",
            "purpose",
        )
    if was_local and purpose != Purpose.LOCAL_AUDIT:
        _withdraw_audit(actor=actor, selection=selection, now=now)
    if selection.stage != Stage.SHORT_LIST:
        selection.promoted_by, selection.promoted_at = actor, now
    selection.stage, selection.purpose, selection.short_list_reason = (
        Stage.SHORT_LIST,
        purpose,
        reason,
    )
    selection.save()
    if adding_local:
        request = AuditRequest.objects.filter(inspection=inspection).first()
        if request is not None:
            audit = _create_audit(inspection=inspection, selection=selection, now=now)
            record_event(
                occurred_at=now,
                inspection=inspection,
                kind=EventKind.CASES_SELECTED,
                actor=actor,
                summary=f"Audit requested for one more child, {audit.selection.case_reference}",
                data={"audit": audit.pk},
            )
    return selection


@transaction.atomic
def selection_remove(
    *, actor: User, selection: SelectedChild, now: dt.datetime | None = None
) -> Stage:
    """Move a short-listed child back to the long list, or take a long-listed child off
    it; returns where the child was. An audit the area has started is never discarded."""
    inspection = _lock(selection.inspection)
    _require_selector(actor, inspection)
    selection = SelectedChild.objects.select_for_update().get(pk=selection.pk)
    was = Stage(selection.stage)
    if was == Stage.SHORT_LIST:
        if selection.purpose == Purpose.LOCAL_AUDIT:
            _withdraw_audit(actor=actor, selection=selection, now=now or timezone.now())
        selection.stage, selection.purpose, selection.short_list_reason = Stage.LONG_LIST, "", ""
        selection.promoted_by = selection.promoted_at = None
        selection.save()
    else:
        selection.delete()
    return was


@transaction.atomic
def suggestion_accept(
    *,
    actor: User,
    inspection: Inspection,
    chosen: list[tuple[ListedChild, str]],
    purpose: str = Purpose.LOCAL_AUDIT,
    now: dt.datetime | None = None,
) -> list[SelectedChild]:
    """Short-list the suggested children the inspector kept, each with what it adds; any
    not yet on the long list join it first. All of them, or none."""
    if not chosen:
        raise CaseError("Select at least one child", "children")
    now = now or timezone.now()
    selections = []
    for child, adds in chosen:
        reason = f"Suggested for the spread of the list: {adds}."
        selection = SelectedChild.objects.filter(
            inspection=inspection, case_reference=child.case_reference
        ).first() or long_list_add(
            actor=actor, inspection=inspection, child=child, reason=reason, now=now
        )
        if selection.stage == Stage.SHORT_LIST:
            raise CaseError(f"{child.case_reference} is already on the short list.", "children")
        selections.append(
            short_list_set(
                actor=actor, selection=selection, purpose=purpose, reason=reason, now=now
            )
        )
    return selections


def template_for(theme: Theme) -> tuple[AuditTemplate, list[AuditQuestion]]:
    template = AuditTemplate.objects.filter(theme=theme).first()
    if template is None:
        template = AuditTemplate.objects.filter(theme__isnull=True).order_by("id").first()
    if template is None:
        raise CaseError("There is no audit template: an administrator must add one.")
    return template, list(template.questions.all())


def _create_audit(
    *,
    inspection: Inspection,
    selection: SelectedChild,
    now: dt.datetime,
    template: tuple[AuditTemplate, list[AuditQuestion]] | None = None,
    agencies: dict[str, Agency] | None = None,
) -> Audit:
    """An audit with a section for each agency involved with the child; children's social
    care (the local authority) always has one, since the lists are its records."""
    audit_template, questions = template or template_for(inspection.theme)
    if agencies is None:
        agencies = {a.kind: a for a in Agency.objects.filter(area_id=inspection.area_id)}
    audit = Audit.objects.create(
        inspection=inspection,
        selection=selection,
        title=audit_template.title,
        due_on=inspection.planned("audit_due"),
        created_at=now,
    )
    kinds = ["local_authority", *selection.child.agencies]
    AuditSection.objects.bulk_create(
        AuditSection(
            audit=audit,
            agency=agencies[kind],
            questions=[
                {"key": q.key, "text": q.text, "hint": q.hint}
                for q in questions
                if q.agency_kind in ("", kind)
            ],
        )
        for kind in dict.fromkeys(kinds)
        if kind in agencies
    )
    return audit


def _withdraw_audit(*, actor: User, selection: SelectedChild, now: dt.datetime) -> None:
    audit = Audit.objects.filter(selection=selection).first()
    if audit is None:
        return
    if audit.sections.exclude(status=SectionStatus.NOT_STARTED).exists() or audit.is_submitted:
        raise CaseError(
            f"The area has already started the audit of {selection.case_reference}, so the "
            "child stays on the short list for local audit."
        )
    audit.delete()
    record_event(
        occurred_at=now,
        inspection=selection.inspection,
        kind=EventKind.CASES_SELECTED,
        actor=actor,
        summary=f"Audit of {selection.case_reference} withdrawn before the area started it",
    )


@transaction.atomic
def audits_request(
    *,
    actor: User,
    inspection: Inspection,
    accept_warnings: bool = False,
    now: dt.datetime | None = None,
) -> AuditRequest:
    """Ask the area to audit every child short-listed for local audit, by the planned
    audit date. Once only: a second request (a form sent twice) is refused."""
    inspection = _lock(inspection)
    _require_selector(actor, inspection)
    earlier = AuditRequest.objects.filter(inspection=inspection).select_related("requested_by")
    if (request := earlier.first()) is not None:
        raise CaseError(
            f"The audits were already requested on "
            f"{long_date(timezone.localdate(request.requested_at))} by "
            f"{request.requested_by.full_name}."
        )
    counts = selection_counts(inspection)
    if not counts.local_audit:
        raise CaseError("Put at least one child on the short list for local audit first.")
    warnings = selection_warnings(counts)
    if warnings and not accept_warnings:
        raise CaseError(
            "Confirm that you want to ask for the audits despite the warnings", "accept_warnings"
        )
    now = now or timezone.now()
    request = AuditRequest.objects.create(
        inspection=inspection, requested_by=actor, requested_at=now, warnings=warnings
    )
    template = template_for(inspection.theme)
    agencies = {a.kind: a for a in Agency.objects.filter(area_id=inspection.area_id)}
    chosen = (
        SelectedChild.objects.filter(
            inspection=inspection, stage=Stage.SHORT_LIST, purpose=Purpose.LOCAL_AUDIT
        )
        .select_related("child")
        .order_by("case_reference")
    )
    references = []
    for selection in chosen:
        _create_audit(
            inspection=inspection,
            selection=selection,
            now=now,
            template=template,
            agencies=agencies,
        )
        references.append(selection.case_reference)
    due = inspection.planned("audit_due")
    record_event(
        occurred_at=now,
        inspection=inspection,
        kind=EventKind.CASES_SELECTED,
        actor=actor,
        summary=(
            f"{len(references)} children chosen for multi-agency audit"
            + (f", due {long_date(due)}" if due else "")
        ),
        data={"children": references, "warnings": warnings},
    )
    return request
