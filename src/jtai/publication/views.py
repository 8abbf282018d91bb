"""An inspection's report inside the service: the embargoed report for the area's
leaders and the inspection's team (every look is logged while it is embargoed), the
publish step for programme managers, the written statement of action and the action
plan. Selectors decide who finds what (404 otherwise); services decide who may change."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from jtai.accounts.policy import Audience, allow, is_programme_wide
from jtai.accounts.roles import Role
from jtai.audit.models import AccessKind
from jtai.audit.services import record_access
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest
from jtai.information.services import document_storage
from jtai.information.uploads import SizeLimitUploadHandler

from . import selectors, services, statements
from .forms import ActionForm, StatementForm
from .models import ActionPlanItem, Report
from .pdf import letter_pdf, numbered_sections
from .wording import moment


def _log_if_embargoed(request: AuthenticatedRequest, report: Report, action: str) -> None:
    if not report.is_public:
        what = "the embargoed report" if action == "view" else "the embargoed report's PDF"
        record_access(
            request,
            user=request.user,
            kind=AccessKind.EMBARGOED_REPORT,
            description=f"{what} of {report.title}",
            inspection=report.inspection,
            action=action,
        )


def _limit_text() -> str:
    return f"{settings.JTAI_MAX_UPLOAD_BYTES / (1024 * 1024):g} MB"


def report_context(
    request: AuthenticatedRequest, report: Report, statement_form: StatementForm | None = None
) -> dict[str, object]:
    inspection = report.inspection
    assert inspection is not None  # noqa: S101 - report_for finds inspection reports only
    now = timezone.now()
    return {
        "report": report,
        "inspection": inspection,
        "letter": report.letter,
        "sections": numbered_sections(report.letter),
        "embargoed": not report.is_public_at(now),
        "until": moment(report.publish_at),
        "principal_authority": selectors.principal_authority(inspection),
        "can_publish": is_programme_wide(request.user)
        and report.status == "embargoed"
        and report.is_public_at(now),
        "statement": getattr(report, "statement", None),
        "statement_form": statement_form
        or (
            StatementForm() if statements.statement_refusal(request.user, report) is None else None
        ),
        "form": statement_form,
        "limit": _limit_text(),
        "wsoa_overdue": report.wsoa_due is not None
        and report.wsoa_due < timezone.localdate(now)
        and not hasattr(report, "statement"),
    }


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def report_detail(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    report = selectors.report_for(user=request.user, reference=reference)
    _log_if_embargoed(request, report, "view")
    return render(request, "publication/report.html", report_context(request, report))


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def report_pdf(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    report = selectors.report_for(user=request.user, reference=reference)
    _log_if_embargoed(request, report, "download")
    embargoed = not report.is_public
    content = letter_pdf(
        report.letter, embargoed_until=moment(report.publish_at) if embargoed else ""
    )
    response = HttpResponse(content, content_type="application/pdf")
    name = f"{report.slug}{'-embargoed' if embargoed else ''}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@allow(Audience.PROGRAMME)
def report_publish(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    report = selectors.report_for(user=request.user, reference=reference)
    try:
        services.report_publish(actor=request.user, report=report)
    except services.PublicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "The report is published.")
    return redirect("publication:report", reference=reference)


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
@csrf_exempt  # checked below, once the size limit is in place (as for information uploads)
@require_POST
def statement_upload(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    limiter = SizeLimitUploadHandler(request, settings.JTAI_MAX_UPLOAD_BYTES)
    cast(list[FileUploadHandler], request.upload_handlers).insert(0, limiter)
    return _statement_upload(request, reference, limiter)


@csrf_protect
def _statement_upload(
    request: AuthenticatedRequest, reference: str, limiter: SizeLimitUploadHandler
) -> HttpResponse:
    report = selectors.report_for(user=request.user, reference=reference)
    form = StatementForm(
        request.POST, request.FILES, too_large=limiter.too_large, limit=_limit_text()
    )
    if form.is_valid():
        try:
            statements.statement_upload(
                actor=request.user, report=report, upload=form.cleaned_data["document"]
            )
        except services.PublicationError as error:
            form.add_error("document" if error.field else None, error.message)
        else:
            messages.success(request, "The written statement of action has been received.")
            return redirect("publication:report", reference=reference)
    context = report_context(request, report, statement_form=form)
    return render(request, "publication/report.html", context, status=400)


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def statement_download(request: AuthenticatedRequest, reference: str) -> FileResponse:
    report = selectors.report_for(user=request.user, reference=reference)
    statement = getattr(report, "statement", None)
    if statement is None:
        raise Http404("No written statement has been received.")
    try:
        handle = document_storage().open(statement.storage_name, "rb")
    except FileNotFoundError as error:
        raise Http404("The statement's file is not available.") from error
    record_access(
        request,
        user=request.user,
        kind=AccessKind.DOCUMENT,
        description=f"the written statement of action for {report.title}",
        inspection=report.inspection,
        action="download",
    )
    return FileResponse(
        handle, as_attachment=True, filename=statement.filename, content_type=statement.content_type
    )


def _may_plan(request: AuthenticatedRequest, report: Report) -> bool:
    return (
        request.user.role == Role.PARTNERSHIP_COORDINATOR
        and report.inspection is not None
        and report.inspection.area_id == request.user.area_id
        and report.is_public
    )


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def action_plan(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    report = selectors.report_for(user=request.user, reference=reference)
    inspection = report.inspection
    assert inspection is not None  # noqa: S101 - report_for finds inspection reports only
    if not report.is_public:
        raise Http404("The action plan starts once the report is published.")
    may_plan = _may_plan(request, report)
    form = None
    if may_plan:
        form = ActionForm(
            request.POST if request.method == "POST" else None,
            area_id=inspection.area_id,
            with_status=False,
        )
        if request.method == "POST" and form.is_valid():
            try:
                statements.action_add(
                    actor=request.user,
                    report=report,
                    action=form.cleaned_data["action"],
                    agency=form.cleaned_data["agency"],
                    due_on=form.cleaned_data["due_on"],
                )
            except services.PublicationError as error:
                show_refusal(form, error)
            else:
                messages.success(request, "Action added to the plan.")
                return redirect("publication:actions", reference=reference)
    elif request.method == "POST":
        return render(request, "core/403.html", status=403)
    return render(
        request,
        "publication/actions.html",
        {
            "report": report,
            "inspection": inspection,
            "items": selectors.action_items(report),
            "form": form,
            "today": timezone.localdate(),
        },
        status=400 if form is not None and form.errors else 200,
    )


@allow(Audience.LOCAL_AREA)
def action_edit(request: AuthenticatedRequest, reference: str, item_id: int) -> HttpResponse:
    report = selectors.report_for(user=request.user, reference=reference)
    inspection = report.inspection
    assert inspection is not None  # noqa: S101 - report_for finds inspection reports only
    try:
        item = selectors.action_items(report).get(pk=item_id)
    except ActionPlanItem.DoesNotExist as error:
        raise Http404("No such action.") from error
    if not _may_plan(request, report):
        return render(request, "core/403.html", status=403)
    initial = {
        "action": item.action,
        "agency": item.agency_id,
        "due_on": item.due_on,
        "status": item.status,
        "version": item.version,
    }
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        area_id=inspection.area_id,
    )
    if request.method == "POST" and form.is_valid():
        try:
            statements.action_update(
                actor=request.user,
                item=item,
                version=form.cleaned_data["version"] or 0,
                action=form.cleaned_data["action"],
                agency=form.cleaned_data["agency"],
                due_on=form.cleaned_data["due_on"],
                status=form.cleaned_data["status"],
            )
        except services.PublicationError as error:
            show_refusal(form, error)
            # Show the action as saved now, keep what was typed, and let a second save
            # (made knowingly) go over the newer version.
            item.refresh_from_db()
            data = cast(QueryDict, form.data).copy()
            data["version"] = str(item.version)
            form.data = data
        else:
            messages.success(request, "Action saved.")
            return redirect("publication:actions", reference=reference)
    return render(
        request,
        "publication/action_edit.html",
        {"report": report, "inspection": inspection, "item": item, "form": form},
        status=400 if form.errors else 200,
    )
