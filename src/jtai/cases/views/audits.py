"""The audits: the list and each audit for everyone who may see them (agency contacts
only their own sections; the inspectors the answers once submitted), an agency's section
for the area, and the coordinator's submission."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from jtai.accounts.policy import Audience, allow
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest

from .. import access, selectors, services
from ..forms import SectionForm, SubmitAuditForm
from .common import log_child_data


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def audit_list(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    audits = selectors.audit_list(user=request.user, inspection=inspection)
    log_child_data(
        request,
        inspection,
        f"The multi-agency audits ({len(audits)})",
        detail="Case references shown: "
        + ", ".join(audit.selection.case_reference for audit in audits),
    )
    return render(
        request,
        "cases/audits.html",
        {
            "inspection": inspection,
            "audits": audits,
            "today": timezone.localdate(),
            "due": inspection.planned("audit_due"),
        },
    )


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def audit_detail(request: AuthenticatedRequest, reference: str, audit_id: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    audit = selectors.audit_get(user=request.user, inspection=inspection, audit_id=audit_id)
    sections = list(audit.sections.all())
    log_child_data(request, inspection, f"Audit of {audit.selection.case_reference}", obj=audit)
    return render(
        request,
        "cases/audit.html",
        {
            "inspection": inspection,
            "audit": audit,
            "child": audit.selection.child,
            "sections": [
                (section, access.may_edit_section(request.user, section)) for section in sections
            ],
            "answers_visible": selectors.answers_visible(request.user, audit),
            "may_submit": access.may_submit(request.user, audit) and not audit.is_submitted,
            "today": timezone.localdate(),
        },
    )


@allow(Audience.LOCAL_AREA)
def section_edit(
    request: AuthenticatedRequest, reference: str, audit_id: int, section_id: int
) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    audit = selectors.audit_get(user=request.user, inspection=inspection, audit_id=audit_id)
    section = selectors.section_get(user=request.user, audit=audit, section_id=section_id)
    if not access.may_edit_section(request.user, section):
        return render(request, "core/403.html", status=403)
    initial = {f"answer_{key}": value for key, value in section.answers.items()}
    form = SectionForm(
        request.POST if request.method == "POST" else None,
        questions=section.questions,
        initial={**initial, "version": section.version},
    )
    newer = None
    complete = request.POST.get("action") == "complete"
    if (
        request.method == "POST"
        and form.is_valid()
        and (not complete or form.require_every_answer())
    ):
        try:
            services.section_save(
                actor=request.user,
                section=section,
                answers=form.answers(),
                version=form.cleaned_data["version"],
                complete=complete,
            )
        except services.CaseError as error:
            if error.field == services.STALE:
                # Keep what they typed; show what the other person saved; let them save
                # again knowingly from the newer version.
                section.refresh_from_db()
                newer = section
                data = request.POST.copy()
                data["version"] = str(section.version)
                form = SectionForm(data, questions=section.questions)
                form.is_valid()
                form.add_error(None, error.message)
            else:
                show_refusal(form, error)
        else:
            messages.success(
                request,
                f"{section.agency.name} section "
                + ("marked as complete." if complete else "saved as a draft."),
            )
            return redirect("cases:audit", reference=reference, audit_id=audit.pk)
    log_child_data(
        request,
        inspection,
        f"{section.agency.name} section of the audit of {audit.selection.case_reference}",
        obj=section,
    )
    return render(
        request,
        "cases/section.html",
        {
            "inspection": inspection,
            "audit": audit,
            "section": section,
            "form": form,
            "newer": newer,
        },
        status=400 if form.errors else 200,
    )


@allow(Audience.COORDINATOR)
def audit_submit(request: AuthenticatedRequest, reference: str, audit_id: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    audit = selectors.audit_get(user=request.user, inspection=inspection, audit_id=audit_id)
    if not access.may_submit(request.user, audit):
        return render(request, "core/403.html", status=403)
    form = SubmitAuditForm(
        request.POST if request.method == "POST" else None, initial={"summary": audit.summary}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_submit(
                actor=request.user, audit=audit, summary=form.cleaned_data["summary"]
            )
        except services.CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                f"The audit of {audit.selection.case_reference} was submitted to the inspectors.",
            )
            return redirect("cases:audits", reference=reference)
    log_child_data(request, inspection, f"Audit of {audit.selection.case_reference}", obj=audit)
    return render(
        request,
        "cases/submit.html",
        {
            "inspection": inspection,
            "audit": audit,
            "sections": list(audit.sections.all()),
            "incomplete": [s.agency.name for s in audit.sections.all() if not s.is_completed],
            "form": form,
        },
        status=400 if form.errors else 200,
    )
