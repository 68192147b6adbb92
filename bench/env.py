"""Where the benchmarks run: their own databases and Redis db, never the test ones.

The names derive from DATABASE_URL: `…/factcheck` gives `factcheck_bench` (and
`factcheck_bench_smoke` for `--smoke`), plus a suffix per data set
(`factcheck_bench_10k`, `…_1m`). A name already ending in `_bench` is kept as the
root (`fc_bench` → `fc_bench`, `fc_bench_10k`). Redis uses db
FACTCHECK_BENCH_REDIS_DB (default 15) on the broker's host, with `bench.*` queues.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SETTINGS = "bench.settings"
DEFAULT_REDIS_DB = 15


def base_database_url() -> str:
    """Return DATABASE_URL if it names PostgreSQL, else an empty string."""
    url = os.environ.get("DATABASE_URL", "").strip()
    return url if urlsplit(url).scheme in {"postgres", "postgresql", "pgsql"} else ""


def root_name(url: str, *, smoke: bool) -> str:
    name = urlsplit(url).path.lstrip("/") or "factcheck"
    root = name if name.endswith("_bench") else f"{name}_bench"
    return f"{root}_smoke" if smoke else root


def database_url(base: str, name: str) -> str:
    """Return `base` pointing at database `name` instead."""
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def admin_connect(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=5,
    )


def postgres_problem(url: str) -> str:
    """Return why PostgreSQL at `url` cannot be used, or an empty string."""
    if not url:
        return "needs PostgreSQL: DATABASE_URL is unset or not postgres://"
    try:
        with admin_connect(url):
            return ""
    except Exception as exc:
        return f"needs PostgreSQL: cannot connect ({exc.__class__.__name__})"


def drop_database(url: str) -> None:
    name = database_name(url)
    with admin_connect(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_database(url: str, *, template: str = "") -> None:
    """Create the database named by `url` afresh (dropping an old one)."""
    name = database_name(url)
    drop_database(url)
    with admin_connect(url) as conn:
        clause = f' TEMPLATE "{template}"' if template else ""
        conn.execute(f'CREATE DATABASE "{name}"{clause}')


def database_exists(url: str) -> bool:
    with admin_connect(url) as conn:
        row = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]
        ).fetchone()
    return row is not None


def child_env(db_url: str = "", redis_url: str = "", **extra: str) -> dict[str, str]:
    """Return the environment of a benchmark subprocess: bench settings, DEBUG off."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_DEBUG"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY") or os.urandom(24).hex(),
        DATABASE_CONN_MAX_AGE="600",
        FACTCHECK_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    if db_url:
        env["DATABASE_URL"] = db_url
    if redis_url:
        env["CELERY_BROKER_URL"] = redis_url
    env.update(extra)
    return env


def migrate(db_url: str) -> None:
    """Apply every migration to the database named by `db_url`."""
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=child_env(db_url),
        check=True,
        timeout=600,
    )


def bench_redis_url() -> str:
    """Return the benchmarks' own Redis URL, or an empty string with no broker."""
    broker = os.environ.get("CELERY_BROKER_URL", "").strip()
    if not broker.startswith("redis"):
        return ""
    parts = urlsplit(broker)
    db = os.environ.get("FACTCHECK_BENCH_REDIS_DB", str(DEFAULT_REDIS_DB))
    return urlunsplit((parts.scheme, parts.netloc, f"/{int(db)}", "", ""))


def redis_problem(url: str) -> str:
    """Return why Redis at `url` cannot be used, or an empty string."""
    if not url:
        return "needs Redis: CELERY_BROKER_URL is unset or not redis://"
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return ""
    except OSError:
        return f"needs Redis: nothing answers at {parts.hostname}:{parts.port}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, *, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False
