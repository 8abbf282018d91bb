"""Demonstration data for publication: Birmingham's final report under embargo; Kent's
front-door report published with its written statement of action overdue; the closed
Leeds inspection's report published, its statement received and an action plan under
way. Called by jtai.demo.loader once the inspections have reached their stages."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from pypdf import PdfWriter

from jtai.accounts.models import User
from jtai.areas.models import Agency, AgencyKind
from jtai.information.services import document_storage
from jtai.inspections.models import Inspection, Status
from jtai.letters.document import LetterDocument
from jtai.programme.selectors import working_calendar
from jtai.timelines.wording import long_date

from .letters import front_door_letter
from .models import ActionPlanItem, ActionStatus, Report, ReportKind, ReportStatus, WrittenStatement
from .services import embargo_report, publication_moment, search_text_of


def letter_for(inspection: Inspection, *, extra_paragraphs: int = 0) -> LetterDocument:
    """A realistic findings letter for ``inspection``, naming its area's own agencies."""
    agencies = {a.kind: a.name for a in Agency.objects.filter(area_id=inspection.area_id)}
    wsoa = inspection.planned("wsoa_due")
    return front_door_letter(
        area=inspection.area.name,
        local_authority=agencies.get(AgencyKind.LOCAL_AUTHORITY, f"{inspection.area.name} Council"),
        police=agencies.get(AgencyKind.POLICE, "the police"),
        health=agencies.get(AgencyKind.HEALTH, "integrated care board"),
        letter_date=inspection.planned("final_report"),
        wsoa_due=long_date(wsoa) if wsoa else "the date in the covering email",
        extra_paragraphs=extra_paragraphs,
    )


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def published_report_record(inspection: Inspection, *, lead: User) -> Report:
    """The report of an inspection the demo walked past publication: kept as it would
    have been at its final report and published at its publication moment."""
    letter = letter_for(inspection)
    final = inspection.actual("final_report") or inspection.planned("final_report")
    published = inspection.actual("publication") or inspection.planned("publication")
    if final is None or published is None:
        raise ValueError(f"{inspection} has not been walked past publication.")
    moment = publication_moment(published)
    return Report.objects.create(
        kind=ReportKind.INSPECTION,
        slug=slugify(f"{inspection.area.name} {inspection.fieldwork_start.isoformat()}"),
        title=letter.title,
        inspection=inspection,
        area=inspection.area,
        theme=inspection.theme,
        document=letter.to_dict(),
        search_text=search_text_of(letter, inspection.theme.name, inspection.area.region),
        status=ReportStatus.PUBLISHED,
        embargoed_at=_at(final, 10),
        embargoed_by=lead,
        publish_at=moment,
        published_at=moment,
        wsoa_due=inspection.planned("wsoa_due"),
        leaders_emailed_at=_at(final, 10),
    )


def _statement_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Written statement of proposed action"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _received_statement(report: Report, coordinator: User, at: dt.datetime) -> None:
    content = _statement_pdf()
    digest = hashlib.sha256(content).hexdigest()
    name = f"statements/{report.slug}/{digest}"
    storage = document_storage()
    if not storage.exists(name):
        storage.save(name, ContentFile(content))
    WrittenStatement.objects.create(
        report=report,
        filename="Written statement of proposed action.pdf",
        file_kind="pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=digest,
        storage_name=name,
        scan_status="not_scanned",
        uploaded_by=coordinator,
        uploaded_at=at,
    )


_LEEDS_ACTIONS = (
    (
        AgencyKind.LOCAL_AUTHORITY,
        "Introduce an out-of-hours rota so that strategy discussions are held within the same day",
        ActionStatus.DONE,
        40,
    ),
    (
        AgencyKind.HEALTH,
        "Make sure a health professional is invited to every strategy "
        "discussion, and audit attendance each quarter",
        ActionStatus.IN_PROGRESS,
        90,
    ),
    (
        AgencyKind.POLICE,
        "Add the age of every child and any pregnancy to domestic abuse notifications",
        ActionStatus.IN_PROGRESS,
        120,
    ),
    (
        AgencyKind.EDUCATION,
        "Train designated safeguarding leads in writing referrals "
        "that set out risk and what the family says",
        ActionStatus.NOT_STARTED,
        200,
    ),
)


def load_demo(*, users: dict[str, User], today: dt.date | None = None) -> None:
    lead = users["lead"]
    today = today or timezone.localdate()
    inspections = Inspection.objects.select_related("area", "theme", "framework").filter(
        report__isnull=True  # the letter's own demo may already have sent one
    )
    for inspection in inspections:
        if inspection.status == Status.FINALISED:
            final = inspection.actual("final_report") or inspection.planned("final_report")
            planned = inspection.planned("publication")
            assert final is not None  # noqa: S101 - the demo walked it through finalise
            # A demo loaded today still shows a report waiting for its moment: when the
            # planned date has gone, publication was agreed for a few days' time.
            publish_on = None
            if planned is None or publication_moment(planned) <= timezone.now():
                publish_on = working_calendar().add_working_days(today, 2)
            embargo_report(
                inspection=inspection,
                document=letter_for(inspection),
                actor=lead,
                now=_at(final, 10),
                publish_on=publish_on,
            )
        elif inspection.status in {Status.PUBLISHED, Status.CLOSED}:
            report = published_report_record(inspection, lead=lead)
            if inspection.status == Status.CLOSED:
                coordinator = User.objects.get(area=inspection.area, role="partnership_coordinator")
                received = inspection.actual("wsoa_due") or today
                _received_statement(report, coordinator, _at(received, 12))
                agencies = {a.kind: a for a in Agency.objects.filter(area=inspection.area)}
                for kind, action, status, days in _LEEDS_ACTIONS:
                    ActionPlanItem.objects.create(
                        report=report,
                        action=action,
                        agency=agencies[kind],
                        due_on=received + dt.timedelta(days=days),
                        status=status,
                        updated_at=_at(received, 14),
                        updated_by=coordinator,
                    )
    _overview_for_sign_off(users)


def _overview_for_sign_off(users: dict[str, User]) -> None:
    """The front-door overview, assembled from Kent's and Leeds's published reports and
    waiting for the QA manager's sign-off."""
    from jtai.programme.models import Theme

    from . import overviews

    overview = overviews.overview_create(
        actor=users["programme"], theme=Theme.objects.get(key="front-door")
    )
    overviews.overview_submit(actor=users["programme"], overview=overview, qa_manager=users["qa"])


def many_published_reports(count: int, *, letter: LetterDocument | None = None) -> list[Report]:
    """``count`` more published front-door reports across every area, newest first a
    week apart: volume for the query-count tests and the benchmark. Rows are written in
    bulk (the services would take minutes); each is what publishing would have left."""
    from jtai.areas.models import Area
    from jtai.programme.models import FrameworkVersion, InspectionType, Theme

    areas = list(Area.objects.order_by("name"))
    theme = Theme.objects.get(key="front-door")
    framework = FrameworkVersion.objects.get(is_current=True)
    serial = Inspection.objects.count()
    start = dt.date(2016, 1, 4) + dt.timedelta(weeks=serial)
    inspections = []
    for i in range(count):
        fieldwork = start + dt.timedelta(weeks=i)
        published = fieldwork + dt.timedelta(weeks=7, days=4)
        moment = publication_moment(published)
        inspections.append(
            Inspection(
                reference=f"JTAI-{fieldwork:%Y%m%d}-{areas[i % len(areas)].ons_code}",
                area=areas[i % len(areas)],
                inspection_type=InspectionType.FRONT_DOOR,
                theme=theme,
                framework=framework,
                status=Status.PUBLISHED,
                fieldwork_start=fieldwork,
                planned_dates={"publication": published.isoformat()},
                actual_dates={"publication": published.isoformat()},
                notified_at=moment - dt.timedelta(weeks=10),
                published_at=moment,
            )
        )
    Inspection.objects.bulk_create(inspections)
    saved = Inspection.objects.filter(reference__in=[i.reference for i in inspections])
    reports = []
    for inspection in saved.select_related("area"):
        document = letter or letter_for(inspection)
        at = inspection.published_at
        if at is None:
            raise ValueError(f"{inspection} has no publication time.")
        reports.append(
            Report(
                kind=ReportKind.INSPECTION,
                slug=slugify(f"{inspection.area.name} {inspection.fieldwork_start.isoformat()}"),
                title=document.title,
                inspection=inspection,
                area=inspection.area,
                theme=theme,
                document=document.to_dict(),
                search_text=search_text_of(document, theme.name, inspection.area.region),
                status=ReportStatus.PUBLISHED,
                embargoed_at=at - dt.timedelta(days=4),
                publish_at=at,
                published_at=at,
            )
        )
    return Report.objects.bulk_create(reports)
