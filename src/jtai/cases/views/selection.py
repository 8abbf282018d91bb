"""The inspectors' choice of children: the long list, the short list, the suggestion and
the request for audits. Only inspectors on the team (and the lead) choose; programme
managers, administrators and the QA manager can see the lists."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from jtai.accounts.policy import Audience, allow
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest
from jtai.inspections.models import Inspection

from .. import access, selectors, services
from ..forms import (
    LongListForm,
    RequestAuditsForm,
    ShortListForm,
    SuggestionForm,
    suggestion_size,
)
from ..models import Purpose, Stage
from ..rules import LOCAL_AUDIT_MAX, SUGGESTION_SIZES
from ..selectors import Selection
from .common import log_child_data


def _references(chosen: Selection) -> str:
    references = [s.case_reference for s in chosen.long_list]
    references += [s.case_reference for group in chosen.short_list.values() for s in group]
    return "Case references shown: " + ", ".join(references)


def _refused(request: AuthenticatedRequest, inspection: Inspection) -> HttpResponse | None:
    if access.may_select(request.user, inspection):
        return None
    return render(request, "core/403.html", status=403)


@allow(Audience.INSPECTORATE)
def long_list_add(request: AuthenticatedRequest, reference: str, child_id: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    child = selectors.child_get(user=request.user, inspection=inspection, child_id=child_id)
    if refused := _refused(request, inspection):
        return refused
    form = LongListForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.long_list_add(
                actor=request.user,
                inspection=inspection,
                child=child,
                reason=form.cleaned_data["reason"],
            )
        except services.CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"{child.case_reference} added to the long list.")
            return redirect("cases:selection", reference=reference)
    log_child_data(request, inspection, f"Child {child.case_reference}", obj=child)
    return render(
        request,
        "cases/long_list_add.html",
        {"inspection": inspection, "child": child, "form": form},
        status=400 if form.errors else 200,
    )


@allow(Audience.INSPECTORATE)
def selection(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    chosen = selectors.selection_get(inspection=inspection)
    log_child_data(
        request,
        inspection,
        "The children chosen: long and short lists",
        detail=_references(chosen),
    )
    return render(
        request,
        "cases/selection.html",
        {
            "inspection": inspection,
            "selection": chosen,
            "may_select": access.may_select(request.user, inspection),
            "purposes": Purpose,
            "local_audit_max": LOCAL_AUDIT_MAX,
        },
    )


@allow(Audience.INSPECTORATE)
def short_list(request: AuthenticatedRequest, reference: str, selection_id: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    chosen = selectors.selected_get(inspection=inspection, selection_id=selection_id)
    if refused := _refused(request, inspection):
        return refused
    initial = (
        {"purpose": chosen.purpose, "reason": chosen.short_list_reason}
        if chosen.stage == Stage.SHORT_LIST
        else {}
    )
    form = ShortListForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.short_list_set(actor=request.user, selection=chosen, **form.cleaned_data)
        except services.CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"{chosen.case_reference} is on the short list.")
            return redirect("cases:selection", reference=reference)
    log_child_data(request, inspection, f"Chosen child {chosen.case_reference}", obj=chosen)
    return render(
        request,
        "cases/short_list.html",
        {"inspection": inspection, "chosen": chosen, "form": form},
        status=400 if form.errors else 200,
    )


@allow(Audience.INSPECTORATE)
def remove(request: AuthenticatedRequest, reference: str, selection_id: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    chosen = selectors.selected_get(inspection=inspection, selection_id=selection_id)
    if refused := _refused(request, inspection):
        return refused
    error = None
    if request.method == "POST":
        try:
            was = services.selection_remove(actor=request.user, selection=chosen)
        except services.CaseError as refusal:
            error = refusal.message
        else:
            messages.success(
                request,
                f"{chosen.case_reference} moved back to the long list."
                if was == Stage.SHORT_LIST
                else f"{chosen.case_reference} taken off the long list.",
            )
            return redirect("cases:selection", reference=reference)
    log_child_data(request, inspection, f"Chosen child {chosen.case_reference}", obj=chosen)
    return render(
        request,
        "cases/remove.html",
        {"inspection": inspection, "chosen": chosen, "error": error},
        status=400 if error else 200,
    )


@allow(Audience.INSPECTORATE)
def suggest(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    if refused := _refused(request, inspection):
        return refused
    size = suggestion_size(request.POST.get("size") or request.GET.get("size"))
    suggestion = selectors.suggestion_get(inspection=inspection, size=size)
    by_id = {child.pk: (child, adds) for child, adds in suggestion.picks}
    form = SuggestionForm(
        request.POST if request.method == "POST" else None,
        child_ids=list(by_id),
        initial={"children": list(by_id)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.suggestion_accept(
                actor=request.user,
                inspection=inspection,
                chosen=[by_id[i] for i in form.cleaned_data["children"]],
            )
        except services.CaseError as error:
            show_refusal(form, error)
        else:
            count = len(form.cleaned_data["children"])
            messages.success(
                request,
                f"{count} {'child' if count == 1 else 'children'} added to the short list "
                "for local audit.",
            )
            return redirect("cases:selection", reference=reference)
    ticked = set(form["children"].value() or [])
    log_child_data(
        request,
        inspection,
        f"Children suggested for local audit ({len(suggestion.picks)})",
        detail="Case references shown: "
        + ", ".join(child.case_reference for child, _ in suggestion.picks),
    )
    return render(
        request,
        "cases/suggest.html",
        {
            "inspection": inspection,
            "suggestion": suggestion,
            "form": form,
            "options": [
                (child, adds, str(child.pk) in {str(t) for t in ticked})
                for child, adds in suggestion.picks
            ],
            "sizes": SUGGESTION_SIZES,
        },
        status=400 if form.errors else 200,
    )


@allow(Audience.INSPECTORATE)
def request_audits(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    if refused := _refused(request, inspection):
        return refused
    current = selectors.selection_get(inspection=inspection)
    form = RequestAuditsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.audits_request(
                actor=request.user,
                inspection=inspection,
                accept_warnings=form.cleaned_data["accept_warnings"],
            )
        except services.CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "The area has been asked to audit the children.")
            return redirect("cases:audits", reference=reference)
    log_child_data(
        request,
        inspection,
        "The children chosen, before asking for audits",
        detail=_references(current),
    )
    return render(
        request,
        "cases/request_audits.html",
        {
            "inspection": inspection,
            "selection": current,
            "form": form,
            "due": inspection.planned("audit_due"),
        },
        status=400 if form.errors else 200,
    )
