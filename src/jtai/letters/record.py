"""The record a published letter is read into, and its JSON form."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from jtai.letters.sections import Section


class Status(StrEnum):
    """How far reading got; ``reason`` on the record says why when it is not READ."""

    READ = "read"  # a JTAI letter with area, dates, inspectorates and theme all found
    INCOMPLETE = "incomplete"  # a JTAI letter, but some of those could not be found
    REFUSED = "refused"  # a readable document that is not a JTAI findings letter
    UNREADABLE = "unreadable"  # not a usable PDF: empty, encrypted, scanned, corrupt...


@dataclass
class LetterRecord:
    """One published letter. Field names follow labels.csv; dates are ``date`` objects."""

    source: str | None
    status: Status
    is_jtai: bool
    reason: str | None = None
    title: str | None = None
    area: str | None = None
    ons_code: str | None = None
    letter_date: date | None = None
    # The date Ofsted lists the letter as published. It is not printed in the letter and
    # is usually the letter date, so the letter date stands in for it.
    published: date | None = None
    fieldwork_start: date | None = None
    fieldwork_end: date | None = None
    fieldwork_text: str | None = None
    inspectorates: list[str] = field(default_factory=list)
    theme: str | None = None
    principal_authority: str | None = None
    wsoa_due: date | None = None
    page_count: int | None = None
    sections: list[Section] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: dates as ISO strings, sections as {key, heading, text}."""
        data = asdict(self)
        for name, value in data.items():
            if isinstance(value, date):
                data[name] = value.isoformat()
        data["status"] = str(self.status)
        return data

    def section(self, key: str) -> Section | None:
        """The first section with ``key``, if the letter has one."""
        return next((section for section in self.sections if section.key == key), None)
