"""Purgers for the child-level data of each app: evidence (notes, their versions, case
tracking), children's cases (lists, their rows, the children chosen, audits, refused
uploads), the documents agencies uploaded, and the case references on the fieldwork
timetable. The information request's items and the timetable's activities stay: they
say what was asked for and done, not anything about a child.

Order matters: settings list evidence first, as its notes point at chosen children and
documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F, QuerySet

from jtai.cases.models import (
    Audit,
    AuditRequest,
    AuditSection,
    CaseList,
    ListedChild,
    RejectedUpload,
    SelectedChild,
)
from jtai.evidence.models import AgencyJudgement, EvidenceNote, EvidenceNoteVersion, TrackingRecord
from jtai.fieldwork.models import Activity
from jtai.information.models import Document

from .registry import Purged, StoredFile

if TYPE_CHECKING:
    from jtai.inspections.models import Inspection

DOCUMENTS_STORAGE = "documents"


class EvidencePurger:
    def count(self, inspection: Inspection) -> dict[str, int]:
        return {
            "evidence_notes": EvidenceNote.objects.filter(inspection=inspection).count(),
            "evidence_note_versions": EvidenceNoteVersion.objects.filter(
                note__inspection=inspection
            ).count(),
            "tracking_records": TrackingRecord.objects.filter(inspection=inspection).count(),
            "agency_judgements": AgencyJudgement.objects.filter(
                record__inspection=inspection
            ).count(),
        }

    def purge(self, inspection: Inspection) -> Purged:
        counts = self.count(inspection)
        TrackingRecord.objects.filter(inspection=inspection).delete()
        EvidenceNote.objects.filter(inspection=inspection).delete()
        return Purged(counts=counts)


class FieldworkPurger:
    """Activities stay on the timetable; the case references and free-text notes that
    could identify a family go."""

    def _about_children(self, inspection: Inspection) -> QuerySet[Activity]:
        return Activity.objects.filter(inspection=inspection).exclude(case_reference="", notes="")

    def count(self, inspection: Inspection) -> dict[str, int]:
        return {"activity_case_details": self._about_children(inspection).count()}

    def purge(self, inspection: Inspection) -> Purged:
        counts = self.count(inspection)
        # A new version, so an edit begun before the purge cannot write the details back.
        self._about_children(inspection).update(
            case_reference="", notes="", version=F("version") + 1
        )
        return Purged(counts=counts)


class CasesPurger:
    def count(self, inspection: Inspection) -> dict[str, int]:
        listed = ListedChild.objects.filter(inspection=inspection)
        return {
            "children_listed": listed.values("case_reference").distinct().count(),
            "list_rows": listed.count(),
            "case_lists": CaseList.objects.filter(inspection=inspection).count(),
            "children_chosen": SelectedChild.objects.filter(inspection=inspection).count(),
            "audits": Audit.objects.filter(inspection=inspection).count(),
            "audit_sections": AuditSection.objects.filter(audit__inspection=inspection).count(),
            "refused_uploads": RejectedUpload.objects.filter(inspection=inspection).count(),
        }

    def purge(self, inspection: Inspection) -> Purged:
        counts = self.count(inspection)
        # Children first, then what they were chosen from: selections protect list rows.
        AuditSection.objects.filter(audit__inspection=inspection).delete()
        Audit.objects.filter(inspection=inspection).delete()
        SelectedChild.objects.filter(inspection=inspection).delete()
        AuditRequest.objects.filter(inspection=inspection).delete()
        ListedChild.objects.filter(inspection=inspection).delete()
        CaseList.objects.filter(inspection=inspection).delete()
        RejectedUpload.objects.filter(inspection=inspection).delete()
        return Purged(counts=counts)


class DocumentsPurger:
    def count(self, inspection: Inspection) -> dict[str, int]:
        return {"documents": Document.objects.filter(item__inspection=inspection).count()}

    def purge(self, inspection: Inspection) -> Purged:
        documents = Document.objects.filter(item__inspection=inspection)
        names = sorted(set(documents.values_list("storage_name", flat=True)))
        counts = self.count(inspection)
        documents.delete()
        return Purged(counts=counts, files=[StoredFile(DOCUMENTS_STORAGE, n) for n in names])
