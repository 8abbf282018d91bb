"""A small client for clamd's INSTREAM command: a file is streamed to the virus scanner
in chunks as it is read, so it is never held in memory whole.

The protocol (clamd(8)): send ``zINSTREAM\\0``, then each chunk as a four-byte
big-endian length followed by that many bytes, then a zero length. clamd answers one
NUL-terminated line: ``stream: OK``, ``stream: <signature> FOUND``, or ``... ERROR``
(for example when the stream passes its StreamMaxLength).
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from types import TracebackType

from django.conf import settings

# clamd refuses chunks larger than its StreamMaxLength; Django hands over 64 KB chunks,
# and bigger ones are split so the scanner never needs more.
MAX_CHUNK = 64 * 1024
_REPLY_LIMIT = 4096


class ScannerUnavailable(Exception):
    """The scanner is configured but could not give an answer."""


@dataclass(frozen=True)
class ScanResult:
    infected: bool
    signature: str = ""


def parse_reply(reply: bytes) -> ScanResult:
    text = reply.rstrip(b"\0\n").decode("utf-8", "replace").strip()
    if text.endswith("ERROR") or ": " not in text:
        raise ScannerUnavailable(f"The virus scanner answered {text!r}.")
    verdict = text.split(": ", 1)[1]
    if verdict == "OK":
        return ScanResult(infected=False)
    if verdict.endswith(" FOUND"):
        return ScanResult(infected=True, signature=verdict.removesuffix(" FOUND"))
    raise ScannerUnavailable(f"The virus scanner answered {text!r}.")


class ClamdScan:
    """One INSTREAM scan: ``with ClamdScan(...) as scan: scan.send(chunk) ...; scan.result()``."""

    def __init__(
        self, *, socket_path: str = "", host: str = "", port: int = 3310, timeout: float = 60.0
    ) -> None:
        if not socket_path and not host:
            raise ValueError("Give clamd's Unix socket or its host.")
        self.socket_path = socket_path
        self.host = host
        self.port = port
        self.timeout = timeout
        self._socket: socket.socket | None = None

    def __enter__(self) -> ClamdScan:
        try:
            if self.socket_path:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                sock.settimeout(self.timeout)
                sock.connect(self.socket_path)
            else:
                sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
            sock.sendall(b"zINSTREAM\0")
        except OSError as error:
            raise ScannerUnavailable(f"The virus scanner could not be reached: {error}") from error
        self._socket = sock
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    def _connected(self) -> socket.socket:
        if self._socket is None:
            raise RuntimeError("Use ClamdScan as a context manager.")
        return self._socket

    def send(self, chunk: bytes) -> None:
        sock = self._connected()
        try:
            for start in range(0, len(chunk), MAX_CHUNK):
                piece = chunk[start : start + MAX_CHUNK]
                sock.sendall(struct.pack("!L", len(piece)) + piece)
        except OSError as error:
            # clamd stops reading and answers early when a stream is too long.
            raise ScannerUnavailable(self._early_reply() or str(error)) from error

    def _early_reply(self) -> str:
        try:
            return self._read_reply().decode("utf-8", "replace").strip("\0\n ")
        except OSError:
            return ""

    def _read_reply(self) -> bytes:
        sock = self._connected()
        reply = b""
        while not reply.endswith(b"\0") and len(reply) < _REPLY_LIMIT:
            data = sock.recv(1024)
            if not data:
                break
            reply += data
        return reply

    def result(self) -> ScanResult:
        sock = self._connected()
        try:
            sock.sendall(struct.pack("!L", 0))
            reply = self._read_reply()
        except OSError as error:
            raise ScannerUnavailable(f"The virus scanner did not answer: {error}") from error
        return parse_reply(reply)


def configured_scan() -> ClamdScan | None:
    """A scan against the clamd in the settings, or None when none is configured."""
    if not settings.CLAMD_SOCKET and not settings.CLAMD_HOST:
        return None
    return ClamdScan(
        socket_path=settings.CLAMD_SOCKET,
        host=settings.CLAMD_HOST,
        port=settings.CLAMD_PORT,
        timeout=settings.CLAMD_TIMEOUT_SECONDS,
    )
