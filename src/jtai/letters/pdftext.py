"""Turn the bytes of a published letter into page texts, or explain why that is impossible.

Uploaded "letters" are often not what they claim to be: a Word file renamed to .pdf, an
HTML error page saved from a browser, a scan without a text layer, an encrypted or
truncated PDF. Each case gets its own plain-English reason so a person can fix the input.
"""

from __future__ import annotations

import io
import logging
import zipfile
from typing import Literal

from pypdf import PdfReader
from pypdf.errors import PdfReadError

# A real letter has thousands of characters; a handful means a scan with stray OCR-free
# artefacts (page numbers, a logo caption) rather than a text layer.
MIN_TEXT_CHARS = 200

# The PDF header may legally be preceded by junk, but only within the first kilobyte.
_HEADER_WINDOW = 1024

# pypdf reports recoverable damage through logging; the reader turns real damage into a
# reason instead, so these messages would only be noise on the command line.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class UnreadableLetterError(Exception):
    """The input cannot be read as a PDF; ``str(error)`` is the reason to show a person."""


def _not_a_pdf_reason(data: bytes) -> str | None:
    """Name what the bytes are when they are clearly not a PDF."""
    if not data:
        return "the file is empty"
    if b"%PDF-" in data[:_HEADER_WINDOW]:
        return None
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return "the file is a damaged ZIP archive, not a PDF"
        if any(name.startswith("word/") for name in names):
            return "the file is a Word document (.docx) renamed as a PDF; save it as PDF first"
        return "the file is a ZIP archive, not a PDF"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "the file is an old-style Office document (.doc), not a PDF"
    if data.lstrip()[:1] == b"<":
        return "the file is an HTML or XML page (perhaps a download error page), not a PDF"
    return "the file is not a PDF (it does not start with a PDF header)"


def _text_length(pages: list[str]) -> int:
    return sum(len("".join(page.split())) for page in pages)


def _has_images(reader: PdfReader) -> bool:
    for page in reader.pages:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources else None
        if not xobjects:
            continue
        for ref in xobjects.get_object().values():
            if ref.get_object().get("/Subtype") == "/Image":
                return True
    return False


def _decrypts_without_password(reader: PdfReader) -> bool:
    """Letters are published without a password; an owner-only password still opens."""
    try:
        return bool(reader.decrypt(""))
    except Exception:
        # An algorithm pypdf cannot handle without optional crypto packages: the document
        # is still unreadable for us because of its encryption, not because of damage.
        return False


def extract_pages(data: bytes, *, layout: bool = False) -> list[str]:
    """Return the text of each page, or raise UnreadableLetterError with the reason.

    The default follows the order in which the PDF paints its text, which is the reading
    order for almost every letter and fast. ``layout`` orders text by its position on the
    page instead, at about twice the cost, for PDFs that paint a box out of order.
    """
    mode: Literal["plain", "layout"] = "layout" if layout else "plain"
    reason = _not_a_pdf_reason(data)
    if reason:
        raise UnreadableLetterError(reason)
    # pypdf raises a zoo of exception types on damaged input (PdfReadError, but also
    # KeyError, ValueError, TypeError from deep inside the parser): all mean "damaged".
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypts_without_password(reader):
            raise UnreadableLetterError(
                "the PDF is encrypted with a password; ask for an unprotected copy"
            )
        pages = [page.extract_text(extraction_mode=mode) or "" for page in reader.pages]
        # Only a page set without text needs the (cheap, but not free) look for images.
        scanned = _text_length(pages) < MIN_TEXT_CHARS and _has_images(reader)
    except UnreadableLetterError:
        raise
    except PdfReadError as error:
        raise UnreadableLetterError(f"the PDF is damaged and cannot be read ({error})") from error
    except Exception as error:
        raise UnreadableLetterError(
            f"the PDF is damaged and cannot be read ({type(error).__name__}: {error})"
        ) from error
    if not pages:
        raise UnreadableLetterError("the PDF has no pages")
    if scanned:
        raise UnreadableLetterError(
            "the PDF contains only images (a scan) and no text layer; "
            "it needs OCR before it can be read"
        )
    if _text_length(pages) < MIN_TEXT_CHARS:
        raise UnreadableLetterError("the PDF contains no readable text")
    return pages
