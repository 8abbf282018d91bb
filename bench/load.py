"""Load test: 50 simulated people using the service at once, against gunicorn (2 workers)
with the production settings, PostgreSQL and the demo data.

    .venv/bin/python bench/load.py                    # 5 minutes, 50 users
    .venv/bin/python bench/load.py --duration 60 --users 50

It builds a throwaway PostgreSQL database (`--database-url`, default a new database on
127.0.0.1:5432), migrates it, loads the demo data, collects the static files, starts
`jtai serve`, then signs people in through the real sign-in pages (password, then the code
from their authenticator app, computed from the demo accounts' known key) and has them
browse: inspectorate staff (inspections, their pages, the library, areas), the areas'
coordinators and agency contacts (their inspections, information requests, cases) and
anonymous visitors of the public site (published reports, the timeline API). Each person
waits a moment between pages, as people do. It prints the requests made, the errors, and
the median and 95th percentile latency, overall and by kind of page. Nothing but the
standard library talks to the server (threads and http.client)."""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from django_otp.oath import totp  # noqa: E402 - pure Python, no Django settings needed

from jtai.demo.people import (  # noqa: E402 - the demo's own accounts and secrets
    DEMO_PASSWORD,
    DEMO_TOTP_KEY,
    NAMED_ACCOUNTS,
    inspector_pool,
)

JTAI = str(Path(sys.executable).with_name("jtai"))
HOST = "127.0.0.1"


# -- the server --------------------------------------------------------------------------


def run(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(args, env=env, cwd=REPO, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")


def admin_sql(database_url: str, sql: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(database_url)
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql)


def database_name(database_url: str) -> str:
    return urllib.parse.urlsplit(database_url).path.lstrip("/")


def prepare(database_url: str, work: Path, port: int) -> dict[str, str]:
    """A fresh database with the demo data, static files, and the server's environment."""
    name = database_name(database_url)
    admin_sql(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin_sql(database_url, f'CREATE DATABASE "{name}"')
    base = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "AWS_"))},
        "DATABASE_URL": database_url,
        "JTAI_VAR_DIR": str(work),
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "LOG_LEVEL": "WARNING",
    }
    development = {**base, "DJANGO_SETTINGS_MODULE": "jtai.config.settings.development"}
    print("Migrating and loading the demo data...", flush=True)
    run(development, JTAI, "migrate", "--no-input", "-v0")
    run(development, JTAI, "load_demo")
    production = {
        **base,
        "DJANGO_SETTINGS_MODULE": "jtai.config.settings.production",
        "SECRET_KEY": "load-test-only-" + "k" * 50,
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "WEB_CONCURRENCY": "2",
    }
    print("Collecting static files...", flush=True)
    run(production, JTAI, "collectstatic", "--no-input", "-v0")
    return production


def start_server(
    env: dict[str, str], port: int, workers: int, log: Path
) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(  # noqa: S603 - our own console script
        [JTAI, "serve", "--bind", f"{HOST}:{port}", "--workers", str(workers)],
        env=env,
        cwd=REPO,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if Browser(port).get("/readyz").status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            sys.exit(f"jtai serve stopped:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)
    server.terminate()
    sys.exit("jtai serve did not become ready in 60 seconds")


# -- a person's browser --------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    location: str
    body: str


class Browser:
    """One person: a keep-alive connection and a cookie jar, behind an HTTPS proxy (the
    X-Forwarded-Proto header nginx would add)."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.cookies: dict[str, str] = dict(cookies or {})
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Answer:
        headers = {
            "Host": f"{HOST}:{self.port}",
            "X-Forwarded-Proto": "https",
            "User-Agent": "jtai-load-test",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            origin = f"https://{HOST}:{self.port}"
            headers["Origin"] = origin
            headers["Referer"] = origin + path
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed meanwhile: open a new one.
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Answer(response.status, response.headers.get("Location", ""), text)

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> Answer:
        return self.request("POST", path, form)


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def sign_in(port: int, email: str) -> dict[str, str] | None:
    """The sign-in pages as a person goes through them; the session's cookies, or None."""
    browser = Browser(port)
    page = browser.get("/account/sign-in/?next=/")
    token = CSRF.search(page.body)
    if page.status != 200 or token is None:
        raise RuntimeError(f"sign-in page: {page.status}")
    form = {"csrfmiddlewaretoken": token.group(1), "username": email, "password": DEMO_PASSWORD}
    answer = browser.post("/account/sign-in/?next=/", {**form, "next": "/"})
    if answer.status != 302:
        raise RuntimeError(f"{email}: password refused ({answer.status})")
    step = urllib.parse.urlsplit(answer.location)
    second = f"{step.path}?{step.query}" if step.query else step.path
    if "set-up" in second:
        return None  # no authenticator app enrolled: not a demo account we can use
    page = browser.get(second)
    token = CSRF.search(page.body)
    if token is None:
        raise RuntimeError(f"{email}: no security code form ({page.status})")
    code = f"{totp(bytes.fromhex(DEMO_TOTP_KEY)):06d}"
    answer = browser.post(second, {"csrfmiddlewaretoken": token.group(1), "code": code})
    if answer.status != 302:
        raise RuntimeError(f"{email}: security code refused ({answer.status})")
    return browser.cookies


# -- what people look at -------------------------------------------------------------------

INSPECTION_LINK = re.compile(r'href="(/inspections/JTAI-[^/"]+/)"')
REPORT_LINK = re.compile(r'href="(/reports/(?!overviews/)[a-z0-9-]+/)"')
INSPECTION_PAGES = ("", "information/", "cases/", "timetable/", "evidence/", "letter/")


def kind_of(path: str) -> str:
    """A page's kind, for the breakdown: its path with identifiers taken out."""
    path = path.split("?")[0]
    path = re.sub(r"JTAI-[^/]+", "<ref>", path)
    path = re.sub(r"^/reports/(?!overviews/)[a-z0-9-]+/", "/reports/<slug>/", path)
    return re.sub(r"/E\d{8}/", "/<area>/", path)


def pages_for(port: int, cookies: dict[str, str], *, inspectorate: bool) -> list[str]:
    """The pages this person can open: a fixed set for their role plus the pages of the
    inspections their list links to, each checked once."""
    browser = Browser(port, cookies)
    candidates = ["/", "/inspections/", "/library/", "/library/search/?q=domestic+abuse"]
    if inspectorate:
        candidates += ["/areas/", "/areas/E08000035/", "/reports/"]
    listing = browser.get("/inspections/")
    for link in sorted(set(INSPECTION_LINK.findall(listing.body)))[:4]:
        candidates += [link + page for page in INSPECTION_PAGES]
    return [path for path in candidates if browser.get(path).status == 200]


def public_pages(port: int) -> list[str]:
    browser = Browser(port)
    listing = browser.get("/reports/")
    reports = sorted(set(REPORT_LINK.findall(listing.body)))
    candidates = [
        "/reports/",
        "/reports/?q=neglect",
        "/accessibility/",
        "/api/v1/reports",
        "/api/v1/timeline?fieldwork_start=2026-05-18",
        *reports,
        *(r + "pdf/" for r in reports[:2]),
    ]
    return [path for path in candidates if browser.get(path).status == 200]


# -- the run -------------------------------------------------------------------------------


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    samples: list[str] = field(default_factory=list)

    def record(self, path: str, seconds: float, problem: str | None) -> None:
        kind = kind_of(path)
        with self.lock:
            self.latencies[kind].append(seconds)
            if problem:
                self.errors[kind] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{path}: {problem}")


def person(
    port: int,
    cookies: dict[str, str],
    pages: list[str],
    stop: float,
    think: tuple[float, float],
    results: Results,
    seed: int,
) -> None:
    chooser = random.Random(seed)
    browser = Browser(port, cookies)
    time.sleep(chooser.uniform(0, think[1]))  # people do not all arrive in the same second
    while time.monotonic() < stop:
        path = chooser.choice(pages)
        started = time.perf_counter()
        try:
            status = browser.get(path).status
            problem = None if status == 200 else f"HTTP {status}"
        except OSError as error:
            problem = f"{type(error).__name__}: {error}"
        results.record(path, time.perf_counter() - started, problem)
        time.sleep(chooser.uniform(*think))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(results: Results, seconds: float) -> None:
    everything = [v for values in results.latencies.values() for v in values]
    errors = sum(results.errors.values())
    if not everything:
        print("No requests were made.")
        return
    print(
        f"\n{len(everything)} requests in {seconds:.0f} s ({len(everything) / seconds:.1f}/s), "
        f"{errors} errors ({100 * errors / len(everything):.2f}%)"
    )
    print(f"latency: median {statistics.median(everything) * 1000:.0f} ms, "
          f"p95 {percentile(everything, 0.95) * 1000:.0f} ms, "
          f"max {max(everything) * 1000:.0f} ms\n")  # fmt: skip
    print(f"{'page':<44} {'requests':>8} {'errors':>6} {'median ms':>9} {'p95 ms':>7}")
    for kind in sorted(results.latencies, key=lambda k: -len(results.latencies[k])):
        values = results.latencies[kind]
        median, p95 = statistics.median(values) * 1000, percentile(values, 0.95) * 1000
        errors_here = results.errors.get(kind, 0)
        print(f"{kind:<44} {len(values):>8} {errors_here:>6} {median:>9.0f} {p95:>7.0f}")
    for sample in results.samples:
        print("error:", sample)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=300, help="seconds (default 300)")
    parser.add_argument("--users", type=int, default=50, help="people at once (default 50)")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 2.0), metavar=("MIN", "MAX"),
                        help="seconds a person waits between pages (default 0.5 2.0)")  # fmt: skip
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "LOAD_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/jtai_load_{os.getpid()}"
        ),
        help="a PostgreSQL database to create (dropped and created afresh)",
    )  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    work = REPO / "var" / "load"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = prepare(args.database_url, work, args.port)
    server = start_server(env, args.port, args.web_workers, work / "server.log")
    try:
        # Who is using the service: 40% inspectorate staff, 20% the areas' coordinators and
        # agency contacts, 40% members of the public. People of one account share its
        # session (each account signs in once: a code from the app is good only once).
        staff = [a.email for a in NAMED_ACCOUNTS if a.area is None and a.role != "administrator"]
        staff += [a.email for a in inspector_pool()][:12]
        local = [a.email for a in NAMED_ACCOUNTS if a.area is not None]
        print(f"Signing in {len(staff) + len(local)} demo accounts...", flush=True)
        sessions: dict[str, dict[str, str]] = {}
        for email in staff + local:
            cookies = sign_in(args.port, email)
            if cookies is not None:
                sessions[email] = cookies
        pages = {
            email: pages_for(args.port, cookies, inspectorate=email not in local)
            for email, cookies in sessions.items()
        }
        anonymous = public_pages(args.port)
        staff_in = [e for e in staff if e in sessions]
        local_in = [e for e in local if e in sessions]

        n_staff = round(args.users * 0.4)
        n_local = round(args.users * 0.2)
        people: list[tuple[dict[str, str], list[str]]] = []
        for i in range(n_staff):
            email = staff_in[i % len(staff_in)]
            people.append((sessions[email], pages[email]))
        for i in range(n_local):
            email = local_in[i % len(local_in)]
            people.append((sessions[email], pages[email]))
        for _ in range(args.users - n_staff - n_local):
            people.append(({}, anonymous))
        print(f"{len(people)} people ({n_staff} inspectorate, {n_local} local area, "
              f"{len(people) - n_staff - n_local} public) for {args.duration:.0f} s against "
              f"gunicorn with {args.web_workers} workers on PostgreSQL...", flush=True)  # fmt: skip

        results = Results()
        started = time.monotonic()
        stop = started + args.duration
        threads = [
            threading.Thread(
                target=person,
                args=(args.port, cookies, paths, stop, tuple(args.think), results, n),
                daemon=True,
            )
            for n, (cookies, paths) in enumerate(people)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        report(results, time.monotonic() - started)
    finally:
        server.terminate()
        server.wait(timeout=60)
        if not args.keep:
            admin_sql(
                args.database_url,
                f'DROP DATABASE IF EXISTS "{database_name(args.database_url)}" WITH (FORCE)',
            )


if __name__ == "__main__":
    main()
