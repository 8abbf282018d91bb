"""`jtai serve` as deployed: gunicorn with the production settings, probed over HTTP the
way nginx and a load balancer do. /readyz says 503 when the database or the file storage
cannot be used, while /healthz still says the process is up."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
JTAI = str(Path(sys.executable).with_name("jtai"))
HOST = "jtai.example.gov.uk"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(tmp_path: Path, **env: str) -> Iterator[int]:
    port = free_port()
    log = (tmp_path / f"serve-{port}.log").open("wb")
    process = subprocess.Popen(  # noqa: S603 - our own console script
        [JTAI, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "AWS_"))},
            "DJANGO_SETTINGS_MODULE": "jtai.config.settings.production",
            "SECRET_KEY": "serve-test-" + "k" * 50,
            "ALLOWED_HOSTS": HOST,
            "JTAI_VAR_DIR": str(tmp_path / "var"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
            **env,
        },
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, (tmp_path / f"serve-{port}.log").read_text()
                assert time.monotonic() < deadline, "jtai serve did not start listening"
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Host": HOST, **headers})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_a_ready_server_answers_its_probes_and_protects_its_pages(tmp_path: Path) -> None:
    with serving(tmp_path) as port:
        status, _, body = get(port, "/readyz")
        assert (status, json.loads(body)) == (200, {"status": "ok"})
        assert get(port, "/healthz")[0] == 200
        # Plain HTTP is sent to HTTPS; through the proxy (X-Forwarded-Proto) it is served.
        status, headers, _ = get(port, "/accessibility/")
        assert status == 301
        assert headers["location"] == f"https://{HOST}/accessibility/"
        # (Pages need collectstatic's manifest; the probe needs nothing but the service.)
        status, headers, _ = get(port, "/readyz", **{"X-Forwarded-Proto": "https"})
        assert status == 200
        assert headers["strict-transport-security"].startswith("max-age=63072000")
        assert "'unsafe-inline'" not in headers["content-security-policy"]
        assert headers["x-request-id"]


def test_two_app_processes_run_side_by_side_as_one_user(tmp_path: Path) -> None:
    with serving(tmp_path) as first, serving(tmp_path) as second:
        assert get(first, "/healthz")[0] == 200
        assert get(second, "/healthz")[0] == 200
    for log in tmp_path.glob("serve-*.log"):
        assert "control socket" not in log.read_text().lower()


def test_readiness_fails_without_the_database(tmp_path: Path) -> None:
    with serving(tmp_path, DATABASE_URL=f"postgres://jtai@127.0.0.1:{free_port()}/jtai") as port:
        status, _, body = get(port, "/readyz")
        assert status == 503
        assert json.loads(body) == {
            "status": "unavailable",
            "problems": ["database: OperationalError"],
        }
        assert get(port, "/healthz")[0] == 200


def test_readiness_fails_without_the_file_storage(tmp_path: Path) -> None:
    with serving(tmp_path, MEDIA_ROOT="/proc/jtai-media") as port:
        status, _, body = get(port, "/readyz")
        assert status == 503
        problems = json.loads(body)["problems"]
        assert [p.split(":")[0] for p in problems] == ["default storage", "documents storage"]
