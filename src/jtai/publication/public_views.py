"""The public site: published reports for anyone, signed in or not. A report is found
only from its publication moment (404 before it, like a report that does not exist)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jtai.accounts.policy import Audience, allow

from . import selectors
from .forms import PublicReportFilterForm
from .models import Report, ReportKind
from .pdf import letter_pdf, numbered_sections
from .wording import moment

PAGE_SIZE = 20


@allow(Audience.PUBLIC)
def report_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    areas, themes, years = selectors.public_filter_choices(now=now)
    form = PublicReportFilterForm(request.GET or None, areas=areas, themes=themes, years=years)
    reports = selectors.public_report_list(form.filters(), now=now)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "publication/public/list.html",
        {"form": form, "page": page, "filtered": bool(request.GET.keys() - {"page"})},
        status=400 if form.errors else 200,
    )


def _detail(request: HttpRequest, report: Report) -> HttpResponse:
    letter = report.letter
    return render(
        request,
        "publication/public/report.html",
        {
            "report": report,
            "letter": letter,
            "sections": numbered_sections(letter),
            "published": moment(report.publish_at),
        },
    )


def _pdf(report: Report) -> HttpResponse:
    content = letter_pdf(report.letter, published_on=moment(report.publish_at))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{report.slug}.pdf"'
    return response


@allow(Audience.PUBLIC)
def report_detail(request: HttpRequest, slug: str) -> HttpResponse:
    report = selectors.public_report_get(slug=slug, kind=ReportKind.INSPECTION)
    return _detail(request, report)


@allow(Audience.PUBLIC)
def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    return _pdf(selectors.public_report_get(slug=slug, kind=ReportKind.INSPECTION))


@allow(Audience.PUBLIC)
def overview_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _detail(request, selectors.public_report_get(slug=slug, kind=ReportKind.OVERVIEW))


@allow(Audience.PUBLIC)
def overview_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    return _pdf(selectors.public_report_get(slug=slug, kind=ReportKind.OVERVIEW))
