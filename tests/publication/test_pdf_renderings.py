"""A report's PDF is rendered once and then read back from the file storage, which every
app server shares; the embargoed and the published renderings are different files, and a
different letter is never served another's rendering."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from jtai.publication.pdf import RENDERINGS_FOLDER

from .helpers import birmingham_report, kent_report


def _kept() -> list[str]:
    if not default_storage.exists(RENDERINGS_FOLDER):
        return []
    return sorted(default_storage.listdir(RENDERINGS_FOLDER)[1])


def test_the_pdf_is_rendered_once_then_read_from_the_storage(
    client_for: Callable[[str | None], Client],
) -> None:
    report = kent_report()
    first = client_for(None).get(f"/reports/{report.slug}/pdf/")
    assert first.content.startswith(b"%PDF-")
    [kept] = _kept()
    with default_storage.open(f"{RENDERINGS_FOLDER}/{kept}", "rb") as stored:
        assert stored.read() == first.content

    # Replace the kept file: what is served next comes from it, not from a new rendering.
    default_storage.delete(f"{RENDERINGS_FOLDER}/{kept}")
    default_storage.save(f"{RENDERINGS_FOLDER}/{kept}", ContentFile(b"%PDF-kept"))
    again = client_for(None).get(f"/reports/{report.slug}/pdf/")
    assert again.content == b"%PDF-kept"
    assert _kept() == [kept]


def test_each_letter_and_each_embargo_state_has_its_own_rendering(
    client_for: Callable[[str | None], Client],
) -> None:
    kent = kent_report()
    public = client_for(None).get(f"/reports/{kent.slug}/pdf/").content
    birmingham = birmingham_report()
    assert birmingham.inspection is not None
    embargoed = client_for("lead_inspector").get(
        f"/inspections/{birmingham.inspection.reference}/report/pdf/"
    )
    assert embargoed.status_code == 200
    assert embargoed.content != public
    assert len(_kept()) == 2

    # A changed letter (say, a corrected heading) is rendered afresh, never the old file.
    kent.document["title"] = "Joint targeted area inspection of Kent (corrected)"
    kent.save(update_fields=["document"])
    corrected = client_for(None).get(f"/reports/{kent.slug}/pdf/").content
    assert corrected != public
    assert len(_kept()) == 3
