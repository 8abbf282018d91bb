"""Evaluation criteria are data: seeded for every theme from the guidance, ordered, and
chosen for an inspection by its theme and type."""

from __future__ import annotations

from typing import Any

import pytest

from jtai.evidence.models import EvaluationCriterion
from jtai.evidence.selectors import criteria_for
from jtai.inspections.models import Inspection
from jtai.programme.models import InspectionType, Theme

from .factories import cornwall, leeds

pytestmark = pytest.mark.django_db


def test_every_theme_has_ordered_criteria_with_descriptions() -> None:
    for theme in Theme.objects.all():
        criteria = list(EvaluationCriterion.objects.filter(theme=theme))
        assert len(criteria) >= 5, theme.key
        assert [c.position for c in criteria] == sorted(c.position for c in criteria)
        assert all(c.description for c in criteria)


def test_the_domestic_abuse_criteria_follow_the_guidance() -> None:
    titles = [c.title for c in criteria_for(leeds())]
    assert titles == [
        "Response at the point of identification",
        "Assessment, planning and decision-making",
        "Protecting, supporting and caring for children",
        "Prevention",
        "The partnership's oversight of partners",
    ]


def test_the_front_door_has_its_own_criteria() -> None:
    front_door = Inspection.objects.get(area__name="Birmingham")
    titles = [c.title for c in criteria_for(front_door)]
    assert "The multi-agency safeguarding hub" in titles
    assert "Prevention" not in titles


def test_a_criterion_for_one_type_only_and_retired_criteria() -> None:
    inspection = cornwall()
    revisit_only = EvaluationCriterion.objects.create(
        theme=inspection.theme,
        inspection_type=InspectionType.REVISIT,
        key="progress",
        title="Progress since the last inspection",
        position=9,
    )
    retired = criteria_for(inspection)[0]
    retired.is_active = False
    retired.save()
    offered = criteria_for(inspection)
    assert revisit_only not in offered  # Cornwall is thematic
    assert retired not in offered
    # A note already made against a retired criterion keeps it when edited.
    assert retired in criteria_for(inspection, include=[retired.pk])


def test_administrators_keep_the_criteria_in_the_administration_site(client_for: Any) -> None:
    admin = client_for("administrator")
    listing = admin.get(
        "/admin/evidence/evaluationcriterion/?theme__id__exact=" + str(leeds().theme_id)
    )
    assert listing.status_code == 200
    assert "Response at the point of identification" in listing.content.decode()
    criterion = criteria_for(leeds())[3]
    change = admin.get(f"/admin/evidence/evaluationcriterion/{criterion.pk}/change/")
    assert change.status_code == 200
    # Evidence itself is a record: shown, never changed there.
    assert admin.get("/admin/evidence/evidencenote/add/").status_code == 403
