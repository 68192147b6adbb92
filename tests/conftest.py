"""Shared fixtures: users in roles, the real services, and a real Celery worker."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_933459f4706ab866.txt"
REQUIRE_SERVICES = os.environ.get("FACTCHECK_REQUIRE_SERVICES") == "1"


def missing_service(reason: str) -> None:
    """Skip the test naming the missing service, or fail when services are required."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason} (FACTCHECK_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(reason)


def redis_reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    """Hash test passwords cheaply: UserFactory hashes on every call (0.6 s each)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def postgres() -> None:
    """Require the real PostgreSQL (DATABASE_URL)."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        missing_service("needs PostgreSQL: set DATABASE_URL=postgres://…")


@pytest.fixture
def redis_url() -> str:
    """Return the real Redis broker URL (CELERY_BROKER_URL)."""
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis"):
        missing_service("needs Redis: set CELERY_BROKER_URL=redis://…")
    if not redis_reachable(url):
        missing_service(f"needs Redis: nothing answers at {url}")
    return url


@pytest.fixture
def editor(db: None):  # type: ignore[no-untyped-def]
    from tests.factories import UserFactory

    return UserFactory(username="ed", role="editor")


@pytest.fixture
def reviewer(db: None):  # type: ignore[no-untyped-def]
    from tests.factories import UserFactory

    return UserFactory(username="rev", role="reviewer")


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Launch Debian's headless Chromium through Playwright, once per module."""
    if not CHROMIUM.exists():
        missing_service(
            "needs Chromium at /usr/bin/chromium (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django's guard
    # against ORM calls from async code would refuse the test's plain calls
    # (and the database flush after each test) while it runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class WorkerProcess:
    """A real `celery worker` subprocess on the test database and the real broker."""

    def __init__(self, broker_url: str, db_name: str, *extra: str) -> None:
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        env = {
            **os.environ,
            "CELERY_BROKER_URL": broker_url,
            "DATABASE_URL": _database_url(db_name),
            "FACTCHECK_TESTING": "1",
            "DJANGO_DEBUG": "1",
        }
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "factcheck",
                "worker",
                "-Q",
                "default,imports,notifications",
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                *extra,
            ],
            cwd=ROOT,
            env=env,
            # A file, not a pipe: nobody reads a pipe while the test runs, and a
            # chatty worker would block on a full one.
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def stop(self) -> str:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.seek(0)
        output = self.log.read().decode(errors="replace")
        self.log.close()
        return output


def _database_url(db_name: str) -> str:
    db = settings.DATABASES["default"]
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{db_name}"


@pytest.fixture
def celery_worker_process(
    transactional_db: None, postgres: None, redis_url: str
) -> Iterator[WorkerProcess]:
    """Start a real worker on the test database; purge leftovers first."""
    from django.db import connection

    from factcheck.celery import app, forget_kicks

    with app.connection_for_write() as conn:
        for queue in ("default", "imports", "notifications"):
            conn.default_channel.queue_purge(queue)
    forget_kicks()  # their messages were just purged
    worker = WorkerProcess(redis_url, connection.settings_dict["NAME"])
    yield worker
    output = worker.stop()
    if os.environ.get("FACTCHECK_SHOW_WORKER_LOG"):
        print(output)


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.1):  # type: ignore[no-untyped-def]
    """Poll `predicate` until it returns something truthy; fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout}s waiting for {predicate.__name__}")
