"""Published reports, for anyone: the public site's data as JSON. A report appears here
at its publication moment and not a second earlier, exactly as on the public pages."""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from jtai.publication import selectors
from jtai.publication.models import Report

from .errors import ErrorOut, ValidationErrorOut

router = Router(tags=["reports"])

# Each operation's 400 is an address with a NUL character in it, refused before the API
# sees it (jtai.core.null_characters) in the same shape as the API's own refusals.


class ReportPagination(LimitOffsetPagination):
    """Bounded, so that no limit or offset is too large for the database to take (an
    unbounded one was a server error)."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=100)
        offset: int = Field(0, ge=0, le=1_000_000)


class ReportQuery(Schema):
    q: str = Field("", max_length=200, description="Words to search for")
    area: str = Field("", description="ONS code of the local area, e.g. E08000025")
    region: str = ""
    theme: str = Field("", description="Theme key, e.g. front-door")
    year: int | None = Field(None, ge=2000, le=2100, description="Year published")


class ReportFields(Schema):
    slug: str
    kind: str
    title: str
    area: str | None
    area_code: str | None
    region: str | None
    theme: str
    theme_name: str
    published_at: dt.datetime
    url: str


class ReportSummaryOut(ReportFields):
    @staticmethod
    def resolve_area(obj: Report) -> str | None:
        return obj.area.name if obj.area else None

    @staticmethod
    def resolve_area_code(obj: Report) -> str | None:
        return obj.area.ons_code if obj.area else None

    @staticmethod
    def resolve_region(obj: Report) -> str | None:
        return obj.area.region if obj.area else None

    @staticmethod
    def resolve_theme(obj: Report) -> str:
        return obj.theme.key

    @staticmethod
    def resolve_theme_name(obj: Report) -> str:
        return obj.theme.name

    @staticmethod
    def resolve_published_at(obj: Report) -> dt.datetime:
        return obj.publish_at

    @staticmethod
    def resolve_url(obj: Report) -> str:
        return obj.get_absolute_url()


class SignatoryOut(Schema):
    name: str
    title: str
    inspectorate: str


class ParagraphOut(Schema):
    number: int
    text: str


class SectionOut(Schema):
    key: str
    heading: str
    paragraphs: list[ParagraphOut]


class ReportOut(ReportFields):
    pdf_url: str
    letter_date: dt.date | None
    addressees: list[str]
    sections: list[SectionOut]
    signatories: list[SignatoryOut]
    wsoa_due: dt.date | None


def _summary(report: Report) -> dict[str, Any]:
    area = report.area
    return {
        "slug": report.slug,
        "kind": report.kind,
        "title": report.title,
        "area": area.name if area else None,
        "area_code": area.ons_code if area else None,
        "region": area.region if area else None,
        "theme": report.theme.key,
        "theme_name": report.theme.name,
        "published_at": report.publish_at,
        "url": report.get_absolute_url(),
    }


@router.get(
    "/reports",
    response={200: list[ReportSummaryOut], 400: ErrorOut, 422: ValidationErrorOut},
    auth=None,
    url_name="reports",
    summary="Published reports, newest first",
)
@paginate(ReportPagination)
def report_list(request: HttpRequest, query: Query[ReportQuery]) -> Any:
    filters = selectors.ReportFilters(
        query=" ".join(query.q.split()),
        area=query.area,
        region=query.region,
        theme=query.theme,
        year=query.year,
    )
    return selectors.public_report_list(filters)


@router.get(
    "/reports/{slug}",
    response={200: ReportOut, 400: ErrorOut, 404: ErrorOut},
    auth=None,
    url_name="report",
    summary="One published report with its text",
)
def report_detail(request: HttpRequest, slug: str) -> Any:
    try:
        report = selectors.public_report_get(slug=slug)
    except Http404 as error:
        raise HttpError(404, "No published report has that slug.") from error
    letter = report.letter
    numbered = iter(letter.numbered_paragraphs())
    pdf_name = "public:overview-pdf" if report.kind == "overview" else "public:pdf"
    return {
        **_summary(report),
        "pdf_url": reverse(pdf_name, args=[report.slug]),
        "letter_date": letter.letter_date,
        "addressees": list(letter.addressees),
        "sections": [
            {
                "key": s.key,
                "heading": s.heading,
                "paragraphs": [
                    {"number": p.number, "text": p.text}
                    for p in (next(numbered) for _ in s.paragraphs)
                ],
            }
            for s in letter.sections
        ],
        "signatories": [
            {"name": s.name, "title": s.title, "inspectorate": s.inspectorate}
            for s in letter.signatories
        ],
        "wsoa_due": report.wsoa_due,
    }
