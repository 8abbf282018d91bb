"""Programme planning pages, for programme managers and administrators: a year's inputs,
planning and re-planning it, pins, a plan as a calendar with teams and workloads, and
publishing and accepting a plan. Services decide what may change; views stay thin."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jtai.accounts.policy import Audience, allow
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest

from . import services
from .forms import PinForm, PinFromPlanForm, UnavailabilityForm
from .models import PlanPin, PlanStatus, ProgrammePlan, ProgrammeYear
from .planning_inputs import inputs_summary
from .plans import plan_view, theme_names


def _pins(programme_year: ProgrammeYear) -> list[PlanPin]:
    return list(
        PlanPin.objects.filter(programme_year=programme_year).select_related(
            "area", "inspector__user"
        )
    )


@allow(Audience.PROGRAMME)
def year_list(request: AuthenticatedRequest) -> HttpResponse:
    years = ProgrammeYear.objects.annotate(
        plan_count=Count("plans", distinct=True),
        published=Count("plans", filter=Q(plans__status=PlanStatus.PUBLISHED), distinct=True),
        accepted=Count("plans", filter=Q(plans__status=PlanStatus.ACCEPTED), distinct=True),
        themes=Count("theme_quotas", distinct=True),
    )
    return render(request, "programme/year_list.html", {"years": years})


def _year_page(
    request: AuthenticatedRequest,
    programme_year: ProgrammeYear,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    plans = ProgrammePlan.objects.filter(programme_year=programme_year).select_related(
        "created_by", "previous"
    )
    plans_list = list(plans)
    return render(
        request,
        "programme/year.html",
        {
            "year": programme_year,
            "inputs": inputs_summary(programme_year, today=timezone.localdate()),
            "plans": plans_list,
            "published": next((p for p in plans_list if p.status == PlanStatus.PUBLISHED), None),
            "accepted": next((p for p in plans_list if p.status == PlanStatus.ACCEPTED), None),
            "pins": _pins(programme_year),
            "errors": errors or [],
            "time_limit": services.time_limit(),
        },
        status=status,
    )


@allow(Audience.PROGRAMME)
def year_detail(request: AuthenticatedRequest, year_id: int) -> HttpResponse:
    return _year_page(request, get_object_or_404(ProgrammeYear, pk=year_id))


@require_POST
@allow(Audience.PROGRAMME)
def year_plan(request: AuthenticatedRequest, year_id: int) -> HttpResponse:
    programme_year = get_object_or_404(ProgrammeYear, pk=year_id)
    try:
        plan = services.plan_solve(actor=request.user, programme_year=programme_year)
    except services.PlanningError as error:
        return _year_page(request, programme_year, error.messages, status=400)
    seconds = f"{plan.result['wall_time']:.1f} seconds"
    if plan.result.get("plan"):
        messages.success(request, f"Planned in {seconds}.")
    else:
        messages.info(request, f"The planner answered in {seconds}: there is no plan, see why.")
    return redirect("programme:plan", plan_id=plan.pk)


def _plan_page(
    request: AuthenticatedRequest,
    plan: ProgrammePlan,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    view = plan_view(plan, _pins(plan.programme_year), theme_names())
    return render(
        request,
        "programme/plan.html",
        {"view": view, "plan": plan, "errors": errors or []},
        status=status,
    )


def _plan(plan_id: int) -> ProgrammePlan:
    return get_object_or_404(
        ProgrammePlan.objects.select_related("programme_year", "created_by", "accepted_by"),
        pk=plan_id,
    )


@allow(Audience.PROGRAMME)
def plan_detail(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    return _plan_page(request, _plan(plan_id))


@require_POST
@allow(Audience.PROGRAMME)
def plan_replan(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _plan(plan_id)
    try:
        new = services.plan_solve(
            actor=request.user, programme_year=plan.programme_year, previous=plan
        )
    except services.PlanningError as error:
        return _plan_page(request, plan, error.messages, status=400)
    changes = new.result.get("change_count")
    messages.success(
        request,
        f"Re-planned in {new.result['wall_time']:.1f} seconds"
        + (f" with {changes} change{'s' if changes != 1 else ''}." if changes is not None else "."),
    )
    return redirect("programme:plan", plan_id=new.pk)


@require_POST
@allow(Audience.PROGRAMME)
def plan_publish(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _plan(plan_id)
    try:
        services.plan_publish(actor=request.user, plan=plan)
    except services.PlanningError as error:
        return _plan_page(request, plan, error.messages, status=400)
    messages.success(request, f"Plan published as the plan for {plan.programme_year}.")
    return redirect("programme:plan", plan_id=plan.pk)


@require_POST
@allow(Audience.PROGRAMME)
def plan_accept(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _plan(plan_id)
    try:
        created = services.plan_accept(actor=request.user, plan=plan)
    except services.PlanningError as error:
        return _plan_page(request, plan, error.messages, status=400)
    messages.success(request, f"Plan accepted: {len(created)} inspections planned and staffed.")
    return redirect("programme:plan", plan_id=plan.pk)


@require_POST
@allow(Audience.PROGRAMME)
def plan_pin(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _plan(plan_id)
    form = PinFromPlanForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, plan, ["Choose something in the plan to pin."], status=400)
    try:
        services.pin_from_plan(actor=request.user, plan=plan, **form.cleaned_data)
    except services.PlanningError as error:
        return _plan_page(request, plan, error.messages, status=400)
    what = form.cleaned_data["what"]
    messages.success(
        request,
        f"Pinned the {'team member' if what == 'inspector' else what} of"
        f" {form.cleaned_data['slot']}: re-plan to keep it.",
    )
    return redirect("programme:plan", plan_id=plan.pk)


@allow(Audience.PROGRAMME)
def pin_add(request: AuthenticatedRequest, year_id: int) -> HttpResponse:
    programme_year = get_object_or_404(ProgrammeYear, pk=year_id)
    form = PinForm(
        request.POST if request.method == "POST" else None, programme_year=programme_year
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pin_add(actor=request.user, programme_year=programme_year, **form.cleaned_data)
        except services.PlanningError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request, f"Pinned {form.cleaned_data['slot']}: plan or re-plan to use it."
            )
            return redirect("programme:year", year_id=programme_year.pk)
    return render(
        request,
        "programme/pin_add.html",
        {"year": programme_year, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@allow(Audience.PROGRAMME)
def pin_remove(request: AuthenticatedRequest, year_id: int, pin_id: int) -> HttpResponse:
    pin = get_object_or_404(PlanPin, pk=pin_id, programme_year_id=year_id)
    services.pin_remove(actor=request.user, pin=pin)
    messages.success(request, f"Pin on {pin.slot} removed.")
    back = request.POST.get("plan", "")
    if back.isdigit() and ProgrammePlan.objects.filter(pk=back, programme_year_id=year_id).exists():
        return redirect("programme:plan", plan_id=int(back))
    return redirect("programme:year", year_id=year_id)


@allow(Audience.PROGRAMME)
def unavailability_add(request: AuthenticatedRequest, year_id: int) -> HttpResponse:
    programme_year = get_object_or_404(ProgrammeYear, pk=year_id)
    form = UnavailabilityForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            absence = services.unavailability_add(actor=request.user, **form.cleaned_data)
        except services.PlanningError as error:
            show_refusal(form, error)
        else:
            messages.success(
                request,
                f"{absence.get_kind_display()} recorded for {absence.profile}: re-plan to take"
                " it into account.",
            )
            return redirect("programme:year", year_id=programme_year.pk)
    return render(
        request,
        "programme/unavailability_add.html",
        {"year": programme_year, "form": form},
        status=400 if form.errors else 200,
    )
