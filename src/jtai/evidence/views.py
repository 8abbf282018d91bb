"""The evidence and case-tracking pages. Selectors decide what each user sees (404 for
anything outside their scope, and always for the area's users: the middleware refuses
them first); services decide what they may change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from jtai.accounts.policy import Audience, allow
from jtai.audit.models import AccessKind
from jtai.audit.services import record_access
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest
from jtai.inspections.models import Inspection

from . import selectors, services
from .access import EvidenceError, may_write, write_refusal
from .forms import EvidenceForm, FilterForm, TrackingForm
from .models import EvidenceNote

PAGE_SIZE = 25


def _refused(request: AuthenticatedRequest, inspection: Inspection) -> HttpResponse | None:
    reason = write_refusal(request.user, inspection)
    if reason is None:
        return None
    return render(request, "core/403.html", {"reason": reason}, status=403)


@allow(Audience.INSPECTORATE)
def note_list(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    criteria = selectors.criteria_for(inspection)
    agencies = selectors.agencies_for(inspection)
    form = FilterForm(
        request.GET or None,
        criteria=criteria,
        agencies=agencies,
        inspectorates=selectors.inspectorates(),
    )
    filters = form.filters()
    notes = selectors.note_list(user=request.user, inspection=inspection, filters=filters)
    page = Paginator(notes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/list.html",
        {
            "inspection": inspection,
            "filter_form": form,
            "filters": filters,
            "page": page,
            "rows": [(note, selectors.note_html(note, filters.query)) for note in page],
            "may_write": may_write(request.user, inspection),
            "filtered": filters != selectors.NoteFilters(),
        },
    )


def _evidence_form(
    inspection: Inspection,
    *,
    note: EvidenceNote | None = None,
    data: Any = None,
) -> EvidenceForm:
    initial: dict[str, Any] = {}
    if note is not None:
        initial = {
            "text": note.text,
            "criterion": note.criterion_id,
            "polarity": note.polarity,
            "agencies": [a.pk for a in note.agencies.all()],
            "source": f"{note.source_kind}:{note.activity_id or note.child_id or note.document_id}",
            "is_key": note.is_key,
            "version": note.version,
        }
    return EvidenceForm(
        data,
        initial=initial,
        criteria=selectors.criteria_for(
            inspection, include=[note.criterion_id] if note is not None else []
        ),
        agencies=selectors.agencies_for(inspection),
        sources=selectors.sources_for(inspection),
    )


@allow(Audience.INSPECTORATE)
def note_create(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    if (refused := _refused(request, inspection)) is not None:
        return refused
    form = _evidence_form(inspection, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.note_create(
                actor=request.user, inspection=inspection, data=form.note_input()
            )
        except EvidenceError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                f"Evidence recorded: {note.get_polarity_display().lower()} under "
                f"{note.criterion.title}.",
            )
            if "another" in request.POST:
                return redirect("evidence:create", reference=reference)
            return redirect("evidence:list", reference=reference)
    return render(
        request,
        "evidence/form.html",
        {"inspection": inspection, "form": form, "note": None},
        status=400 if form.errors else 200,
    )


@allow(Audience.INSPECTORATE)
def note_detail(request: AuthenticatedRequest, reference: str, note_id: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    note = selectors.note_get(user=request.user, inspection=inspection, note_id=note_id)
    return render(
        request,
        "evidence/detail.html",
        {
            "inspection": inspection,
            "note": note,
            "source": services.source_text(note),
            "may_write": may_write(request.user, inspection),
        },
    )


@allow(Audience.INSPECTORATE)
def note_edit(request: AuthenticatedRequest, reference: str, note_id: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    note = selectors.note_get(user=request.user, inspection=inspection, note_id=note_id)
    if (refused := _refused(request, inspection)) is not None:
        return refused
    form = _evidence_form(
        inspection, note=note, data=request.POST if request.method == "POST" else None
    )
    newer = None
    if request.method == "POST" and form.is_valid():
        try:
            services.note_update(
                actor=request.user,
                note=note,
                data=form.note_input(),
                version=form.cleaned_data["version"] or 0,
            )
        except EvidenceError as error:
            if error.field == services.STALE:
                # Keep what they typed; show what was saved meanwhile; let them save again
                # knowingly, from the newer version.
                newer = selectors.note_get(
                    user=request.user, inspection=inspection, note_id=note_id
                )
                data = request.POST.copy()
                data["version"] = str(newer.version)
                form = _evidence_form(inspection, note=newer, data=data)
                form.is_valid()
                form.add_error(None, error.message)
            else:
                show_refusal(form, error)
        else:
            messages.success(request, "Evidence saved.")
            return redirect("evidence:detail", reference=reference, note_id=note.pk)
    return render(
        request,
        "evidence/form.html",
        {
            "inspection": inspection,
            "form": form,
            "note": note,
            "newer": newer,
            "newer_source": services.source_text(newer) if newer else "",
        },
        status=400 if form.errors else 200,
    )


def _version_rows(snapshot: dict[str, Any], changed: list[str]) -> list[tuple[str, str, bool]]:
    rows = []
    for key, label in services.SNAPSHOT_LABELS.items():
        value = snapshot.get(key, "")
        text = ", ".join(value) if isinstance(value, list) else str(value)
        rows.append((label, text, label in changed))
    return rows


@allow(Audience.INSPECTORATE)
def note_history(request: AuthenticatedRequest, reference: str, note_id: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    note = selectors.note_get(user=request.user, inspection=inspection, note_id=note_id)
    return render(
        request,
        "evidence/history.html",
        {
            "inspection": inspection,
            "note": note,
            "entries": [
                (version, _version_rows(version.snapshot, version.changed))
                for version in selectors.note_versions(note)
            ],
        },
    )


@allow(Audience.INSPECTORATE)
def summary(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    return render(
        request,
        "evidence/summary.html",
        {
            "inspection": inspection,
            "summary": selectors.summary(user=request.user, inspection=inspection),
        },
    )


@allow(Audience.INSPECTORATE)
def feedback(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    return render(
        request,
        "evidence/feedback.html",
        {
            "inspection": inspection,
            "feedback": selectors.feedback(user=request.user, inspection=inspection),
        },
    )


# --- case tracking ------------------------------------------------------------------------


@allow(Audience.INSPECTORATE)
def tracking_list(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    children = selectors.tracking_list(user=request.user, inspection=inspection)
    return render(
        request,
        "evidence/tracking_list.html",
        {
            "inspection": inspection,
            "children": children,
            "may_write": may_write(request.user, inspection),
        },
    )


def _log_child(request: AuthenticatedRequest, inspection: Inspection, case_reference: str) -> None:
    record_access(
        request,
        user=request.user,
        kind=AccessKind.CHILD_DATA,
        description=f"Case tracking of child {case_reference} ({inspection.reference})",
        inspection=inspection,
    )


@allow(Audience.INSPECTORATE)
def tracking_detail(
    request: AuthenticatedRequest, reference: str, selection_id: int
) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    tracked = selectors.tracked_child_get(inspection=inspection, selection_id=selection_id)
    _log_child(request, inspection, tracked.selection.case_reference)
    audit = getattr(tracked.selection, "audit", None)
    return render(
        request,
        "evidence/tracking_detail.html",
        {
            "inspection": inspection,
            "tracked": tracked,
            "child": tracked.selection.child,
            "audit": audit,
            "notes": selectors.notes_about_child(user=request.user, selection=tracked.selection),
            "may_write": may_write(request.user, inspection),
        },
    )


@allow(Audience.INSPECTORATE)
def tracking_edit(request: AuthenticatedRequest, reference: str, selection_id: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    tracked = selectors.tracked_child_get(inspection=inspection, selection_id=selection_id)
    if (refused := _refused(request, inspection)) is not None:
        return refused
    _log_child(request, inspection, tracked.selection.case_reference)
    agencies = selectors.agencies_for(inspection)
    record = tracked.record
    initial: dict[str, Any] = {"version": record.version if record else 0}
    if record is not None:
        initial["experience"] = record.experience
        for judgement in record.judgements.all():
            initial[f"quality_{judgement.agency_id}"] = judgement.quality
            initial[f"note_{judgement.agency_id}"] = judgement.note
    form = TrackingForm(
        request.POST if request.method == "POST" else None, initial=initial, agencies=agencies
    )
    newer = None
    if request.method == "POST" and form.is_valid():
        try:
            services.tracking_save(
                actor=request.user,
                inspection=inspection,
                selection=tracked.selection,
                experience=form.cleaned_data["experience"],
                judgements=form.judgements(),
                version=form.cleaned_data["version"] or 0,
            )
        except EvidenceError as error:
            if error.field == services.STALE:
                newer = selectors.tracked_child_get(
                    inspection=inspection, selection_id=selection_id
                ).record
                data = request.POST.copy()
                data["version"] = str(newer.version if newer else 0)
                form = TrackingForm(data, agencies=agencies)
                form.is_valid()
                form.add_error(None, error.message)
            else:
                show_refusal(form, error)
        else:
            messages.success(request, f"Case tracking of {tracked.selection.case_reference} saved.")
            return redirect(
                "tracking:detail", reference=reference, selection_id=tracked.selection.pk
            )
    return render(
        request,
        "evidence/tracking_form.html",
        {
            "inspection": inspection,
            "tracked": tracked,
            "form": form,
            "newer": newer,
            "cancel": reverse(
                "tracking:detail",
                kwargs={"reference": reference, "selection_id": tracked.selection.pk},
            ),
        },
        status=400 if form.errors else 200,
    )
