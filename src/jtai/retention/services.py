"""Retention: an inspection's child-level data and uploaded documents are deleted
``JTAI_RETENTION_DAYS`` after publication, leaving the published letter and anonymous
counts; access log events go after ``JTAI_ACCESS_LOG_RETENTION_DAYS``.

Each inspection is purged in its own transaction, so one that fails (a record another
app still protects) leaves the others done and itself untouched. Stored files are
deleted only once the transaction has committed: a rollback never leaves rows pointing
at missing files.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from jtai.audit.models import AccessEvent
from jtai.core.refusals import Refusal
from jtai.inspections.models import Inspection

from .models import TALLY_FIELDS, InspectionTally, Purge
from .registry import StoredFile, purgers

if TYPE_CHECKING:
    from jtai.accounts.models import User

logger = logging.getLogger(__name__)


class RetentionError(Refusal):
    """A purge refused: the inspection's retention period is not over."""


@dataclass(frozen=True)
class PurgePlan:
    """What would go for one inspection: counts only, never a child's details."""

    inspection: Inspection
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class PurgeReport:
    purges: list[Purge] = field(default_factory=list)
    failures: list[tuple[Inspection, str]] = field(default_factory=list)


def retention_cutoff(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=settings.JTAI_RETENTION_DAYS)


def access_log_cutoff(now: dt.datetime) -> dt.datetime | None:
    days = settings.JTAI_ACCESS_LOG_RETENTION_DAYS
    return now - dt.timedelta(days=days) if days > 0 else None


def expired_inspections(now: dt.datetime) -> QuerySet[Inspection]:
    """Inspections published at least the retention period before ``now``."""
    return (
        Inspection.objects.filter(published_at__lte=retention_cutoff(now))
        .select_related("area")
        .order_by("published_at", "reference")
    )


def _count(inspection: Inspection) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for purger in purgers():
        counts.update(purger.count(inspection))
    return dict(counts)


def retention_preview(*, now: dt.datetime | None = None) -> list[PurgePlan]:
    """Each expired inspection that still holds child-level data, with what would go."""
    now = now or timezone.now()
    plans = [PurgePlan(i, _count(i)) for i in expired_inspections(now)]
    return [plan for plan in plans if plan.total]


def access_log_preview(*, now: dt.datetime | None = None) -> int:
    cutoff = access_log_cutoff(now or timezone.now())
    return 0 if cutoff is None else AccessEvent.objects.filter(occurred_at__lt=cutoff).count()


def _delete_files(files: list[StoredFile]) -> None:
    for stored in files:
        try:
            storages[stored.storage].delete(stored.name)
        except OSError:
            # The rows are gone; a file left behind is found by the next backup's manifest.
            logger.exception("Could not delete %s from %s.", stored.name, stored.storage)


def _tally(inspection: Inspection, counts: dict[str, int], now: dt.datetime) -> None:
    tally, _ = InspectionTally.objects.select_for_update().get_or_create(
        inspection=inspection, defaults={"updated_at": now}
    )
    for key, value in counts.items():
        if key in TALLY_FIELDS:
            setattr(tally, key, getattr(tally, key) + value)
        else:
            tally.other_counts[key] = tally.other_counts.get(key, 0) + value
    tally.updated_at = now
    tally.save()


def inspection_purge(
    *, inspection: Inspection, actor: User | None, now: dt.datetime | None = None
) -> Purge | None:
    """Delete ``inspection``'s child-level data if its retention period is over; None
    when there was nothing to delete. ``actor`` None: the service's scheduled job."""
    now = now or timezone.now()
    cutoff = retention_cutoff(now)
    files: list[StoredFile] = []
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if locked.published_at is None or locked.published_at > cutoff:
            raise RetentionError(
                f"{locked.reference} is not due for deletion: its data is kept until "
                f"{settings.JTAI_RETENTION_DAYS} days after publication."
            )
        counts: Counter[str] = Counter()
        for purger in purgers():
            purged = purger.purge(locked)
            counts.update(purged.counts)
            files.extend(purged.files)
        if not sum(counts.values()) and not files:
            return None
        _tally(locked, dict(counts), now)
        purge = Purge.objects.create(
            scope=Purge.Scope.INSPECTION,
            inspection=locked,
            purged_at=now,
            purged_by=actor,
            cutoff=cutoff,
            counts=dict(counts),
            files_deleted=len(files),
        )
        transaction.on_commit(lambda: _delete_files(files))
    return purge


@transaction.atomic
def access_log_purge(*, actor: User | None, now: dt.datetime | None = None) -> Purge | None:
    """Delete access events older than the access log's retention period (the only
    deletion the log allows), recording how many went."""
    now = now or timezone.now()
    cutoff = access_log_cutoff(now)
    if cutoff is None:
        return None
    deleted = AccessEvent.objects.purge_older_than(cutoff)
    if not deleted:
        return None
    return Purge.objects.create(
        scope=Purge.Scope.ACCESS_LOG,
        purged_at=now,
        purged_by=actor,
        cutoff=cutoff,
        counts={"access_events": deleted},
    )


def purge_expired(*, actor: User | None = None, now: dt.datetime | None = None) -> PurgeReport:
    """Purge every inspection whose retention period is over, then old access events."""
    now = now or timezone.now()
    report = PurgeReport()
    for plan in retention_preview(now=now):
        try:
            purge = inspection_purge(inspection=plan.inspection, actor=actor, now=now)
        except Exception as error:  # one inspection's failure must not stop the others
            logger.exception("Could not purge %s.", plan.inspection.reference)
            report.failures.append((plan.inspection, str(error)))
            continue
        if purge is not None:
            report.purges.append(purge)
    log_purge = access_log_purge(actor=actor, now=now)
    if log_purge is not None:
        report.purges.append(log_purge)
    return report
