"""The information request's pages. Selectors decide what each user sees (404 for
anything outside their scope); services decide what they may change."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from jtai.accounts.policy import Audience, allow, is_inspectorate_staff
from jtai.accounts.roles import Role
from jtai.audit.models import AccessAction, AccessKind
from jtai.audit.services import record_access
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest
from jtai.inspections import selectors as inspection_selectors
from jtai.inspections.models import Status

from . import selectors, services
from .access import may_send, review_refusal, upload_refusal
from .forms import ReviewForm, SendRequestForm, UploadForm
from .models import InformationItem
from .uploads import SizeLimitUploadHandler


def _limit_text() -> str:
    return f"{settings.JTAI_MAX_UPLOAD_BYTES / (1024 * 1024):g} MB"


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def request_overview(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = inspection_selectors.inspection_get(user=request.user, reference=reference)
    overview = selectors.request_overview(user=request.user, inspection=inspection)
    return render(
        request,
        "information/request.html",
        {
            "inspection": inspection,
            "overview": overview,
            "can_send": inspection.status == Status.NOTIFIED and may_send(request.user, inspection),
            "is_agency_contact": request.user.role == Role.AGENCY_CONTACT,
            # Whether anything was sent at all, when none of it is for this user.
            "request_exists": not overview.rows
            and InformationItem.objects.filter(inspection=inspection).exists(),
        },
    )


@allow(Audience.INSPECTORATE)
def request_send(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    """The lead inspector reviews the items, owners and due dates, then sends."""
    inspection = inspection_selectors.inspection_get(user=request.user, reference=reference)
    if not may_send(request.user, inspection):
        return render(request, "core/403.html", status=403)
    plan = selectors.planned_items(inspection)
    form = SendRequestForm(request.POST if request.method == "POST" else None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            items = services.information_request_send(
                actor=request.user, inspection=inspection, template_ids=form.template_ids()
            )
        except services.InformationError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                f"Information request sent: {len(items)} item{'s' if len(items) != 1 else ''} "
                f"to {inspection.area.name}'s agencies.",
            )
            return redirect("information:request", reference=reference)
    rows = list(zip(form["items"], plan, strict=True))
    return render(
        request,
        "information/send.html",
        {
            "inspection": inspection,
            "form": form,
            "rows": rows,
            "notification": selectors.notification_day(inspection),
            "already_sent": InformationItem.objects.filter(inspection=inspection).exists(),
        },
        status=400 if form.errors else 200,
    )


def _item_page(
    request: AuthenticatedRequest,
    item: InformationItem,
    *,
    upload_form: UploadForm | None = None,
    review_form: ReviewForm | None = None,
    status: int = 200,
) -> HttpResponse:
    upload_refused = upload_refusal(request.user, item)
    review_refused = review_refusal(request.user, item)
    return render(
        request,
        "information/item.html",
        {
            "inspection": item.inspection,
            "item": item,
            # The bound form, if any: base.html prefixes the title with "Error:" for it.
            "form": upload_form or review_form,
            "groups": selectors.document_groups(item),
            "upload_form": upload_form or (UploadForm() if upload_refused is None else None),
            # Inspectors are not expected to upload: no need to tell them why they cannot.
            "upload_refused": None if is_inspectorate_staff(request.user) else upload_refused,
            "review_form": review_form or (ReviewForm() if review_refused is None else None),
            "limit": _limit_text(),
            "max_files": services.MAX_FILES_PER_UPLOAD,
        },
        status=status,
    )


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def item_detail(request: AuthenticatedRequest, reference: str, item_id: int) -> HttpResponse:
    item = selectors.item_get(user=request.user, reference=reference, item_id=item_id)
    return _item_page(request, item)


@allow(Audience.LOCAL_AREA)
@csrf_exempt  # checked below, once the size limit is in place: see _document_upload
@require_POST
def document_upload(request: AuthenticatedRequest, reference: str, item_id: int) -> HttpResponse:
    # Upload handlers can only change before the body is read, and the CSRF check reads
    # it; so the limit goes in first and the CSRF check runs after (Django's documented
    # pattern for per-view upload handlers).
    limiter = SizeLimitUploadHandler(request, settings.JTAI_MAX_UPLOAD_BYTES)
    cast(list[FileUploadHandler], request.upload_handlers).insert(0, limiter)
    return _document_upload(request, reference, item_id, limiter)


@csrf_protect
def _document_upload(
    request: AuthenticatedRequest, reference: str, item_id: int, limiter: SizeLimitUploadHandler
) -> HttpResponse:
    item = selectors.item_get(user=request.user, reference=reference, item_id=item_id)
    form = UploadForm(request.POST, request.FILES, too_large=limiter.too_large, limit=_limit_text())
    if form.is_valid():
        try:
            documents = services.documents_upload(
                actor=request.user, item=item, files=form.cleaned_data["documents"]
            )
        except services.InformationError as error:
            show_refusal(form, error)
        else:
            count = len(documents)
            messages.success(
                request, f"{count} file{'s' if count != 1 else ''} uploaded to {item.title}."
            )
            return redirect("information:item", reference=reference, item_id=item.pk)
    return _item_page(request, item, upload_form=form, status=400)


@require_POST
@allow(Audience.INSPECTORATE)
def item_review(request: AuthenticatedRequest, reference: str, item_id: int) -> HttpResponse:
    item = selectors.item_get(user=request.user, reference=reference, item_id=item_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.item_review(
                actor=request.user,
                item=item,
                accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"],
            )
        except services.InformationError as error:
            show_refusal(form, error)
        else:
            done = "accepted" if form.cleaned_data["decision"] == "accept" else "returned"
            messages.success(request, f"{item.title}: {done}.")
            return redirect("information:item", reference=reference, item_id=item.pk)
    return _item_page(request, item, review_form=form, status=400)


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def document_download(
    request: AuthenticatedRequest, reference: str, document_id: int
) -> FileResponse:
    """Stream a document to someone who may see it, and log that they did."""
    document = selectors.document_get(
        user=request.user, reference=reference, document_id=document_id
    )
    storage = services.document_storage()
    try:
        handle = storage.open(document.storage_name, "rb")
    except FileNotFoundError as error:
        raise Http404("The document's file is not available.") from error
    record_access(
        request,
        user=request.user,
        kind=AccessKind.DOCUMENT,
        action=AccessAction.DOWNLOAD,
        description=f"{document.filename} (version {document.version})",
        inspection=document.item.inspection,
        obj=document,
    )
    # Always an attachment: uploaded content is never rendered on the service's own origin.
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.filename,
        content_type=document.content_type,
    )
