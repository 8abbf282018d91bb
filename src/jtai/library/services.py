"""Every write to the library: importing published letters from their PDFs.

Importing is idempotent. A letter is known by the SHA-256 of its file, so importing a file
again finds it and changes nothing; a different file carrying a letter already in the
library (same area, same letter date) is refused rather than listed twice. Each file is
imported in its own transaction: a file that cannot be imported never half-writes, and the
rest of the folder carries on. Files that are not JTAI letters are answers, not errors:
each gets a plain-English reason.
"""

from __future__ import annotations

import enum
import hashlib
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.postgres.search import SearchVector
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction

from jtai.areas.models import Area
from jtai.letters import LetterRecord, read_letter, read_letters
from jtai.programme.models import Theme

from .models import LetterPassage, LetterSection, PublishedLetter
from .sections import passages

logger = logging.getLogger(__name__)

STORAGE_FOLDER = "library/letters"
SEARCH_CONFIG = "english"
# Characters no letter needs and the database or the search highlighter cannot have:
# control characters other than line breaks and tabs (PostgreSQL refuses NUL in text).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class Result(enum.StrEnum):
    IMPORTED = "imported"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


@dataclass(frozen=True)
class ImportOutcome:
    """What happened to one file; ``line`` is what the command prints for it."""

    source: str
    result: Result
    message: str
    letter: PublishedLetter | None = None

    @property
    def line(self) -> str:
        return f"{self.source}: {self.result}: {self.message}"


@dataclass
class FolderImport:
    outcomes: list[ImportOutcome] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # files not named .pdf

    def count(self, result: Result) -> int:
        return sum(1 for outcome in self.outcomes if outcome.result is result)

    @property
    def summary(self) -> str:
        text = (
            f"{self.count(Result.IMPORTED)} imported, {self.count(Result.UNCHANGED)} unchanged, "
            f"{self.count(Result.REFUSED)} refused ({len(self.outcomes)} "
            f"file{'' if len(self.outcomes) == 1 else 's'})"
        )
        if self.ignored:
            text += f"; ignored {len(self.ignored)} not named .pdf: {', '.join(self.ignored)}"
        return text


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean_text(text: str) -> str:
    return _CONTROL_RE.sub("", text)


def refusal_reason(record: LetterRecord) -> str | None:
    """Why a record read from a file cannot go into the library, or None if it can."""
    if not record.is_jtai:
        return record.reason or "not a JTAI findings letter"
    if not record.ons_code or not record.area:
        return record.reason or "the area could not be matched to a local authority"
    if record.letter_date is None:
        return record.reason or "the letter date was not found"
    return None


def _notes(record: LetterRecord, area: Area | None) -> tuple[str, str]:
    """(former-area note, other reader notes) from the record's reason."""
    parts = [part.strip() for part in (record.reason or "").split(";") if part.strip()]
    former = [part for part in parts if "no longer exists" in part]
    others = [part for part in parts if part not in former]
    if area is None and not former:
        former = [f"{record.area} ({record.ons_code}) is not one of the current local areas"]
    return ("; ".join(former) if area is None else ""), "; ".join(others)


def _describe(letter: PublishedLetter) -> str:
    theme = letter.theme.key if letter.theme else "theme not recognised"
    text = f"{letter.area_name} ({letter.ons_code}), letter {letter.letter_date}, {theme}"
    notes = [note for note in (letter.former_area_note, letter.reader_notes) if note]
    return f"{text}; note: {'; '.join(notes)}" if notes else text


def _store_pdf(digest: str, data: bytes) -> tuple[str, bool]:
    """Save the PDF under its checksum; (name, whether this call created the file)."""
    name = f"{STORAGE_FOLDER}/{digest}.pdf"
    if default_storage.exists(name):
        return name, False
    return default_storage.save(name, ContentFile(data)), True


@transaction.atomic
def letter_import(
    *, data: bytes, source_name: str, record: LetterRecord | None = None
) -> ImportOutcome:
    """Import one letter from its PDF's bytes. ``record`` is the reader's record of those
    bytes when the caller has already read them (a folder is read in parallel)."""
    digest = checksum(data)
    existing = PublishedLetter.objects.filter(sha256=digest).first()
    if existing is not None:
        return ImportOutcome(
            source_name,
            Result.UNCHANGED,
            f"already in the library ({_describe(existing)}; from {existing.source_name})",
            existing,
        )
    if record is None:
        record = read_letter(data, name=source_name)
    reason = refusal_reason(record)
    if reason or not record.ons_code or not record.area or record.letter_date is None:
        return ImportOutcome(source_name, Result.REFUSED, reason or "the letter is incomplete")
    duplicate = PublishedLetter.objects.filter(
        ons_code=record.ons_code, letter_date=record.letter_date
    ).first()
    if duplicate is not None:
        return ImportOutcome(
            source_name,
            Result.REFUSED,
            f"a letter for {duplicate.area_name} dated {duplicate.letter_date} is already in "
            f"the library from another file ({duplicate.source_name})",
        )
    area = Area.objects.filter(ons_code=record.ons_code).first()
    theme = Theme.objects.filter(key=record.theme).first() if record.theme else None
    former_note, reader_notes = _notes(record, area)
    name, created_file = _store_pdf(digest, data)
    try:
        with transaction.atomic():
            letter = PublishedLetter.objects.create(
                area=area,
                ons_code=record.ons_code,
                area_name=area.name if area else record.area,
                former_area_note=former_note[:300],
                theme=theme,
                title=clean_text(record.title or "")[:400],
                letter_date=record.letter_date,
                published=record.published or record.letter_date,
                fieldwork_start=record.fieldwork_start,
                fieldwork_end=record.fieldwork_end,
                inspectorates=list(record.inspectorates),
                wsoa_due=record.wsoa_due,
                principal_authority=clean_text(record.principal_authority or "")[:200],
                reader_notes=reader_notes[:500],
                source_name=source_name[:255],
                sha256=digest,
                pdf=name,
                page_count=record.page_count,
            )
            sections = LetterSection.objects.bulk_create(
                LetterSection(
                    letter=letter,
                    position=position,
                    key=section.key,
                    heading=clean_text(section.heading)[:400],
                    text=clean_text(section.text),
                )
                for position, section in enumerate(record.sections)
            )
            passages_create(sections=sections)
    except IntegrityError:
        # Another import stored the same letter in the meantime.
        if created_file:
            default_storage.delete(name)
        return ImportOutcome(
            source_name, Result.UNCHANGED, "already in the library (imported concurrently)"
        )
    except Exception:
        if created_file:
            default_storage.delete(name)
        raise
    return ImportOutcome(source_name, Result.IMPORTED, _describe(letter), letter)


def passages_create(*, sections: Sequence[LetterSection]) -> None:
    """Split sections into their searchable passages (paragraphs and bullet points), and
    on PostgreSQL fill the passages' full-text search vectors."""
    LetterPassage.objects.bulk_create(
        LetterPassage(section=section, position=position, text=text)
        for section in sections
        for position, text in enumerate(passages(section.text))
    )
    if connection.vendor == "postgresql":
        LetterPassage.objects.filter(section__in=sections).update(
            search_vector=SearchVector("text", config=SEARCH_CONFIG)
        )


def letter_import_file(*, path: str | os.PathLike[str]) -> ImportOutcome:
    """Import one letter from a file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return ImportOutcome(
            path.name, Result.REFUSED, f"the file cannot be opened ({error.strerror or error})"
        )
    return letter_import(data=data, source_name=path.name)


def letters_import_folder(
    *, folder: str | os.PathLike[str], workers: int | None = None
) -> FolderImport:
    """Import every ``*.pdf`` file in ``folder`` (not its sub-folders), in name order.

    Files already in the library are recognised by checksum without being read again; the
    others are read in parallel over ``workers`` processes (default: all CPUs), then each
    is imported in its own transaction.
    """
    folder = Path(folder)
    report = FolderImport()
    files = sorted(path for path in folder.iterdir() if path.is_file())
    report.ignored = [path.name for path in files if path.suffix.lower() != ".pdf"]
    contents: dict[Path, bytes | OSError] = {}
    for path in files:
        if path.suffix.lower() == ".pdf":
            try:
                contents[path] = path.read_bytes()
            except OSError as error:
                contents[path] = error
    digests = {path: checksum(data) for path, data in contents.items() if isinstance(data, bytes)}
    known = set(
        PublishedLetter.objects.filter(sha256__in=set(digests.values())).values_list(
            "sha256", flat=True
        )
    )
    # Read each new file once, even when the folder holds it twice.
    to_read: dict[str, Path] = {}
    for path, digest in digests.items():
        if digest not in known:
            to_read.setdefault(digest, path)
    records = _read_all(list(to_read.values()), workers)
    by_digest = {digest: records[path] for digest, path in to_read.items()}
    for path, data in contents.items():
        if isinstance(data, OSError):
            reason = f"the file cannot be opened ({data.strerror or data})"
            report.outcomes.append(ImportOutcome(path.name, Result.REFUSED, reason))
            continue
        record = by_digest.get(digests[path])
        try:
            outcome = letter_import(data=data, source_name=path.name, record=record)
        except Exception as error:
            # Its transaction is rolled back; the rest of the folder still imports.
            logger.exception("Importing %s failed", path)
            reason = f"could not be stored ({type(error).__name__}: {error})"
            outcome = ImportOutcome(path.name, Result.REFUSED, reason)
        report.outcomes.append(outcome)
    return report


def _read_all(paths: Sequence[Path], workers: int | None) -> dict[Path, LetterRecord]:
    return dict(zip(paths, read_letters(paths, workers), strict=True)) if paths else {}
