"""The clamd INSTREAM client against a protocol-faithful fake clamd on real sockets, and
the upload service with a scanner configured."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jtai.accounts.models import User
from jtai.information.clamd import ClamdScan, ScannerUnavailable, parse_reply
from jtai.information.models import Document, ScanStatus
from jtai.information.services import InformationError, document_storage

from .factories import contact, item_of, leeds_inspection, unique_pdf, upload
from .fake_clamd import EICAR, fake_clamd_tcp, fake_clamd_unix


def scan(data: bytes, **where: Any) -> Any:
    with ClamdScan(timeout=5, **where) as session:
        for start in range(0, len(data), 100_000):
            session.send(data[start : start + 100_000])
        return session.result()


def test_a_clean_stream_over_a_unix_socket(socket_dir: Path) -> None:
    path = socket_dir / "clamd.sock"
    with fake_clamd_unix(path) as record:
        result = scan(b"nothing to see here " * 20_000, socket_path=str(path))
    assert not result.infected
    assert record.commands == [b"zINSTREAM\0"]
    assert record.stream_sizes == [400_000]
    assert record.largest_chunk <= 64 * 1024  # big chunks are split for clamd


def test_the_eicar_test_string_is_found_over_tcp_even_across_chunks() -> None:
    data = b"a" * (100_000 - 20) + EICAR + b"b" * 1000  # split by the 100 KB writes
    with fake_clamd_tcp() as (port, _):
        result = scan(data, host="127.0.0.1", port=port)
    assert result.infected
    assert result.signature == "Eicar-Signature"


def test_a_stream_past_the_scanners_limit_is_an_error(socket_dir: Path) -> None:
    path = socket_dir / "clamd.sock"
    with fake_clamd_unix(path, max_stream=50_000), pytest.raises(ScannerUnavailable):
        scan(b"x" * 2_000_000, socket_path=str(path))


def test_an_absent_scanner_is_unavailable(socket_dir: Path) -> None:
    with pytest.raises(ScannerUnavailable, match="could not be reached"):
        scan(b"data", socket_path=str(socket_dir / "nobody-listens.sock"))


@pytest.mark.parametrize(
    ("reply", "infected", "signature"),
    [
        (b"stream: OK\0", False, ""),
        (b"stream: Win.Test.EICAR_HDB-1 FOUND\0", True, "Win.Test.EICAR_HDB-1"),
    ],
)
def test_replies(reply: bytes, infected: bool, signature: str) -> None:
    result = parse_reply(reply)
    assert (result.infected, result.signature) == (infected, signature)


@pytest.mark.parametrize("reply", [b"INSTREAM size limit exceeded. ERROR\0", b"", b"garbage\0"])
def test_replies_that_are_not_answers(reply: bytes) -> None:
    with pytest.raises(ScannerUnavailable):
        parse_reply(reply)


@pytest.fixture
def police(db: None) -> User:
    return contact("leeds.police")


def test_uploads_are_scanned_when_clamd_is_configured(
    socket_dir: Path, settings: Any, police: User
) -> None:
    path = socket_dir / "clamd.sock"
    settings.CLAMD_SOCKET = str(path)
    item = item_of(leeds_inspection(), "police")
    with fake_clamd_unix(path) as record:
        (document,) = upload(police, item, ("clean.pdf", unique_pdf()))
    assert document.scan_status == ScanStatus.CLEAN
    assert record.stream_sizes == [document.size]


def test_an_infected_file_is_refused_and_nothing_is_stored(
    socket_dir: Path, settings: Any, police: User
) -> None:
    path = socket_dir / "clamd.sock"
    settings.CLAMD_SOCKET = str(path)
    item = item_of(leeds_inspection(), "police")
    before = Document.objects.count()
    with fake_clamd_unix(path), pytest.raises(InformationError) as refused:
        upload(police, item, ("fine.pdf", unique_pdf()), ("notes.txt", EICAR + b"\n"))
    assert refused.value.messages == [
        "notes.txt contains a virus (Eicar-Signature) and has not been uploaded"
    ]
    assert Document.objects.count() == before
    assert not document_storage().exists(f"information/{item.inspection.reference}")


def test_when_the_scanner_is_down_nothing_is_uploaded(
    socket_dir: Path, settings: Any, police: User
) -> None:
    settings.CLAMD_SOCKET = str(socket_dir / "gone.sock")
    item = item_of(leeds_inspection(), "police")
    before = Document.objects.count()
    with pytest.raises(InformationError, match="could not be checked for viruses"):
        upload(police, item, ("fine.pdf", unique_pdf()))
    assert Document.objects.count() == before


def test_without_a_scanner_documents_are_recorded_as_not_scanned(police: User) -> None:
    item = item_of(leeds_inspection(), "police")
    (document,) = upload(police, item, ("plain.pdf", unique_pdf()))
    assert document.scan_status == ScanStatus.NOT_SCANNED
