from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jtai.accounts.policy import Audience, allow, is_programme_wide
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest
from jtai.programme.selectors import working_calendar

from . import selectors, services
from .forms import (
    InspectionCreateForm,
    InspectionFilterForm,
    RescheduleForm,
    TeamMemberForm,
    TransitionForm,
)
from .lifecycle import TRANSITIONS, available_transitions
from .models import TeamMember

PAGE_SIZE = 50


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def inspection_list(request: AuthenticatedRequest) -> HttpResponse:
    form = InspectionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.inspection_list(
        user=request.user,
        status=filters.get("status", ""),
        theme=filters.get("theme", ""),
        region=filters.get("region", ""),
        year=filters.get("year"),
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/list.html",
        {"filter_form": form, "page": page, "can_plan": is_programme_wide(request.user)},
    )


@allow(Audience.PROGRAMME)
def inspection_create(request: AuthenticatedRequest) -> HttpResponse:
    form = InspectionCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.inspection_create(actor=request.user, **form.cleaned_data)
        except services.InspectionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"Inspection {inspection.reference} planned.")
            return redirect("inspections:detail", reference=inspection.reference)
    return render(request, "inspections/create.html", {"form": form})


def _detail_context(request: AuthenticatedRequest, reference: str) -> dict[str, object]:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    today = timezone.localdate()
    rows = selectors.key_date_rows(inspection, working_calendar(), today)
    actions = [
        t
        for t in available_transitions(inspection.status)
        if services.may_make(request.user, inspection, t)
    ]
    return {
        "inspection": inspection,
        "rows": rows,
        "next_due": selectors.next_due(rows),
        "events": selectors.inspection_events(user=request.user, inspection=inspection),
        "actions": actions,
        "can_manage": is_programme_wide(request.user),
        "team": list(inspection.team_members.all()),
    }


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def inspection_detail(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    return render(request, "inspections/detail.html", _detail_context(request, reference))


@allow(Audience.INSPECTORATE, Audience.LOCAL_AREA)
def inspection_transition(
    request: AuthenticatedRequest, reference: str, transition: str
) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    step = TRANSITIONS.get(transition)
    if step is None or not services.may_make(request.user, inspection, step):
        return render(request, "core/403.html", status=403)
    if step.url_name:  # this step is taken on a page of its own
        return redirect(step.url_name, reference=reference)
    form = TransitionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_transition(
                actor=request.user,
                inspection=inspection,
                transition=transition,
                reason=form.cleaned_data["reason"],
            )
        except services.InspectionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"Done: {step.label.lower()}.")
            return redirect("inspections:detail", reference=reference)
    return render(
        request,
        "inspections/transition.html",
        {"inspection": inspection, "step": step, "form": form},
        status=400 if form.errors else 200,
    )


@allow(Audience.PROGRAMME)
def inspection_reschedule(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    form = RescheduleForm(
        request.POST if request.method == "POST" else None,
        initial={"fieldwork_start": inspection.fieldwork_start},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_reschedule(
                actor=request.user, inspection=inspection, **form.cleaned_data
            )
        except services.InspectionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Fieldwork rescheduled and key dates recalculated.")
            return redirect("inspections:detail", reference=reference)
    return render(request, "inspections/reschedule.html", {"inspection": inspection, "form": form})


@allow(Audience.PROGRAMME)
def team_add(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    form = TeamMemberForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_member_add(actor=request.user, inspection=inspection, **form.cleaned_data)
        except services.InspectionError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['user']} added to the team.")
            return redirect("inspections:detail", reference=reference)
    return render(request, "inspections/team_add.html", {"inspection": inspection, "form": form})


@require_POST
@allow(Audience.PROGRAMME)
def team_remove(request: AuthenticatedRequest, reference: str, member_id: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, reference=reference)
    member = get_object_or_404(TeamMember, pk=member_id, inspection=inspection)
    services.team_member_remove(actor=request.user, member=member)
    messages.success(request, f"{member.user} removed from the team.")
    return redirect("inspections:detail", reference=reference)
