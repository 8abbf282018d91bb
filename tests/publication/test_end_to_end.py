"""One inspection from its letter's factual accuracy check to the area's action plan,
through the findings letter's own services and this app's: the letter finalised is the
report embargoed, then published at its moment, then answered by the area."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jtai.areas.models import Agency, AgencyKind
from jtai.inspections.models import Status
from jtai.publication import selectors, services, statements
from jtai.publication.models import Report, ReportStatus
from jtai.reports import services as letters
from tests.information.factories import unique_pdf
from tests.reports.factories import at, comment, person, sent_letter

from .helpers import MINUTE


def test_from_the_finalised_letter_to_the_action_plan(db: None) -> None:
    letter = sent_letter()
    inspection = letter.inspection
    remark = comment(letter, "leeds.police", 1)
    letters.comments_submit(
        actor=person("leeds.coordinator"), letter=letter, now=at(inspection, "draft_report", 16)
    )
    remark.refresh_from_db()
    letters.comment_respond(actor=person("lead"), comment=remark, accept=True, response="Done.")
    letters.letter_finalise(actor=person("lead"), letter=letter)

    report = Report.objects.get(inspection=inspection)
    letter.refresh_from_db()
    assert report.document == letter.final_document
    assert report.status == ReportStatus.EMBARGOED
    assert not selectors.public_report_list(selectors.ReportFilters(), now=timezone.now()).filter(
        pk=report.pk
    )

    assert report.pk in [r.pk for r in services.publish_due(report.publish_at + MINUTE)]
    inspection.refresh_from_db()
    assert inspection.status == Status.PUBLISHED
    report.refresh_from_db()
    assert report.wsoa_due == inspection.planned("wsoa_due")

    after = report.publish_at + dt.timedelta(days=30)
    statements.statement_upload(
        actor=person("leeds.coordinator"),
        report=report,
        upload=SimpleUploadedFile("Leeds written statement.pdf", unique_pdf("leeds wsoa")),
        now=after,
    )
    inspection.refresh_from_db()
    assert inspection.status == Status.ACTION_PLAN_RECEIVED
    assert inspection.actual("wsoa_due") == timezone.localdate(after)
    item = statements.action_add(
        actor=person("leeds.coordinator"),
        report=report,
        action="Hold every strategy discussion within the same working day",
        agency=Agency.objects.get(area=inspection.area, kind=AgencyKind.POLICE),
        due_on=timezone.localdate(after) + dt.timedelta(days=120),
        now=after,
    )
    assert list(selectors.action_items(report)) == [item]
