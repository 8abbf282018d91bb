"""Reading uploaded files without holding them in memory.

Django keeps an upload larger than FILE_UPLOAD_MAX_MEMORY_SIZE in a temporary file;
:class:`SizeLimitUploadHandler` stops receiving a file as soon as it passes the limit, so
an oversized file never fills the disk either. :func:`inspect_file` then reads each file
once, in chunks, for its checksum, the text check and (when configured) the virus scan.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

from .clamd import ClamdScan, ScanResult
from .filetypes import Identified, TextCheck, identify

CHUNK_SIZE = 64 * 1024


class SizeLimitUploadHandler(FileUploadHandler):
    """The first upload handler of a request: passes data on to Django's own handlers
    until a file passes ``limit`` bytes, then skips the rest of that file and remembers
    its name, so the page can say which file was too large."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.too_large: list[str] = []
        self._received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self._received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self._received += len(raw_data)
        if self._received > self.limit:
            self.too_large.append(clean_filename(str(self.file_name or "")))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler builds the file


def clean_filename(name: str) -> str:
    """The name to show and keep: no folders, normalised, at most 255 characters (the
    extension kept). It is only ever displayed, never used as a storage path."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = unicodedata.normalize("NFC", "".join(ch for ch in name if ch.isprintable())).strip()
    if len(name) > 255:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 20:
            name = f"{stem[: 255 - len(extension) - 1]}.{extension}"
        else:
            name = name[:255]
    return name or "unnamed file"


@dataclass(frozen=True)
class InspectedFile:
    """What reading an uploaded file once found."""

    upload: UploadedFile
    filename: str
    size: int
    sha256: str
    identified: Identified
    scan: ScanResult | None  # None: no scanner configured


def inspect_file(upload: UploadedFile, *, scanner: ClamdScan | None = None) -> InspectedFile:
    """Checksum, text check and virus scan in one pass over the file's chunks. Raises
    :class:`jtai.information.clamd.ScannerUnavailable` when a configured scanner fails."""
    digest = hashlib.sha256()
    text = TextCheck()
    size = 0
    scan: ScanResult | None = None
    upload.seek(0)
    if scanner is None:
        for chunk in upload.chunks(CHUNK_SIZE):
            digest.update(chunk)
            text.feed(chunk)
            size += len(chunk)
    else:
        with scanner:
            for chunk in upload.chunks(CHUNK_SIZE):
                digest.update(chunk)
                text.feed(chunk)
                scanner.send(chunk)
                size += len(chunk)
            scan = scanner.result()
    identified = identify(upload, is_text=text.is_text and size > 0)
    return InspectedFile(
        upload=upload,
        filename=clean_filename(upload.name or ""),
        size=size,
        sha256=digest.hexdigest(),
        identified=identified,
        scan=scan,
    )
