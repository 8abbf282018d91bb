"""The registry of purgers: each app that keeps child-level data names one in
``settings.JTAI_RETENTION_PURGERS`` (a dotted path to a class with no arguments, or to an
instance). Retention calls every purger for an inspection inside one transaction.

A purger answers two questions about one inspection:

- ``count(inspection)``: how many records of each kind it would delete, as
  ``{"key": n}``; nothing about any child. The keys in ``TALLY_FIELDS`` (for example
  ``children_listed``, ``evidence_notes``) are kept per inspection after the purge;
  any other key is kept in the tally's ``other_counts``.
- ``purge(inspection)``: delete them and say what went, with the stored files (storage
  alias and name) that retention should delete once the transaction has committed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from jtai.inspections.models import Inspection


@dataclass(frozen=True)
class StoredFile:
    storage: str  # the alias in settings.STORAGES
    name: str


@dataclass(frozen=True)
class Purged:
    counts: dict[str, int]
    files: list[StoredFile] = field(default_factory=list)


class Purger(Protocol):
    def count(self, inspection: Inspection) -> dict[str, int]: ...

    def purge(self, inspection: Inspection) -> Purged: ...


def purgers() -> list[Purger]:
    loaded: list[Purger] = []
    for path in settings.JTAI_RETENTION_PURGERS:
        target = import_string(path)
        loaded.append(target() if isinstance(target, type) else target)
    return loaded
