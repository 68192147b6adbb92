"""The Celery application; configured from Django settings prefixed CELERY_."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def enqueue_on_commit(task_path: str, *args: object) -> None:
    """Send the task named by its dotted path once the current transaction commits.

    Services call this instead of importing their app's `tasks` module, which
    imports them: the dependency stays one-way and the task is never published
    for a transaction that rolls back.
    """
    from importlib import import_module

    module_path, _, name = task_path.rpartition(".")
    task = getattr(import_module(module_path), name)
    task.delay_on_commit(*args)
