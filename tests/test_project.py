"""The project's shape: settings from the environment, deployment files."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def run_django(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "FACTCHECK_"))
    }
    clean.pop("DATABASE_URL", None)
    clean.pop("CELERY_BROKER_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DJANGO_DEBUG", "maybe"),
        ("DATABASE_CONN_MAX_AGE", "soon"),
        ("DATABASE_URL", "mysql://x@y/z"),
        ("CELERY_BROKER_URL", "http://127.0.0.1:6379"),
        ("FACTCHECK_FETCH_MAX_BYTES", "-5"),
    ],
)
def test_a_malformed_setting_stops_start_up_naming_the_variable(name: str, value: str):
    env = {"DJANGO_DEBUG": "1", "DATABASE_URL": "postgres://u@127.0.0.1:1/x"}
    result = run_django("check", **{**env, name: value})
    assert result.returncode != 0
    assert name in result.stderr


def test_secret_key_is_required_when_debug_is_off():
    result = run_django("check", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_production_values_pass_the_deploy_check():
    result = run_django(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a" * 20 + "-production-like-secret-" + "x1y2z3" * 5,
        DJANGO_ALLOWED_HOSTS="factcheck.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_compose_file_names_real_commands_for_every_service():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    assert "gunicorn factcheck.wsgi:application" in services["web"]["command"]
    assert "celery -A factcheck worker" in services["worker"]["command"]
    assert "celery -A factcheck beat" in services["beat"]["command"]
    for name in ("db", "redis", "web", "worker"):
        assert services[name]["healthcheck"]["test"]
    assert {"pgdata", "redisdata"} <= set(compose["volumes"])
    # The names in those commands exist in the project.
    from factcheck.celery import app
    from factcheck.wsgi import application

    assert callable(application)
    assert app.main == "factcheck"
    queues = services["worker"]["command"].split("-Q ")[1].split()[0].split(",")
    from django.conf import settings

    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert routed <= set(queues)


def test_procfile_runs_web_worker_and_beat():
    lines = dict(
        line.split(": ", 1) for line in (ROOT / "Procfile").read_text().splitlines()
    )
    assert set(lines) == {"web", "worker", "beat"}
    assert lines["worker"].startswith("celery -A factcheck worker")


def test_make_run_creates_a_missing_database(postgres, monkeypatch):
    import psycopg
    from django.conf import settings

    from factcheck import createdb

    db = settings.DATABASES["default"]
    name = "factcheck_createdb_check"
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    admin = {"host": host, "port": port, "user": db.get("USER") or "postgres"}
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        monkeypatch.setenv(
            "DATABASE_URL", f"postgres://{admin['user']}@{host}:{port}/{name}"
        )
        createdb.main()
        createdb.main()  # a second run finds it and does nothing
        found = conn.execute(
            "SELECT count(*) FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        conn.execute(f'DROP DATABASE "{name}"')
    assert found == (1,)
