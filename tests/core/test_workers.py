"""Real worker processes against a real database file (SQLite) or server (PostgreSQL, when
the suite runs on it): scheduled runs happen once however many workers there are, and a
worker killed in the middle of a task leaves it to be run again, once.

Each test gets its own copy of a database that `jtai migrate` and `jtai load_demo` built
once for this module; the workers are `jtai worker` processes, as deployed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_string
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
JTAI = str(Path(sys.executable).with_name("jtai"))
REMINDERS_TASK = "jtai.inspections.tasks.send_due_reminders_task"
PUBLICATION_TASK = "jtai.publication.tasks.publish_due_reports"
WAIT_SECONDS = 90


@dataclass
class Databases:
    """Makes throwaway copies of one prepared database."""

    kind: str
    root: Path
    server_url: str = ""
    template: str = ""
    made: list[str] = field(default_factory=list)

    def url(self, name: str) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.root / name}.sqlite3"
        parts = urlsplit(self.server_url)
        return urlunsplit(parts._replace(path=f"/{name}"))

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    def create_empty(self, name: str) -> str:
        if self.kind == "postgres":
            self._admin(f'CREATE DATABASE "{name}"')
            self.made.append(name)
        return self.url(name)

    def clone(self, name: str) -> str:
        if self.kind == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                source = self.root / f"{self.template}.sqlite3{suffix}"
                if source.exists():
                    shutil.copy(source, self.root / f"{name}.sqlite3{suffix}")
        else:
            self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
            self.made.append(name)
        return self.url(name)

    def drop_all(self) -> None:
        for name in reversed(self.made):
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def base_env(database_url: str, mail_dir: Path, **extra: str) -> dict[str, str]:
    mail_dir.mkdir(parents=True, exist_ok=True)
    return {
        **os.environ,
        "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO}",
        "DJANGO_SETTINGS_MODULE": "tests.core.worker_settings",
        "DATABASE_URL": database_url,
        "JTAI_TEST_MAIL_DIR": str(mail_dir),
        "JTAI_WORKER_HEARTBEAT_SECONDS": "1",
        "JTAI_WORKER_LOST_AFTER_SECONDS": "4",
        # A wide horizon, so that reminders fall due whatever day of the week it is.
        "JTAI_REMINDER_WORKING_DAYS": "10",
        "LOG_FORMAT": "plain",
        **extra,
    }


def run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        args, env=env, cwd=REPO, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def probe(env: dict[str, str], action: str = "report") -> dict[str, Any]:
    output = run(env, sys.executable, "-m", "tests.core.worker_probe", action)
    return json.loads(output.strip().splitlines()[-1])  # type: ignore[no-any-return]


def emails(mail_dir: Path) -> list[tuple[str, str]]:
    """(recipient, subject) of every email written to the folder."""
    found = []
    separator = "\n" + "-" * 79 + "\n"
    for path in sorted(mail_dir.glob("*.log")):
        for chunk in path.read_text().split(separator):
            if chunk.strip():
                message = message_from_string(chunk)
                found.append((str(message["To"]), str(message["Subject"])))
    return found


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    root = tmp_path_factory.mktemp("worker-databases")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        dbs = Databases(kind="postgres", root=root, server_url=url)
    else:
        dbs = Databases(kind="sqlite", root=root)
    dbs.template = f"jtai_workers_{uuid.uuid4().hex[:8]}"
    try:
        env = {
            **base_env(dbs.create_empty(dbs.template), root / "load-mail"),
            # Loading uses the plain test settings: its own emails and tasks stay in-process.
            "DJANGO_SETTINGS_MODULE": "jtai.config.settings.test",
        }
        run(env, JTAI, "migrate", "--no-input", "-v0")
        run(env, JTAI, "load_demo")
        yield dbs
    finally:
        if dbs.kind == "postgres":
            dbs.drop_all()


@dataclass
class Workers:
    env: dict[str, str]
    logs: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, count: int) -> None:
        for n in range(count):
            log = (self.logs / f"worker-{len(self.processes) + n}.log").open("wb")
            self.processes.append(
                subprocess.Popen(  # noqa: S603 - our own console script
                    [JTAI, "worker", "--interval", "0.2"],
                    env=self.env,
                    cwd=REPO,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def output(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text()[-4000:]}" for path in sorted(self.logs.glob("*"))
        )

    def wait_for(self, what: str, check: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            state = probe(self.env)
            if check(state):
                return state
            if time.monotonic() > deadline:
                pytest.fail(f"Timed out waiting for {what}: {state}\n{self.output()}")
            time.sleep(0.5)


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Callable[[dict[str, str]], Workers]]:
    made: list[Workers] = []

    def make(env: dict[str, str]) -> Workers:
        logs = tmp_path / f"logs-{len(made)}"
        logs.mkdir()
        made.append(Workers(env=env, logs=logs))
        return made[-1]

    yield make
    for group in made:
        group.stop()


def finished(path: str) -> Callable[[dict[str, Any]], bool]:
    def check(state: dict[str, Any]) -> bool:
        return any(t["path"] == path and t["status"] == "SUCCESSFUL" for t in state["tasks"])

    return check


def reminders_one_run_sends(databases: Databases, tmp_path: Path) -> list[tuple[str, str]]:
    """What a single `jtai send_reminders` sends on a fresh copy: the expected emails."""
    mail = tmp_path / "oracle-mail"
    env = base_env(databases.clone(f"{databases.template}_oracle_{uuid.uuid4().hex[:6]}"), mail)
    run(env, JTAI, "send_reminders")
    expected = emails(mail)
    assert expected, "the demo data should have reminders due within 10 working days"
    return expected


def test_two_workers_run_each_scheduled_job_once(
    databases: Databases, workers: Callable[[dict[str, str]], Workers], tmp_path: Path
) -> None:
    expected = reminders_one_run_sends(databases, tmp_path)
    mail = tmp_path / "mail"
    env = base_env(
        databases.clone(f"{databases.template}_{uuid.uuid4().hex[:6]}"),
        mail,
        JTAI_TEST_JOBS="send_reminders,publish_due_reports",
    )
    # The demo's embargoed report (Birmingham) reaches its publication moment.
    due = probe(env, "embargo-ends")["due"]
    assert due, "the demo data should have a report under embargo"
    before = probe(env)

    group = workers(env)
    group.start(2)
    group.wait_for("the reminders run", finished(REMINDERS_TASK))
    group.wait_for("the publication run", finished(PUBLICATION_TASK))
    time.sleep(3)  # three more heartbeat rounds in each worker: room for a duplicate
    state = group.wait_for("both workers to beat", lambda s: len(s["workers"]) == 2)
    group.stop()

    assert [run["job"] for run in state["runs"]] == ["publish_due_reports", "send_reminders"]
    assert sorted(t["path"] for t in state["tasks"]) == [REMINDERS_TASK, PUBLICATION_TASK]
    assert sorted(emails(mail)) == sorted(expected)
    assert state["reminders_sent"] == len(expected)
    assert state["embargoed"] == []
    assert sorted(set(state["published"]) - set(before["published"])) == due
    # One publication step in each inspection's history, however many workers ran.
    new_events = list(state["publication_events"])
    for reference in before["publication_events"]:
        new_events.remove(reference)
    assert len(new_events) == len(due)
    assert len(set(new_events)) == len(due)


def test_a_task_whose_worker_is_killed_runs_again_once(
    databases: Databases, workers: Callable[[dict[str, str]], Workers], tmp_path: Path
) -> None:
    expected = reminders_one_run_sends(databases, tmp_path)
    mail = tmp_path / "mail"
    env = base_env(
        databases.clone(f"{databases.template}_{uuid.uuid4().hex[:6]}"),
        mail,
        JTAI_TEST_JOBS="send_reminders",
        JTAI_TEST_EMAIL_BACKEND="tests.core.stalling_mail.EmailBackend",
    )
    group = workers(env)
    group.start(2)
    stalled = tmp_path / "stalled.pid"
    deadline = time.monotonic() + WAIT_SECONDS
    while not stalled.exists() or not stalled.read_text():
        assert time.monotonic() < deadline, f"no worker began sending\n{group.output()}"
        time.sleep(0.2)
    victim = int(stalled.read_text())
    assert victim in {p.pid for p in group.processes}
    os.kill(victim, signal.SIGKILL)

    state = group.wait_for("the reminders to be sent again", finished(REMINDERS_TASK))
    group.stop()

    (task,) = state["tasks"]
    assert task["path"] == REMINDERS_TASK
    # Taken by the killed worker, then once more by the survivor.
    assert len(task["worker_ids"]) == 2
    assert f"-{victim}-" in task["worker_ids"][0]
    assert f"-{victim}-" not in task["worker_ids"][1]
    assert len(state["runs"]) == 1
    assert sorted(emails(mail)) == sorted(expected)
    assert state["reminders_unsent"] == 0
