"""Downloads stream the stored file through a permission-checked view, and each one is
logged."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from django.urls import reverse

from jtai.information.services import document_storage

from .factories import contact, downloads_of, leeds_inspection, uploaded_document


def test_a_download_streams_the_file_as_an_attachment_and_is_logged(client_for: Any) -> None:
    leeds = leeds_inspection()
    document = uploaded_document(leeds)
    url = reverse("information:download", args=[leeds.reference, document.pk])
    client = client_for("leeds_coordinator")
    response = client.get(url, REMOTE_ADDR="192.0.2.10")
    assert isinstance(response, FileResponse)
    assert response.streaming
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="statement.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    with document_storage().open(document.storage_name) as handle:
        assert b"".join(response.streaming_content) == handle.read()  # type: ignore[arg-type]
    (access,) = downloads_of(document)
    assert access.user == contact("leeds.coordinator")
    assert access.ip_address == "192.0.2.10"
    assert access.action == "download"
    assert access.inspection == leeds
    assert access.description == "statement.pdf (version 1)"

    client.get(url)
    assert downloads_of(document).count() == 2


def test_a_missing_file_is_not_found_and_not_logged(client_for: Any) -> None:
    leeds = leeds_inspection()
    document = uploaded_document(leeds)
    document_storage().delete(document.storage_name)
    url = reverse("information:download", args=[leeds.reference, document.pk])
    assert client_for("lead_inspector").get(url).status_code == 404
    assert not downloads_of(document).exists()
