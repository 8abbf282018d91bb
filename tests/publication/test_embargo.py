from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
from django.core import mail

from jtai.accounts.models import User
from jtai.inspections.models import Inspection, Status
from jtai.inspections.notifications import area_recipients
from jtai.publication import services
from jtai.publication.demo import letter_for
from jtai.publication.models import Report, ReportStatus

LONDON = zoneinfo.ZoneInfo("Europe/London")


def manchester() -> Inspection:
    return Inspection.objects.get(area__name="Manchester", status=Status.FACTUAL_ACCURACY)


def manchester_coordinator() -> User:
    inspection = manchester()
    return User.objects.create_user(
        "coordinator@manchester.example",
        "a-long-password-2026",
        full_name="Priya Shah",
        role="partnership_coordinator",
        area=inspection.area,
    )


def test_embargo_keeps_the_letter_and_its_publication_moment(
    users: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    inspection = manchester()
    coordinator = manchester_coordinator()
    letter = letter_for(inspection)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.embargo_report(
            inspection=inspection, document=letter, actor=users["lead_inspector"]
        )
    report.refresh_from_db()
    assert report.letter == letter
    assert report.status == ReportStatus.EMBARGOED
    planned = inspection.planned("publication")
    assert planned is not None
    assert report.publish_at == dt.datetime.combine(planned, dt.time(9, 30), tzinfo=LONDON)
    assert report.wsoa_due is not None
    assert report.wsoa_due > planned
    assert report.leaders_emailed_at is not None
    leaders = sorted(u.email for u in area_recipients(inspection))
    assert coordinator.email in leaders
    assert sorted(m.to[0] for m in mail.outbox) == leaders
    assert mail.outbox[0].subject.startswith("Embargoed")
    assert "EMBARGOED until 9:30am on" in mail.outbox[0].body


def test_embargo_twice_is_refused(users: dict[str, User]) -> None:
    inspection = manchester()
    services.embargo_report(
        inspection=inspection, document=letter_for(inspection), actor=users["lead_inspector"]
    )
    with pytest.raises(services.PublicationError, match="already sent under embargo"):
        services.embargo_report(
            inspection=inspection, document=letter_for(inspection), actor=users["lead_inspector"]
        )
    assert Report.objects.filter(inspection=inspection).count() == 1
