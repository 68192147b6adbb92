"""The Celery app of the fault tests' workers: the project's app plus test-only hooks.

Started as `celery -A tests.pipeline.worker_app worker`, so nothing here is
loaded by a production worker. `FACTCHECK_TEST_BLOCK_IMPORT=<path>` makes the
worker stop in the middle of an import, write `<path>` and wait there to be
killed: inside the transaction that stores the source, or, with
`FACTCHECK_TEST_BLOCK_PHASE=committed`, just after it committed (extraction
already published, the import job not yet marked done). `<path>` holds the pid
of the process running the task; once it exists, imports are not blocked.
"""

import os
import time
from pathlib import Path
from typing import Any

from factcheck.celery import app
from sources.signals import source_imported

__all__ = ["app"]

BLOCK_AT = os.environ.get("FACTCHECK_TEST_BLOCK_IMPORT", "")
BLOCK_PHASE = os.environ.get("FACTCHECK_TEST_BLOCK_PHASE", "transaction")


def _block(sender: Any, *, source_id: int, **kwargs: Any) -> None:
    if Path(BLOCK_AT).exists():
        return  # blocked once already: a redelivered run goes through
    if BLOCK_PHASE == "committed":
        from django.db import transaction

        transaction.on_commit(lambda: _wait_to_be_killed(source_id))
    else:
        _wait_to_be_killed(source_id)


def _wait_to_be_killed(source_id: int) -> None:
    # The process to kill: the pool child that runs the task (or the solo worker).
    Path(BLOCK_AT).write_text(str(os.getpid()))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # the test kills this process long before
        time.sleep(0.1)
    raise RuntimeError("the test never killed the blocked worker")


if BLOCK_AT:
    source_imported.connect(_block, dispatch_uid="test-block-import")


@app.task(
    name="tests.pipeline.always_fails",
    autoretry_for=(ConnectionError,),
    max_retries=2,
    default_retry_delay=0,
)
def always_fails(item_id: int) -> None:
    """Fail with a transient error every time, so the retries run out."""
    raise ConnectionError(f"receiver for item {item_id} unreachable")
