"""Child-level data and documents go a set time after publication; counts, the letter and
the record of the purge stay; the access log outlives the data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string

from jtai.accounts.models import User
from jtai.audit.models import AccessEvent, AccessKind
from jtai.cases.models import Audit, AuditSection, CaseList, ListedChild, SelectedChild
from jtai.evidence.models import EvidenceNote, TrackingRecord
from jtai.fieldwork.models import Activity
from jtai.information.models import Document, InformationItem
from jtai.information.services import document_storage
from jtai.inspections.models import Inspection, Status
from jtai.retention import services
from jtai.retention.models import InspectionTally, Purge
from jtai.retention.registry import Purged
from jtai.retention.tasks import purge_expired_data
from tests.cases.factories import leeds
from tests.information.factories import uploaded_document


def _published(inspection: Inspection, days_ago: int) -> Inspection:
    """The demo's Leeds inspection, with its lists, choices, audits and documents, as if
    it had been published ``days_ago`` days ago (test set-up: the lifecycle has no step
    for moving time)."""
    Inspection.objects.filter(pk=inspection.pk).update(
        status=Status.PUBLISHED, published_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    inspection.refresh_from_db()
    return inspection


@pytest.fixture
def expired(settings: Any, db: None) -> Inspection:
    settings.JTAI_RETENTION_DAYS = 365
    inspection = leeds()
    uploaded_document(inspection)
    return _published(inspection, 400)


def _child_rows(inspection: Inspection) -> dict[str, int]:
    return {
        "lists": CaseList.objects.filter(inspection=inspection).count(),
        "listed": ListedChild.objects.filter(inspection=inspection).count(),
        "chosen": SelectedChild.objects.filter(inspection=inspection).count(),
        "audits": Audit.objects.filter(inspection=inspection).count(),
        "sections": AuditSection.objects.filter(audit__inspection=inspection).count(),
        "documents": Document.objects.filter(item__inspection=inspection).count(),
        "notes": EvidenceNote.objects.filter(inspection=inspection).count(),
        "tracking": TrackingRecord.objects.filter(inspection=inspection).count(),
    }


def test_the_preview_lists_counts_and_deletes_nothing(expired: Inspection) -> None:
    before = _child_rows(expired)
    assert all(before.values()), before
    (plan,) = [p for p in services.retention_preview() if p.inspection == expired]
    assert plan.counts["children_chosen"] == before["chosen"]
    assert plan.counts["audits"] == before["audits"]
    assert plan.counts["documents"] == before["documents"]
    assert plan.counts["list_rows"] == before["listed"]
    assert _child_rows(expired) == before


def test_nothing_goes_before_the_period_is_over(settings: Any, db: None) -> None:
    settings.JTAI_RETENTION_DAYS = 365
    inspection = _published(leeds(), 300)
    assert inspection not in [p.inspection for p in services.retention_preview()]
    with pytest.raises(services.RetentionError, match="not due"):
        services.inspection_purge(inspection=inspection, actor=None)
    assert all(_child_rows(inspection).values())


def test_a_purge_deletes_the_child_data_and_files_and_keeps_counts_and_a_record(
    expired: Inspection, django_capture_on_commit_callbacks: Any
) -> None:
    before = _child_rows(expired)
    names = set(
        Document.objects.filter(item__inspection=expired).values_list("storage_name", flat=True)
    )
    stored = [n for n in names if document_storage().exists(n)]
    assert stored
    distinct = (
        ListedChild.objects.filter(inspection=expired).values("case_reference").distinct().count()
    )
    items = InformationItem.objects.filter(inspection=expired).count()
    activities = Activity.objects.filter(inspection=expired)
    about_families = {a.pk: a.version for a in activities.exclude(case_reference="")}
    assert about_families  # the demo timetable has conversations with families
    with django_capture_on_commit_callbacks(execute=True):
        purge = services.inspection_purge(inspection=expired, actor=None)
    assert purge is not None
    assert not any(_child_rows(expired).values())
    assert not any(document_storage().exists(n) for n in stored)
    # What stays: the inspection, the request's items (what was asked for), the counts.
    assert Inspection.objects.filter(pk=expired.pk, status=Status.PUBLISHED).exists()
    assert InformationItem.objects.filter(inspection=expired).count() == items
    assert not activities.exclude(case_reference="").exists()
    for activity in activities.filter(pk__in=about_families):
        assert activity.version == about_families[activity.pk] + 1
    tally = InspectionTally.objects.get(inspection=expired)
    assert tally.children_listed == distinct
    assert tally.children_chosen == before["chosen"]
    assert tally.audits == before["audits"]
    assert tally.documents == before["documents"]
    assert tally.evidence_notes == before["notes"]
    assert tally.other_counts["tracking_records"] == before["tracking"]
    assert tally.other_counts["case_lists"] == before["lists"]
    assert purge.purged_by is None  # the service
    assert purge.scope == Purge.Scope.INSPECTION
    assert purge.files_deleted == len(names)
    assert purge.counts["audit_sections"] == before["sections"]
    assert str(purge).startswith("An inspection's child-level data purged by the service")


def test_a_second_run_finds_nothing(expired: Inspection) -> None:
    services.purge_expired()
    assert expired not in [p.inspection for p in services.retention_preview()]
    assert services.inspection_purge(inspection=expired, actor=None) is None
    assert Purge.objects.filter(inspection=expired).count() == 1


def test_files_stay_when_the_purge_rolls_back(
    expired: Inspection, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.JTAI_RETENTION_PURGERS = [
        *settings.JTAI_RETENTION_PURGERS,
        "tests.retention.test_retention.FailingPurger",
    ]
    before = _child_rows(expired)
    names = [
        name
        for name in Document.objects.filter(item__inspection=expired).values_list(
            "storage_name", flat=True
        )
        if document_storage().exists(name)
    ]
    assert names
    with django_capture_on_commit_callbacks(execute=True):
        report = services.purge_expired()
    assert (expired.pk, "Evidence notes are still protected") in [
        (i.pk, reason) for i, reason in report.failures
    ]
    assert _child_rows(expired) == before
    assert all(document_storage().exists(n) for n in names)
    assert not Purge.objects.filter(inspection=expired).exists()


class FailingPurger:
    def count(self, inspection: Inspection) -> dict[str, int]:
        return {"evidence_notes": 3}

    def purge(self, inspection: Inspection) -> Purged:
        raise RuntimeError("Evidence notes are still protected")


class NotesPurger:
    def count(self, inspection: Inspection) -> dict[str, int]:
        return {"evidence_notes": 4, "tracked_children": 2}

    def purge(self, inspection: Inspection) -> Purged:
        return Purged(counts=self.count(inspection))


def test_another_app_registers_its_purger_in_settings(expired: Inspection, settings: Any) -> None:
    settings.JTAI_RETENTION_PURGERS = [
        *settings.JTAI_RETENTION_PURGERS,
        "tests.retention.test_retention.NotesPurger",
    ]
    before_notes = EvidenceNote.objects.filter(inspection=expired).count()
    services.inspection_purge(inspection=expired, actor=None)
    tally = InspectionTally.objects.get(inspection=expired)
    assert tally.evidence_notes == before_notes + 4
    assert tally.other_counts["tracked_children"] == 2


def test_the_command_previews_without_child_data_then_purges(
    expired: Inspection, users: dict[str, User], capsys: Any
) -> None:
    references = set(
        ListedChild.objects.filter(inspection=expired).values_list("case_reference", flat=True)
    )
    call_command("retention", "--preview")
    preview = capsys.readouterr().out
    assert expired.reference in preview
    assert "audits" in preview
    assert not any(reference in preview for reference in references)
    assert all(_child_rows(expired).values())

    call_command("retention", "--by", users["administrator"].email)
    out = capsys.readouterr().out
    assert f"{expired.reference}: deleted" in out
    assert Purge.objects.get(inspection=expired).purged_by == users["administrator"]

    call_command("retention", "--preview")
    assert expired.reference not in capsys.readouterr().out


def test_the_command_names_only_administrators_as_the_one_who_ran_it(
    users: dict[str, User],
) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not an active administrator"):
        call_command("retention", "--by", users["lead_inspector"].email)


def test_the_scheduled_job_runs_the_purge_as_the_service(expired: Inspection) -> None:
    entry = settings.JTAI_SCHEDULE["purge_expired_data"]
    assert entry["every_minutes"] == 1440
    job = import_string(entry["task"])
    assert job is purge_expired_data
    result = job.enqueue()
    assert result.return_value["purges"] >= 1
    assert Purge.objects.get(inspection=expired).purged_by is None


def test_access_events_outlive_the_data_and_go_only_after_their_own_period(
    expired: Inspection, users: dict[str, User], settings: Any
) -> None:
    settings.JTAI_ACCESS_LOG_RETENTION_DAYS = 2192
    now = timezone.now()

    def event(days_ago: int) -> AccessEvent:
        return AccessEvent.objects.create(
            occurred_at=now - dt.timedelta(days=days_ago),
            user=users["inspector"],
            kind=AccessKind.CHILD_DATA,
            action="view",
            description="Children on the lists, page 1",
            inspection=expired,
            path="/",
        )

    seen_last_year = event(400)
    ancient = event(2200)
    assert services.access_log_preview(now=now) >= 1
    report = services.purge_expired(now=now)
    assert AccessEvent.objects.filter(pk=seen_last_year.pk).exists()
    assert not AccessEvent.objects.filter(pk=ancient.pk).exists()
    (log_purge,) = [p for p in report.purges if p.scope == Purge.Scope.ACCESS_LOG]
    assert log_purge.counts["access_events"] >= 1

    settings.JTAI_ACCESS_LOG_RETENTION_DAYS = 0  # keep for ever
    event(5000)
    assert services.access_log_preview(now=now) == 0
    assert services.access_log_purge(actor=None, now=now) is None
