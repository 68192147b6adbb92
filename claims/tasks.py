"""Celery tasks of the review desk: thin, by id, idempotent where they ack late.

`acks_late` with `reject_on_worker_lost` is set only on tasks that are safe to run
twice (a redelivered message after a killed worker runs them again). The daily
digest is not: a second run would mail every editor again, so it acks early.
Transient errors (database or mail server unreachable) are retried with
exponential backoff and jitter; anything else fails and is recorded as a
`sources.FailedTask` by `factcheck.celery`.
"""

import logging
import smtplib
import time
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone

from factcheck.celery import kick_on_commit, publish_on_commit, take_kick
from sources.models import Source

from . import notifications, services, webhooks
from .models import WEBHOOK_EVENT_KINDS, Event, WebhookDelivery, WebhookEndpoint

log = logging.getLogger(__name__)

TRANSIENT = (OperationalError, ConnectionError, TimeoutError, smtplib.SMTPException)
RETRY = {
    "autoretry_for": TRANSIENT,
    "retry_backoff": 2,
    "retry_backoff_max": 120,
    "retry_jitter": True,
    "max_retries": 5,
}
IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True}
# An event whose email keeps failing is given up after this long.
EMAIL_GIVE_UP = timedelta(days=3)


@shared_task(**IDEMPOTENT, **RETRY)
def extract_claims(source_id: int) -> int:
    """Extract the claims of a source; running it twice creates nothing new."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        log.warning("extract_claims: source %s is gone", source_id)
        return 0
    return services.extract_claims(source)


@shared_task(**IDEMPOTENT, **RETRY)
def dispatch_events(batch: int = 100, *, kicked: bool = False) -> int:
    """Send what the outbox holds; beat runs it too, so nothing waits on the broker.

    Rows are claimed with `SELECT … FOR UPDATE SKIP LOCKED`, so two dispatchers
    never handle one event, and a crash before commit leaves the row to retry.
    Webhook events become `WebhookDelivery` rows in the same transaction; an
    assignment email is sent before its row is marked, so a crash in between
    sends it again rather than never.
    """
    if kicked:
        # Before reading: a commit that still finds the kick waiting relies on
        # this run to see its event (`factcheck.celery.kick_on_commit`).
        take_kick("claims.tasks.dispatch_events")
    # Most runs find the outbox empty (beat's, and the kicks of events an earlier
    # run already took): one probe on `event_due_idx` answers that without a
    # transaction or a row lock (bench P10).
    if not Event.objects.filter(dispatched_at__isnull=True).exists():
        return 0
    with transaction.atomic():
        events = list(
            Event.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(dispatched_at__isnull=True)
            .select_related("claim__speaker", "claim__source")
            .order_by("id")[:batch]
        )
        endpoints = list(WebhookEndpoint.objects.filter(active=True))
        done, deliveries = [], []
        for event in events:
            if event.kind == Event.Kind.ASSIGNED:
                if not _send_assignment(event):
                    continue
            elif event.kind in WEBHOOK_EVENT_KINDS:
                deliveries += _plan_deliveries(event, endpoints)
            done.append(event.pk)
        # One delivery (one webhook-id) per (endpoint, event): the unique key
        # makes a re-run after a crash create nothing new.
        WebhookDelivery.objects.bulk_create(deliveries, ignore_conflicts=True)
        Event.objects.filter(pk__in=done).update(dispatched_at=timezone.now())
        if deliveries:
            publish_on_commit(deliver_webhooks)
        if len(done) == batch:
            # A full batch: more may be due, from commits that found this run's
            # kick waiting and so sent none. (Not after a failed email: beat
            # retries those, a kick would only spin on them.)
            kick_on_commit("claims.tasks.dispatch_events")
    return len(done)


def _send_assignment(event: Event) -> bool:
    """Email the assignee; False leaves the event for the next run (unless too old).

    Any other error gives the email up at once (logged), so one bad event
    cannot hold back the outbox behind it.
    """
    try:
        notifications.send_assignment_email(
            event.claim, assignee_id=event.payload["assignee_id"]
        )
    except TRANSIENT as exc:
        if timezone.now() - event.created_at < EMAIL_GIVE_UP:
            log.warning("assignment email of event %s failed: %s", event.pk, exc)
            return False
        log.error("assignment email of event %s given up: %s", event.pk, exc)
    except Exception:
        log.exception("assignment email of event %s given up", event.pk)
    return True


def _plan_deliveries(
    event: Event, endpoints: list[WebhookEndpoint]
) -> list[WebhookDelivery]:
    """Return one delivery, due now, per active endpoint subscribed to the event."""
    now = timezone.now()
    return [
        WebhookDelivery(endpoint=e, event=event, next_attempt_at=now)
        for e in endpoints
        if not e.event_types or event.kind in e.event_types
    ]


@shared_task(**IDEMPOTENT, **RETRY)
def deliver_webhooks(budget: float | None = None) -> int:
    """Send the deliveries that are due; beat runs it every few seconds.

    Each round leases a few due rows (`SKIP LOCKED`), so several workers share
    the load without sending one delivery twice; leased rows not reached
    before the time budget are handed back. Returns how many were attempted.
    """
    timeout = settings.WEBHOOK_TIMEOUT
    batch = settings.WEBHOOK_BATCH
    if budget is None:
        # Stay clear of the soft time limit even if the last send times out.
        budget = max(1.0, settings.CELERY_TASK_SOFT_TIME_LIMIT - timeout - 10)
    deadline = time.monotonic() + budget
    # Long enough to send the whole batch, each send cut off at the timeout.
    lease = timedelta(seconds=batch * (timeout + 5) + 5)
    sent = 0
    while time.monotonic() < deadline:
        ids = webhooks.claim_due_deliveries(limit=batch, lease=lease)
        if not ids:
            break
        try:
            while ids and time.monotonic() < deadline:
                delivery = (
                    WebhookDelivery.objects.select_related(
                        "endpoint", "event__claim__speaker"
                    )
                    .filter(pk=ids.pop(0))
                    .first()
                )
                if delivery is not None:  # its endpoint may have been deleted
                    webhooks.attempt_delivery(delivery)
                    sent += 1
        finally:
            webhooks.release(ids)
    return sent


@shared_task(**RETRY)
def send_daily_digest() -> int:
    """Email editors what is waiting on the desk (beat, once a day)."""
    return notifications.send_daily_digest()
