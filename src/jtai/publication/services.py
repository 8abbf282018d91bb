"""Every write on the way to publication: sending the final report under embargo,
publishing it at its moment (by the scheduled job or a programme manager, exactly once),
and the area's written statement of action and action plan.

Each runs in one transaction, checks the acting user and refuses with a plain-English
reason (:class:`PublicationError`)."""

from __future__ import annotations

import datetime as dt
import logging
import zoneinfo
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from jtai.accounts.policy import is_programme_wide
from jtai.core.refusals import Refusal
from jtai.inspections.events import record_event
from jtai.inspections.lifecycle import TRANSITIONS
from jtai.inspections.models import EventKind, Inspection, Status
from jtai.inspections.services import InspectionError, inspection_transition, may_make
from jtai.programme.selectors import working_calendar
from jtai.timelines import compute_timeline

from .models import Report, ReportKind, ReportStatus
from .wording import moment

if TYPE_CHECKING:
    from jtai.accounts.models import User
    from jtai.letters.document import LetterDocument

logger = logging.getLogger(__name__)

LONDON = zoneinfo.ZoneInfo("Europe/London")


class PublicationError(Refusal):
    """A refused change, with a message that says why in plain English."""


def publication_time() -> dt.time:
    """The time of day reports are published, Europe/London (``JTAI_PUBLICATION_TIME``)."""
    return dt.time.fromisoformat(settings.JTAI_PUBLICATION_TIME)


def publication_moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, publication_time(), tzinfo=LONDON)


def search_text_of(document: LetterDocument, *extra: str) -> str:
    parts = [document.title, document.area_name, *extra, *document.addressees]
    for section in document.sections:
        parts.append(section.heading)
        parts.extend(section.paragraphs)
    return "\n".join(p for p in parts if p)


def _wsoa_due(inspection: Inspection, published: dt.date) -> dt.date | None:
    timeline = compute_timeline(
        inspection.framework.compiled_rules(),
        inspection.fieldwork_start,
        working_calendar(),
        published=published,
    )
    return timeline.dates.get("wsoa_due")


def _publish_at_for(inspection: Inspection, now: dt.datetime) -> dt.datetime:
    """The planned publication date at the publication time; if that moment has already
    passed (a late final report), the next working day's, so the area's leaders always
    have the report before the public does."""
    planned = inspection.planned("publication")
    if planned is not None and publication_moment(planned) > now:
        return publication_moment(planned)
    calendar = working_calendar()
    day = calendar.next_working_day(timezone.localdate(now))
    return publication_moment(day)


@transaction.atomic
def embargo_report(
    *,
    inspection: Inspection,
    document: LetterDocument,
    actor: User,
    now: dt.datetime | None = None,
    publish_on: dt.date | None = None,
) -> Report:
    """Keep the final report exactly as it goes to the area's leaders, embargoed until
    its publication moment, and email them (once the transaction commits). Called when
    the report is finalised; a second call for the same inspection is refused.

    The report is published on the inspection's planned publication date unless
    ``publish_on`` names another (agreed with the area, for example)."""
    now = now or timezone.now()
    if publish_on is not None and publication_moment(publish_on) <= now:
        raise PublicationError(
            f"The publication moment, {moment(publication_moment(publish_on))}, must be "
            "in the future.",
            "publish_on",
        )
    locked = (
        Inspection.objects.select_for_update()
        .select_related("area", "theme", "framework")
        .get(pk=inspection.pk)
    )
    existing = Report.objects.filter(inspection=locked).first()
    if existing is not None:
        raise PublicationError(
            f"The final report was already sent under embargo on "
            f"{moment(existing.embargoed_at)}; it cannot be sent again."
        )
    if locked.status not in {Status.FACTUAL_ACCURACY, Status.FINALISED}:
        raise PublicationError(
            f"This inspection is {locked.get_status_display().lower()}: the final report is "
            "sent once the factual accuracy check is over."
        )
    if not may_make(actor, locked, TRANSITIONS["finalise"]):
        raise PublicationError(
            "Only the lead inspector or a programme manager can send the final report."
        )
    if not document.sections:
        raise PublicationError("The report has no text to send.")
    publish_at = (
        publication_moment(publish_on) if publish_on is not None else _publish_at_for(locked, now)
    )
    report = Report.objects.create(
        kind=ReportKind.INSPECTION,
        slug=slugify(f"{locked.area.name} {locked.fieldwork_start.isoformat()}"),
        title=document.title,
        inspection=locked,
        area=locked.area,
        theme=locked.theme,
        document=document.to_dict(),
        search_text=search_text_of(document, locked.theme.name, locked.area.region),
        embargoed_at=now,
        embargoed_by=actor,
        publish_at=publish_at,
        wsoa_due=_wsoa_due(locked, timezone.localdate(publish_at)),
    )
    from .tasks import email_embargoed_report_task

    transaction.on_commit(partial(email_embargoed_report_task.enqueue, report.pk))
    return report


# --- publication -------------------------------------------------------------------------


def _record_inspection_published(
    inspection: Inspection, actor: User | None, at: dt.datetime
) -> None:
    """Move the inspection to published as of ``at``. A programme manager's step goes
    through the inspection lifecycle; the scheduled job (no person) records the same
    change and event with no actor, as the event log allows for the service itself."""
    if actor is not None:
        try:
            inspection_transition(actor=actor, inspection=inspection, transition="publish", now=at)
        except InspectionError as error:
            raise PublicationError(error.message) from error
        return
    step = TRANSITIONS["publish"]
    locked = (
        Inspection.objects.select_for_update().select_related("framework").get(pk=inspection.pk)
    )
    if locked.status not in step.sources:
        raise PublicationError(
            f"This inspection is {locked.get_status_display().lower()}, so its report "
            "cannot be published."
        )
    day = timezone.localdate(at)
    previous = locked.status
    locked.status = step.target
    for name in step.records:
        locked.actual_dates[name] = day.isoformat()
    locked.published_at = at
    timeline = compute_timeline(
        locked.framework.compiled_rules(), locked.fieldwork_start, working_calendar(), published=day
    )
    locked.planned_dates = {name: d.isoformat() for name, d in timeline.dates.items()}
    locked.timeline_warnings = list(timeline.warnings)
    locked.save()
    record_event(
        occurred_at=at,
        inspection=locked,
        kind=EventKind.TRANSITION,
        actor=None,
        summary=f"{step.label} (at its planned moment)",
        from_status=previous,
        to_status=step.target,
        data={"transition": step.name},
    )


def _publish(report: Report, actor: User | None, now: dt.datetime) -> Report:
    """Claim the report with a conditional UPDATE, so that of two workers (or a worker
    and a programme manager) exactly one publishes; the other changes nothing."""
    claimed = Report.objects.filter(
        pk=report.pk, status=ReportStatus.EMBARGOED, publish_at__lte=now
    ).update(status=ReportStatus.PUBLISHED, published_at=report.publish_at, published_by=actor)
    if not claimed:
        fresh = Report.objects.get(pk=report.pk)
        raise PublicationError(_refusal(fresh, now) or "The report could not be published.")
    if report.inspection_id is not None:
        inspection = Inspection.objects.get(pk=report.inspection_id)
        _record_inspection_published(inspection, actor, report.publish_at)
        wsoa = _wsoa_due(
            Inspection.objects.select_related("framework").get(pk=report.inspection_id),
            timezone.localdate(report.publish_at),
        )
        Report.objects.filter(pk=report.pk).update(wsoa_due=wsoa)
    return Report.objects.get(pk=report.pk)


def _refusal(report: Report, now: dt.datetime) -> str | None:
    if report.status == ReportStatus.PUBLISHED and report.published_at is not None:
        return f"This report was already published on {moment(report.published_at)}."
    if report.publish_at > now:
        return (
            f"This report is embargoed until {moment(report.publish_at)} and cannot be "
            "published before then."
        )
    return None


@transaction.atomic
def report_publish(*, actor: User, report: Report, now: dt.datetime | None = None) -> Report:
    """A programme manager publishes a report whose moment has come (when the scheduled
    job has not yet done so). Never before ``publish_at``, never twice."""
    now = now or timezone.now()
    if not is_programme_wide(actor):
        raise PublicationError("Only a programme manager can publish a report.")
    refused = _refusal(Report.objects.get(pk=report.pk), now)
    if refused:
        raise PublicationError(refused)
    return _publish(report, actor, now)


def publish_due(now: dt.datetime | None = None) -> list[Report]:
    """Publish every embargoed report whose moment has come; safe to run at any time,
    again and concurrently (each report is claimed by one run only). A report that
    cannot be published (its inspection was withdrawn) is logged and left alone."""
    now = now or timezone.now()
    published: list[Report] = []
    due = Report.objects.filter(status=ReportStatus.EMBARGOED, publish_at__lte=now).order_by(
        "publish_at", "pk"
    )
    for report in due:
        try:
            with transaction.atomic():
                published.append(_publish(report, None, now))
        except PublicationError as error:
            logger.warning("Report %s not published: %s", report.slug, error.message)
        except Exception:
            # One report's failure (rolled back) must not hold up the others.
            logger.exception("Report %s could not be published", report.slug)
    return published
