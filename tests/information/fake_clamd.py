"""A tiny stand-in for clamd that speaks the real INSTREAM protocol over a real socket:
``zINSTREAM\\0``, then chunks each prefixed by a four-byte big-endian length, ended by a
zero length; it answers ``stream: OK\\0``, or ``stream: Eicar-Signature FOUND\\0`` when
the stream contains the EICAR test string, or an INSTREAM size error (and hangs up) once
a stream passes ``max_stream`` bytes, as clamd does past StreamMaxLength."""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

# The standard antivirus test file: harmless, and every scanner reports it.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@dataclass
class Record:
    """What the fake server saw: each stream's total bytes and largest chunk."""

    commands: list[bytes] = field(default_factory=list)
    stream_sizes: list[int] = field(default_factory=list)
    largest_chunk: int = 0


def _read_exactly(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        part = sock.recv(count - len(data))
        if not part:
            raise ConnectionError("client hung up")
        data += part
    return data


def _handler(record: Record, max_stream: int) -> type[socketserver.BaseRequestHandler]:
    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            sock: socket.socket = self.request
            command = b""
            while not command.endswith(b"\0"):
                command += _read_exactly(sock, 1)
            record.commands.append(command)
            if command != b"zINSTREAM\0":
                sock.sendall(b"UNKNOWN COMMAND\0")
                return
            seen, total, tail = False, 0, b""
            while True:
                (length,) = struct.unpack("!L", _read_exactly(sock, 4))
                if length == 0:
                    break
                chunk = _read_exactly(sock, length)
                record.largest_chunk = max(record.largest_chunk, length)
                total += length
                if total > max_stream:
                    sock.sendall(b"INSTREAM size limit exceeded. ERROR\0")
                    return
                seen = seen or EICAR in tail + chunk
                tail = chunk[-len(EICAR) :]
            record.stream_sizes.append(total)
            sock.sendall(b"stream: Eicar-Signature FOUND\0" if seen else b"stream: OK\0")

    return Handler


class _UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


class _TCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def fake_clamd_unix(path: Path, *, max_stream: int = 1 << 40) -> Iterator[Record]:
    record = Record()
    server = _UnixServer(str(path), _handler(record, max_stream))
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()
        path.unlink(missing_ok=True)


@contextmanager
def fake_clamd_tcp(*, max_stream: int = 1 << 40) -> Iterator[tuple[int, Record]]:
    record = Record()
    server = _TCPServer(("127.0.0.1", 0), _handler(record, max_stream))
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1], record
    finally:
        server.shutdown()
        server.server_close()
