"""The area's lists: the overview, uploading, the problems of a refused file, and the
children on the lists."""

from __future__ import annotations

import gzip

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header

from jtai.accounts.policy import Audience, allow, is_inspectorate_staff
from jtai.audit.models import AccessAction
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest

from .. import access, selectors, services
from ..forms import ChildFilterForm, UploadForm
from ..models import ListedChild
from ..selectors import SORTS, ChildFilters
from ..values import AGENCIES, STATUSES
from .common import log_child_data

PAGE_SIZE = 50


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def index(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    audits = selectors.audit_list(user=request.user, inspection=inspection)
    today = timezone.localdate()
    staff = is_inspectorate_staff(request.user)
    return render(
        request,
        "cases/index.html",
        {
            "inspection": inspection,
            "lists": list(selectors.case_lists(user=request.user, inspection=inspection)),
            "may_upload": access.may_upload(request.user, inspection),
            "may_select": access.may_select(request.user, inspection),
            "selection": selectors.selection_get(inspection=inspection) if staff else None,
            "audits": audits,
            "audits_submitted": sum(1 for a in audits if a.is_submitted),
            "audits_late": sum(1 for a in audits if a.is_late(today)),
            "due": inspection.planned("audit_due"),
        },
    )


@allow(Audience.LOCAL_AREA)
def upload(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    if not access.may_upload(request.user, inspection):
        return render(request, "core/403.html", status=403)
    form = UploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.case_list_upload(
                actor=request.user,
                inspection=inspection,
                data=upload.read(),
                source_name=upload.name or "list",
                kind=form.cleaned_data["kind"],
            )
        except services.CaseError as error:
            show_refusal(form, error)
        else:
            if result.case_list is not None:
                case_list = result.case_list
                message = f"{case_list.row_count:,} children imported from {case_list.source_name}."
                if case_list.ignored_columns:
                    message += " Columns not needed were ignored: " + ", ".join(
                        case_list.ignored_columns
                    )
                messages.success(request, message)
                return redirect("cases:index", reference=reference)
            # One problem is said as it is (a column of names, an empty file); more are
            # counted here and listed below the form.
            form.add_error(
                "file",
                str(result.problems[0])
                if result.problem_count == 1
                else f"The list was not imported: {result.problem_count:,} problems found. "
                "Fix them and upload the file again",
            )
    return render(
        request,
        "cases/upload.html",
        {"inspection": inspection, "form": form, "result": result},
        status=400 if form.errors else 200,
    )


@allow(Audience.LOCAL_AREA)
def problems(request: AuthenticatedRequest, reference: str, rejection_id: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    rejection = selectors.rejection_get(
        user=request.user, inspection=inspection, rejection_id=rejection_id
    )
    name = rejection.source_name.rsplit(".", 1)[0][:60]
    log_child_data(
        request,
        inspection,
        f"Problems found in the refused list {rejection.source_name}",
        obj=rejection,
        action=AccessAction.DOWNLOAD,
    )
    response = HttpResponse(
        gzip.decompress(bytes(rejection.problems_csv)), content_type="text/csv; charset=utf-8"
    )
    # The uploader named the file: let Django quote or encode it for the header.
    disposition = content_disposition_header(as_attachment=True, filename=f"problems-{name}.csv")
    response["Content-Disposition"] = disposition or "attachment"
    return response


def _filters(form: ChildFilterForm, sort: str, order: str) -> ChildFilters:
    chosen = form.filters()
    return ChildFilters(
        case_list=chosen.get("case_list"),
        status=chosen.get("status", ""),
        age_band=chosen.get("age_band", ""),
        gender=chosen.get("gender", ""),
        ethnic_group=chosen.get("ethnic_group", ""),
        disability=chosen.get("disability", ""),
        agency=chosen.get("agency", ""),
        team=chosen.get("team", ""),
        reference=chosen.get("reference", ""),
        sort=sort if sort in SORTS else "reference",
        descending=order == "desc",
    )


def _children_seen(page: Page[ListedChild], form: ChildFilterForm) -> str:
    """Which page of children was shown, and how they were found."""
    chosen = form.filters()
    filters = ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in chosen.items())
    where = f" (filters: {filters})" if filters else ""
    rows = len(page.object_list)
    return f"Children on the lists, page {page.number}, {rows} rows{where}"


# The children table's columns: (heading, sort key or "" when it does not sort).
COLUMNS = (
    ("Case reference", "reference"),
    ("Age", "age"),
    ("Gender", "gender"),
    ("Ethnicity", "ethnicity"),
    ("Disability", "disability"),
    ("Status", ""),
    ("Agencies involved", ""),
    ("Allocated team", "team"),
    ("Referral", "referral"),
)


def _columns(filters: ChildFilters, staff: bool) -> list[dict[str, str]]:
    columns = []
    for label, key in (*COLUMNS, *((("Chosen", ""),) if staff else ())):
        current = key == filters.sort
        columns.append(
            {
                "label": label,
                "key": key,
                "aria": ("descending" if filters.descending else "ascending")
                if current
                else "none",
                "next": "desc" if current and not filters.descending else "asc",
            }
        )
    return columns


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def children(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    lists = list(selectors.case_lists(user=request.user, inspection=inspection))
    form = ChildFilterForm(
        request.GET or None,
        lists=lists,
        teams=selectors.team_choices(user=request.user, inspection=inspection),
    )
    filters = _filters(form, request.GET.get("sort", ""), request.GET.get("order", ""))
    page = Paginator(
        selectors.child_list(user=request.user, inspection=inspection, filters=filters),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    chosen = selectors.selections_by_reference(
        inspection=inspection, references=[child.case_reference for child in page.object_list]
    )
    log_child_data(
        request,
        inspection,
        _children_seen(page, form),
        detail="Case references shown: "
        + ", ".join(child.case_reference for child in page.object_list),
    )
    return render(
        request,
        "cases/children.html",
        {
            "inspection": inspection,
            "form": form,
            "page": page,
            "rows": [(child, chosen.get(child.case_reference)) for child in page.object_list],
            "sort": filters.sort,
            "descending": filters.descending,
            "columns": _columns(filters, is_inspectorate_staff(request.user)),
            "lists": lists,
            "may_select": access.may_select(request.user, inspection),
            "staff": is_inspectorate_staff(request.user),
        },
    )


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def child(request: AuthenticatedRequest, reference: str, child_id: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    listed = selectors.child_get(user=request.user, inspection=inspection, child_id=child_id)
    staff = is_inspectorate_staff(request.user)
    chosen = selectors.selections_by_reference(
        inspection=inspection, references=[listed.case_reference]
    ).get(listed.case_reference)
    log_child_data(
        request, inspection, f"Child {listed.case_reference} on {listed.case_list}", obj=listed
    )
    return render(
        request,
        "cases/child.html",
        {
            "inspection": inspection,
            "child": listed,
            "selection": chosen if staff else None,
            "may_select": access.may_select(request.user, inspection),
            "agency_labels": AGENCIES,
            "status_labels": STATUSES,
        },
    )
