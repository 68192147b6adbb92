"""Celery tasks of the sources app: imports, by id, safe to run twice."""

import logging
import random
from datetime import timedelta

from celery import shared_task
from django.conf import settings

from . import services
from .exceptions import ImportFailed, PermanentImportError, TransientImportError
from .models import Feed, Import

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


@shared_task(acks_late=True, reject_on_worker_lost=True)
def poll_feeds() -> int:
    """Queue a poll of every active feed (beat runs this; see `poll-feeds`)."""
    feed_ids = list(Feed.objects.filter(active=True).values_list("pk", flat=True))
    for feed_id in feed_ids:
        poll_feed.delay(feed_id)
    return len(feed_ids)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def poll_feed(feed_id: int) -> int:
    """Poll one feed; a failure is kept on the feed and the next beat tries again."""
    feed = Feed.objects.filter(pk=feed_id, active=True).first()
    if feed is None:
        return 0
    try:
        return services.poll_feed(feed)
    except ImportFailed as exc:
        # Recorded as `Feed.last_error`, shown in the admin; beat is the retry.
        log.warning("feed %s: %s", feed.url, exc)
        return 0


@shared_task
def resend_stale_imports() -> int:
    """Publish again the import jobs whose message was lost (beat: `resend-imports`)."""
    ids = services.resend_stale_imports(
        queued_for=timedelta(seconds=settings.IMPORT_RESEND_AFTER),
        running_for=timedelta(seconds=settings.IMPORT_RESEND_RUNNING_AFTER),
    )
    if ids:
        log.warning("re-sent %d stale import jobs: %s", len(ids), ids)
    return len(ids)
