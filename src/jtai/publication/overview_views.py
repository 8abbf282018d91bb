"""Thematic overviews for programme managers (assemble, edit, send for sign-off, set the
publication) and QA managers (sign off or return). Everyone else finds nothing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jtai.accounts.policy import Audience, allow, has_role, is_programme_wide
from jtai.accounts.roles import Role
from jtai.core.forms import show_refusal
from jtai.core.http import AuthenticatedRequest
from jtai.programme.models import Theme

from . import overviews
from .forms import (
    OverviewCreateForm,
    OverviewEditForm,
    OverviewEmbargoForm,
    OverviewReturnForm,
    OverviewSubmitForm,
)
from .models import OverviewStatus, Report, ThematicOverview
from .pdf import numbered_sections
from .services import PublicationError
from .wording import moment


def _forbidden(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "core/403.html", status=403)


def _may_see(request: AuthenticatedRequest) -> bool:
    return is_programme_wide(request.user) or has_role(request.user, Role.QA_MANAGER)


@allow(Audience.INSPECTORATE)
def overview_list(request: AuthenticatedRequest) -> HttpResponse:
    if not _may_see(request):
        return _forbidden(request)
    return render(
        request,
        "publication/overviews/list.html",
        {
            "overviews": overviews.overviews_for(request.user).select_related("report"),
            "ready": overviews.themes_ready() if is_programme_wide(request.user) else [],
        },
    )


@allow(Audience.PROGRAMME)
def overview_create(request: AuthenticatedRequest) -> HttpResponse:
    ready = overviews.themes_ready()
    choices = [
        (theme.key, f"{theme.name} ({count} published inspection{'s' if count != 1 else ''})")
        for theme, count in ready
    ]
    form = OverviewCreateForm(request.POST if request.method == "POST" else None, themes=choices)
    if request.method == "POST" and form.is_valid():
        try:
            overview = overviews.overview_create(
                actor=request.user, theme=Theme.objects.get(key=form.cleaned_data["theme"])
            )
        except PublicationError as error:
            form.add_error("theme", error.message)
        else:
            messages.success(request, "Draft overview assembled from the published inspections.")
            return redirect("overviews:detail", overview_id=overview.pk)
    return render(
        request,
        "publication/overviews/create.html",
        {"form": form, "ready": ready},
        status=400 if form.errors else 200,
    )


def _detail(
    request: AuthenticatedRequest,
    overview: ThematicOverview,
    forms: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    forms = forms or {}
    user = request.user
    pm = is_programme_wide(user)
    is_qa = (
        overview.status == OverviewStatus.QUALITY_ASSURANCE and overview.qa_manager_id == user.pk
    )
    report = Report.objects.filter(overview=overview).first()
    context: dict[str, Any] = {
        "overview": overview,
        "letter": overview.letter,
        "sections": numbered_sections(overview.letter),
        "counts": overview.findings.get("counts", []),
        "report": report,
        "until": moment(report.publish_at) if report else "",
        "embargoed": report is not None and not report.is_public_at(timezone.now()),
        "can_edit": pm and overview.status == OverviewStatus.DRAFT,
        "submit_form": forms.get("submit")
        or (OverviewSubmitForm() if pm and overview.status == OverviewStatus.DRAFT else None),
        "return_form": forms.get("return") or (OverviewReturnForm() if is_qa else None),
        "can_sign_off": is_qa,
        "embargo_form": forms.get("embargo")
        or (OverviewEmbargoForm() if pm and overview.status == OverviewStatus.SIGNED_OFF else None),
    }
    bound = [f for f in forms.values() if f is not None]
    context["form"] = bound[0] if bound else None
    return render(request, "publication/overviews/detail.html", context, status=status)


@allow(Audience.INSPECTORATE)
def overview_detail(request: AuthenticatedRequest, overview_id: int) -> HttpResponse:
    if not _may_see(request):
        return _forbidden(request)
    return _detail(request, overviews.overview_get(user=request.user, overview_id=overview_id))


@allow(Audience.PROGRAMME)
def overview_edit(request: AuthenticatedRequest, overview_id: int) -> HttpResponse:
    overview = overviews.overview_get(user=request.user, overview_id=overview_id)
    letter = overview.letter
    sections = [(s.key, s.heading) for s in letter.sections]
    initial: dict[str, Any] = {"title": overview.title, "version": overview.version}
    initial.update({s.key: "\n\n".join(s.paragraphs) for s in letter.sections})
    form = OverviewEditForm(
        request.POST if request.method == "POST" else None, initial=initial, sections=sections
    )
    conflict = False
    if request.method == "POST" and form.is_valid():
        try:
            overviews.overview_edit(
                actor=request.user,
                overview=overview,
                version=form.cleaned_data["version"],
                title=form.cleaned_data["title"],
                sections={key: form.cleaned_data[key] for key in form.section_keys},
            )
        except PublicationError as error:
            show_refusal(form, error)
            conflict = "after you opened it" in error.message
            overview.refresh_from_db()
        else:
            messages.success(request, "Overview saved.")
            return redirect("overviews:detail", overview_id=overview.pk)
    return render(
        request,
        "publication/overviews/edit.html",
        {
            "overview": overview,
            "form": form,
            "fields": [form[key] for key in form.section_keys],
            "conflict": conflict,
            "saved_sections": numbered_sections(overview.letter) if conflict else [],
        },
        status=400 if form.errors else 200,
    )


@require_POST
@allow(Audience.INSPECTORATE)
def overview_step(request: AuthenticatedRequest, overview_id: int) -> HttpResponse:
    if not _may_see(request):
        return _forbidden(request)
    overview = overviews.overview_get(user=request.user, overview_id=overview_id)
    step = request.POST.get("step", "")
    form: Any = None
    try:
        if step == "submit":
            form = OverviewSubmitForm(request.POST)
            if form.is_valid():
                overviews.overview_submit(
                    actor=request.user,
                    overview=overview,
                    qa_manager=form.cleaned_data["qa_manager"],
                )
                messages.success(request, "Sent to the quality assurance manager for sign-off.")
                return redirect("overviews:detail", overview_id=overview.pk)
        elif step == "return":
            form = OverviewReturnForm(request.POST)
            if form.is_valid():
                overviews.overview_return(
                    actor=request.user, overview=overview, reason=form.cleaned_data["reason"]
                )
                messages.success(request, "Returned to the programme manager.")
                return redirect("overviews:detail", overview_id=overview.pk)
        elif step == "sign_off":
            overviews.overview_sign_off(actor=request.user, overview=overview)
            messages.success(request, "Overview signed off.")
            return redirect("overviews:detail", overview_id=overview.pk)
        elif step == "embargo":
            form = OverviewEmbargoForm(request.POST)
            if form.is_valid():
                report = overviews.overview_embargo(
                    actor=request.user,
                    overview=overview,
                    publish_on=form.cleaned_data["publish_on"],
                )
                messages.success(
                    request, f"The overview will be published at {moment(report.publish_at)}."
                )
                return redirect("overviews:detail", overview_id=overview.pk)
        else:
            messages.error(request, "Choose a step from the page.")
            return redirect("overviews:detail", overview_id=overview.pk)
    except PublicationError as error:
        if form is None:
            messages.error(request, error.message)
            return redirect("overviews:detail", overview_id=overview.pk)
        show_refusal(form, error)
    overview.refresh_from_db()
    return _detail(request, overview, {step: form}, status=400)
