"""Celery tasks of the review desk: thin, by id, idempotent."""

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from sources.models import Source

from . import notifications, services
from .models import WEBHOOK_EVENT_KINDS, Event, WebhookDelivery, WebhookEndpoint

log = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def extract_claims(source_id: int) -> int:
    """Extract the claims of a source; running it twice creates nothing new."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        log.warning("extract_claims: source %s is gone", source_id)
        return 0
    return services.extract_claims(source)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def dispatch_events(batch: int = 100) -> int:
    """Send what the outbox holds; beat runs it too, so nothing waits on the broker.

    Rows are claimed with `SELECT … FOR UPDATE SKIP LOCKED`, so two dispatchers
    never handle one event, and a crash before commit leaves the row to retry.
    """
    handled = 0
    with transaction.atomic():
        events = list(
            Event.objects.select_for_update(skip_locked=True)
            .filter(dispatched_at__isnull=True)
            .select_related("claim")
            .order_by("id")[:batch]
        )
        endpoints = list(WebhookEndpoint.objects.filter(active=True))
        for event in events:
            if event.kind == Event.Kind.ASSIGNED:
                send_assignment_email.delay_on_commit(event.pk)
            elif event.kind in WEBHOOK_EVENT_KINDS:
                _plan_deliveries(event, endpoints)
            event.dispatched_at = timezone.now()
            event.save(update_fields=["dispatched_at"])
            handled += 1
    return handled


def _plan_deliveries(event: Event, endpoints: list[WebhookEndpoint]) -> None:
    wanted = [e for e in endpoints if not e.event_types or event.kind in e.event_types]
    WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(endpoint=e, event=event, next_attempt_at=timezone.now())
            for e in wanted
        ],
        ignore_conflicts=True,
    )


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_assignment_email(event_id: int) -> bool:
    """Email the assignee named by an outbox event."""
    event = Event.objects.select_related("claim__speaker", "claim__source").get(
        pk=event_id
    )
    return notifications.send_assignment_email(
        event.claim, assignee_id=event.payload["assignee_id"]
    )


@shared_task
def send_daily_digest() -> int:
    """Email editors what is waiting on the desk."""
    return notifications.send_daily_digest()
