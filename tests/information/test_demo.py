"""The demo's Leeds inspection has an information request part answered."""

from __future__ import annotations

from jtai.information.models import Document, InformationItem, ItemStatus

from .factories import leeds_inspection


def test_the_demo_request_has_items_in_every_state(db: None) -> None:
    leeds = leeds_inspection()
    items = InformationItem.objects.filter(inspection=leeds)
    assert set(items.values_list("status", flat=True)) == set(ItemStatus.values)
    assert any(item.is_late for item in items)
    assert set(items.values_list("agency__kind", flat=True)) >= {"local_authority", "police"}
    versions = Document.objects.filter(item__inspection=leeds, filename="children-list.csv")
    assert sorted(versions.values_list("version", flat=True)) == [1, 2]
    assert len({d.storage_name for d in versions}) == 2
