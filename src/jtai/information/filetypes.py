"""What an uploaded file is, judged from its content and never from its name.

A file's name can say anything; its first bytes (and, for Office files, the parts inside
the ZIP container) say what it really is. A file is accepted when its content is one of
the allowed types and its name's extension agrees with that content, so a program
renamed ``report.pdf`` is refused, and so is a spreadsheet renamed ``.pdf`` by mistake.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

import filetype

# Enough for every signature checked here (filetype needs at most 8 KB).
HEAD_BYTES = 8192
# A PDF's header may come after up to 1 KB of other bytes (PDF 1.7, annex H).
_PDF_HEADER_WINDOW = 1024


@dataclass(frozen=True)
class AllowedType:
    key: str  # a FileKind value
    label: str
    described: str  # with its article, for messages: "a PDF"
    extensions: tuple[str, ...]
    content_type: str

    def content_type_for(self, extension: str) -> str:
        return "text/csv" if extension == ".csv" else self.content_type


ALLOWED_TYPES: tuple[AllowedType, ...] = (
    AllowedType("pdf", "PDF", "a PDF", (".pdf",), "application/pdf"),
    AllowedType(
        "docx",
        "Word document",
        "a Word document",
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    AllowedType(
        "xlsx",
        "Excel spreadsheet",
        "an Excel spreadsheet",
        (".xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    AllowedType(
        "pptx",
        "PowerPoint presentation",
        "a PowerPoint presentation",
        (".pptx",),
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    AllowedType("text", "CSV or text file", "a CSV or text file", (".csv", ".txt"), "text/plain"),
    AllowedType("png", "PNG image", "a PNG image", (".png",), "image/png"),
    AllowedType("jpeg", "JPEG image", "a JPEG image", (".jpg", ".jpeg"), "image/jpeg"),
)
ALLOWED_BY_KEY = {kind.key: kind for kind in ALLOWED_TYPES}
ALLOWED_BY_EXTENSION = {ext: kind for kind in ALLOWED_TYPES for ext in kind.extensions}
ALLOWED_SUMMARY = "a PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG file"

# Programs, whatever they are called: (magic bytes at the start, what to call them).
_PROGRAM_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"\xcf\xfa\xed\xfe", "a Mac program"),
    (b"\xce\xfa\xed\xfe", "a Mac program"),
    (b"\xfe\xed\xfa\xce", "a Mac program"),
    (b"\xfe\xed\xfa\xcf", "a Mac program"),
    (b"\xca\xfe\xba\xbe", "a Mac or Java program"),
    (b"#!", "a script"),
)
# The Office 97-2003 container, also used for password-protected Office files.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Control characters that never appear in CSV or text: NUL to BS, SO to US except ESC
# (some exports carry it), and DEL. Tab, line feed, form feed and carriage return pass.
_BINARY_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])


class TextCheck:
    """Fed every chunk of a file: whether all of it could be CSV or plain text."""

    def __init__(self) -> None:
        self.is_text = True

    def feed(self, chunk: bytes) -> None:
        if self.is_text and len(chunk.translate(None, _BINARY_BYTES)) != len(chunk):
            self.is_text = False


@dataclass(frozen=True)
class Identified:
    """What a file's content is: an allowed type, or a description of what it is."""

    allowed: AllowedType | None
    description: str | None  # "a Windows program"; None when not recognised at all
    advice: str = ""


def _office_type(file: IO[bytes]) -> Identified:
    """A ZIP file is an Office document when its parts say so; macros are refused."""
    try:
        with zipfile.ZipFile(file) as archive:  # reads only the central directory
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return Identified(None, "a damaged or incomplete ZIP file")
    finally:
        file.seek(0)
    if "[Content_Types].xml" in names:
        for prefix, key in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(name.startswith(prefix) for name in names):
                kind = ALLOWED_BY_KEY[key]
                if any(name.lower().endswith("vbaproject.bin") for name in names):
                    return Identified(
                        None,
                        f"{kind.described} with macros",
                        "Save it without macros and upload it again.",
                    )
                return Identified(kind, kind.described)
    return Identified(None, "a ZIP archive", "Upload the files inside it instead.")


def identify(file: IO[bytes], *, is_text: bool) -> Identified:
    """What ``file`` (seekable, at any position) contains. ``is_text`` says whether every
    byte of it could be text (see :class:`TextCheck`); it is left at position 0."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    for magic, description in _PROGRAM_MAGIC:
        if head.startswith(magic):
            return Identified(None, description)
    if b"%PDF-" in head[:_PDF_HEADER_WINDOW]:
        return Identified(ALLOWED_BY_KEY["pdf"], "a PDF")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Identified(ALLOWED_BY_KEY["png"], "a PNG image")
    if head.startswith(b"\xff\xd8\xff"):
        return Identified(ALLOWED_BY_KEY["jpeg"], "a JPEG image")
    if head.startswith(b"PK\x03\x04"):
        return _office_type(file)
    if head.startswith(_OLE_MAGIC):
        return Identified(
            None,
            "an Office 97-2003 or password-protected Office file",
            "Save it in the current format (.docx, .xlsx or .pptx) without a password.",
        )
    guessed = filetype.guess(head)
    if guessed is not None:
        return Identified(None, f"a {str(guessed.extension).upper()} file")
    if is_text:
        return Identified(ALLOWED_BY_KEY["text"], "a CSV or text file")
    return Identified(None, None)


def extension_of(filename: str) -> str:
    return PurePosixPath(filename).suffix.lower()


def refusal(filename: str, identified: Identified) -> str | None:
    """Why a file called ``filename`` with this content is refused, or None."""
    extension = extension_of(filename)
    named_as = ALLOWED_BY_EXTENSION.get(extension)
    kind = identified.allowed
    if kind is None:
        message = f"{filename} is not an allowed type of file"
        if identified.description and named_as is not None:
            message += f": its content is {identified.description}, not {named_as.described}"
        elif identified.description:
            message += f": its content is {identified.description}"
        elif named_as is not None:
            message += f": its content is not {named_as.described}"
        advice = identified.advice or f"Upload {ALLOWED_SUMMARY}."
        return f"{message}. {advice}"
    if extension in kind.extensions:
        return None
    if named_as is not None:
        return (
            f"{filename} is {kind.described}, not {named_as.described}: check it is the "
            f"right file, and that its name ends {kind.extensions[0]}"
        )
    return f"{filename} is {kind.described}: its name must end {' or '.join(kind.extensions)}"
