"""The Celery application; configured from Django settings prefixed CELERY_."""

import json
import logging
import os
from functools import cache
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


def kick_on_commit(task_path: str) -> None:
    """After commit, send `task_path(kicked=True)` unless a kick of it still waits.

    For a task that drains a table (the outbox dispatcher): a kick still in the
    queue will read the table after this commit anyway, so a second one would
    only repeat its work, and bulk moves would pay a publish each. A waiting
    kick is a Redis key set with `SET NX` before publishing; the task deletes
    it (`take_kick`) as it starts, before it reads, so a commit that finds the
    key set is seen by that kick's run. The key expires after the beat period
    (`FACTCHECK_OUTBOX_POLL_SECONDS`): a kick lost after its key was set delays
    events by at most that, as a lost kick always could. Without Redis as the
    broker (eager mode, AMQP) every commit kicks.
    """
    module_path, _, name = task_path.rpartition(".")
    task = getattr(import_module(module_path), name)
    from django.conf import settings
    from django.db import transaction

    def publish() -> None:
        try:
            waiting = _kicks()
            if waiting is not None and not waiting.set(
                _kick_key(task_path), 1, nx=True, ex=settings.OUTBOX_POLL_SECONDS
            ):
                return
            task.delay(kicked=True)
        except Exception:  # noqa: BLE001 - kombu and redis raise many kinds when down
            log.warning("broker unreachable: kick of %s left for beat", task.name)

    transaction.on_commit(publish)


def take_kick(task_path: str) -> None:
    """Mark the kick of `task_path` as taken, so the next commit kicks again."""
    try:
        if (waiting := _kicks()) is not None:
            waiting.delete(_kick_key(task_path))
    except Exception:  # noqa: BLE001 - the key expires by itself
        log.warning("could not clear the kick of %s", task_path)


def forget_kicks() -> None:
    """Forget every waiting kick (after purging the queues that held them)."""
    if (waiting := _kicks()) is not None:
        for key in waiting.scan_iter(_kick_key("*")):
            waiting.delete(key)


def _kick_key(task_path: str) -> str:
    return f"factcheck:kick:{task_path}"


def _kicks() -> Any:
    """Return a Redis client on the broker's database, or None if it is not Redis."""
    url = app.conf.broker_write_url or app.conf.broker_url
    if app.conf.task_always_eager or not url.startswith("redis"):
        return None
    return _redis(url)


@cache
def _redis(url: str) -> Any:
    import redis

    # Short timeouts: a dead broker must not hold up the request that committed.
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


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
