"""Putting the database back for tests that empty it (browser and other transactional
tests), fast: Django restores a serialized database one object at a time (an UPDATE that
finds nothing, then an INSERT, for each row), which made restoring the demo take most of
each browser test. This inserts each model's rows in batches, as raw rows (timestamps
kept as they were), in place of any the flush put back, with the same deferred
constraint check at the end."""

from __future__ import annotations

from collections import defaultdict
from io import StringIO
from typing import Any

from django.core import serializers
from django.db import models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper


def restore_serialized(connection: BaseDatabaseWrapper, data: str) -> None:
    alias = connection.alias
    rows: dict[type[models.Model], list[models.Model]] = defaultdict(list)
    relations: list[Any] = []
    for deserialized in serializers.deserialize("json", StringIO(data), using=alias):
        rows[type(deserialized.object)].append(deserialized.object)
        if deserialized.m2m_data:
            relations.append(deserialized)
    with transaction.atomic(using=alias), connection.constraint_checks_disabled():
        for model, objects in rows.items():
            existing = model._base_manager.using(alias)
            if existing.exists():
                # Rows the flush put back itself (content types, permissions): the
                # serialized ones replace them.
                existing.filter(pk__in=[o.pk for o in objects])._raw_delete(alias)  # type: ignore[attr-defined]
            fields = model._meta.local_concrete_fields
            size = connection.ops.bulk_batch_size(fields, objects) or len(objects)
            for start in range(0, len(objects), size):
                model._base_manager.using(alias)._insert(  # type: ignore[attr-defined]
                    objects[start : start + size], fields=fields, using=alias, raw=True
                )
        for deserialized in relations:
            for name, values in deserialized.m2m_data.items():
                getattr(deserialized.object, name).set(values)
        connection.check_constraints(table_names=[m._meta.db_table for m in rows])
