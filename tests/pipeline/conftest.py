"""Fixtures of the pipeline tests: a private Redis with real workers to start."""

import shutil

import pytest
from django.db import connection

from tests.conftest import missing_service
from tests.pipeline.harness import RedisServer, Worker, publishing_to, workdir

VISIBILITY_TIMEOUT = 8
RESTORE_INTERVAL = 1
FAST = {
    "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
    "CELERY_UNACKED_RESTORE_INTERVAL": str(RESTORE_INTERVAL),
    "FACTCHECK_OUTBOX_POLL_SECONDS": "1",
    "FACTCHECK_WEBHOOK_POLL_SECONDS": "1",
}


@pytest.fixture
def stack(transactional_db, postgres, settings):  # type: ignore[no-untyped-def]
    """A private Redis, this process publishing to it, and workers to start."""
    if shutil.which("redis-server") is None:
        missing_service("needs redis-server on PATH to start a private Redis")
    settings.FETCH_ALLOW_LOOPBACK_FOR_TESTS = True
    with workdir() as tmp:
        redis = RedisServer(tmp)
        redis.start()
        workers: list[Worker] = []

        def start_worker(name: str, **env: str) -> Worker:
            worker = Worker(
                redis.url,
                connection.settings_dict["NAME"],
                tmp,
                name,
                **{**FAST, **env},
            )
            workers.append(worker)
            return worker

        try:
            with publishing_to(redis.url):
                yield redis, start_worker
        finally:
            for worker in workers:
                worker.stop()
                # Shown by pytest only when the test failed.
                out = worker.output()
                lost = [x for x in out.splitlines() if "onnect" in x][:6]
                print(f"---- {worker.log_path.name}\n", *lost, out[-6000:], sep="\n")
            redis.stop()
