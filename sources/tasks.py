"""Celery tasks of the sources app: imports, by id, safe to run twice."""

import logging
import random

from celery import shared_task

from . import services
from .exceptions import PermanentImportError, TransientImportError
from .models import Import

log = logging.getLogger(__name__)

MAX_RETRIES = 5


@shared_task(
    bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES
)
def run_import(self, import_id: int) -> int | None:  # type: ignore[no-untyped-def]
    """Carry out an import job; retried with backoff only for transient failures."""
    job = Import.objects.filter(pk=import_id).first()
    if job is None:
        return None
    try:
        job = services.run_import(job)
    except TransientImportError as exc:
        if self.request.retries >= MAX_RETRIES:
            services.fail_import(job, exc)
            raise
        # Exponential backoff with jitter; short enough to stay far below the
        # broker's visibility timeout.
        delay = min(300, 2 ** (self.request.retries + 1)) + random.uniform(0, 2)
        raise self.retry(exc=exc, countdown=delay) from exc
    except PermanentImportError as exc:
        services.fail_import(job, exc)
        return None
    return job.source_id
