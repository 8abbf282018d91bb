"""An inspection's report inside the service: the embargoed report for the area's
leaders and the inspection's team (every look is logged while it is embargoed), the
publish step for programme managers, the written statement of action and the action
plan. Selectors decide who finds what (404 otherwise); services decide who may change."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jtai.accounts.policy import Audience, allow, is_programme_wide
from jtai.audit.models import AccessKind
from jtai.audit.services import record_access
from jtai.core.http import AuthenticatedRequest

from . import selectors, services
from .models import Report
from .pdf import numbered_sections, render_letter_pdf
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


def report_context(request: AuthenticatedRequest, report: Report) -> dict[str, object]:
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
    content = render_letter_pdf(
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
