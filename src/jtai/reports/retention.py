"""Retention for the findings letter. The letter itself is a public document and stays;
the copies of evidence notes kept beside its sections (what each starting paragraph was
drawn from) go when the evidence itself is purged, so nothing of it outlives retention."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jtai.retention.registry import Purged

from .models import Section

if TYPE_CHECKING:
    from jtai.inspections.models import Inspection


class LetterEvidencePurger:
    def _sections(self, inspection: Inspection) -> list[Section]:
        return [
            s
            for s in Section.objects.filter(letter__inspection=inspection).only("id", "evidence")
            if s.evidence
        ]

    def count(self, inspection: Inspection) -> dict[str, int]:
        return {"letter_evidence_links": sum(len(s.evidence) for s in self._sections(inspection))}

    def purge(self, inspection: Inspection) -> Purged:
        counts = self.count(inspection)
        Section.objects.filter(pk__in=[s.pk for s in self._sections(inspection)]).update(
            evidence=[]
        )
        return Purged(counts=counts)
