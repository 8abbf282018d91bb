"""Reports as PDF, rendered by WeasyPrint from the same letter as the HTML page, with a
print stylesheet of its own. Fonts and styles are local files: rendering never fetches
anything from the network.

Rendering takes most of a second of processor time, and a report's text never changes
once it is sent, so each rendering is kept in the file storage under a fingerprint of
everything that shapes it (the page's HTML, the stylesheet and WeasyPrint's version):
every app server then reads the same file, and a change to any of those makes a new one."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from jtai.letters.document import LetterDocument

PRINT_CSS = Path(__file__).parent / "static" / "publication" / "print.css"


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"Report PDFs load nothing from outside: {url}")


RENDERINGS_FOLDER = "report-pdfs"


def letter_pdf(
    letter: LetterDocument, *, embargoed_until: str = "", published_on: str = ""
) -> bytes:
    """The letter as a PDF, read from the storage when this exact rendering exists there,
    otherwise rendered and kept."""
    html = _print_html(letter, embargoed_until=embargoed_until, published_on=published_on)
    fingerprint = hashlib.sha256(html.encode() + _renderer_fingerprint()).hexdigest()
    name = f"{RENDERINGS_FOLDER}/{fingerprint}.pdf"
    try:
        # One call to the storage (both backends refuse a missing file on opening it),
        # not an existence check first: with S3 each call is a round trip.
        with default_storage.open(name, "rb") as kept:
            return bytes(kept.read())
    except FileNotFoundError:
        pass
    content = _render(html)
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:
        # Another request rendered the same letter meanwhile; its copy is the same.
        default_storage.delete(saved)
    return content


def render_letter_pdf(
    letter: LetterDocument, *, embargoed_until: str = "", published_on: str = ""
) -> bytes:
    """The letter as a PDF: addressees, headed sections of numbered paragraphs and the
    signatories; an embargo notice on every page while it is embargoed. Always renders
    afresh: pages use ``letter_pdf``."""
    return _render(_print_html(letter, embargoed_until=embargoed_until, published_on=published_on))


def _print_html(letter: LetterDocument, *, embargoed_until: str, published_on: str) -> str:
    return render_to_string(
        "publication/print/report.html",
        {
            "letter": letter,
            "sections": _numbered_sections(letter),
            "embargoed_until": embargoed_until,
            "published_on": published_on,
        },
    )


def _render(html: str) -> bytes:
    from weasyprint import CSS, HTML  # imported here: it is slow to load

    document = HTML(string=html, url_fetcher=_refuse_fetch)
    return bytes(document.write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))]))


@cache
def _renderer_fingerprint() -> bytes:
    return PRINT_CSS.read_bytes() + version("weasyprint").encode()


def _numbered_sections(letter: LetterDocument) -> list[dict[str, Any]]:
    """Each section with its paragraphs numbered through the whole letter."""
    numbered = iter(letter.numbered_paragraphs())
    return [
        {
            "key": section.key,
            "heading": section.heading,
            "paragraphs": [next(numbered) for _ in section.paragraphs],
        }
        for section in letter.sections
    ]


numbered_sections = _numbered_sections
