"""The Celery application; configured from Django settings prefixed CELERY_."""

import json
import logging
import os
from importlib import import_module
from typing import Any

from celery import Celery, Task
from celery.signals import task_failure

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

log = logging.getLogger(__name__)


def enqueue_on_commit(task_path: str, *args: object) -> None:
    """Send the task named by its dotted path once the current transaction commits.

    Services call this instead of importing their app's `tasks` module, which
    imports them: the dependency stays one-way and the task is never published
    for a transaction that rolls back.
    """
    module_path, _, name = task_path.rpartition(".")
    publish_on_commit(getattr(import_module(module_path), name), *args)


def publish_on_commit(task: Task, *args: object) -> None:
    """Publish `task` after commit; a broker outage is logged, never raised.

    The work is already saved as a row in PostgreSQL (an outbox `Event`, a due
    `WebhookDelivery`, a queued `Import`), so the user who caused it must not
    see an error. Beat finds events and deliveries again by itself; a queued
    `Import` whose message was lost needs a periodic re-send of stale queued
    jobs on the import side.
    """
    from django.db import transaction

    def publish() -> None:
        try:
            task.delay(*args)
        except Exception:  # noqa: BLE001 - kombu raises many kinds when Redis is down
            log.warning("broker unreachable: %s%r left for beat", task.name, args)

    transaction.on_commit(publish)


@task_failure.connect
def record_failed_task(
    sender: Task | None = None,
    task_id: str | None = None,
    exception: BaseException | None = None,
    args: Any = None,
    kwargs: Any = None,
    **_: Any,
) -> None:
    """Keep a task that failed after its last retry, for editors to see and retry.

    Celery sends `task_failure` only when a task gives up: a retry raises
    `Retry` and sends `task_retry` instead.
    """
    from sources.models import FailedTask

    name = getattr(sender, "name", None) or "unknown"
    try:
        FailedTask.objects.create(
            task_name=name[:200],
            task_id=(task_id or "")[:64],
            args=_jsonable(list(args or [])),
            kwargs=_jsonable(dict(kwargs or {})),
            error=f"{type(exception).__name__}: {exception}"[:5000],
        )
    except Exception:  # noqa: BLE001 - recording must never mask the task's own error
        log.exception("could not record the failure of %s[%s]", name, task_id)


def _jsonable(value: Any) -> Any:
    """Return `value` if JSON can hold it (tasks take ids), else its repr."""
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)
    return value
