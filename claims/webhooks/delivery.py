"""One delivery attempt, its log row and its follow-up; due rows leased from the DB."""

import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from sources.exceptions import UnsafeURL
from sources.fetching.client import Connector
from sources.fetching.guard import Resolver

from ..models import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from .signing import signature_header

log = logging.getLogger(__name__)

SNIPPET_CHARS = 500


@dataclass(frozen=True)
class Reply:
    """What a receiver answered: status, headers (lower-case names), start of body."""

    status: int
    headers: Mapping[str, str]
    body: bytes = b""


# send(url, body, headers, timeout) -> Reply; raises UnsafeURL or OSError-like errors.
Sender = Callable[[str, bytes, dict[str, str], float], Reply]


def build_payload(event: Event) -> dict[str, object]:
    """Return the JSON document sent for an event (the same bytes on every attempt)."""
    claim = event.claim
    data = event.payload
    base = settings.FACTCHECK_PUBLISHER_URL.rstrip("/")
    try:
        claimreview = reverse("claim-claimreview", args=[claim.pk])
    except NoReverseMatch:
        claimreview = f"/api/v1/claims/{claim.pk}/claimreview/"
    return {
        "type": event.kind,
        "timestamp": event.created_at.isoformat().replace("+00:00", "Z"),
        "data": {
            "claim_id": claim.pk,
            "status": data.get("status", claim.status),
            "verdict": data.get("verdict", claim.verdict) or None,
            # What the event published; a later correction is its own event.
            "summary": data.get("summary", claim.summary),
            "note": data.get("note", ""),
            "version": data.get("version", claim.version),
            "quote": claim.quote,
            "speaker": claim.speaker.name if claim.speaker is not None else None,
            "url": base + claim.get_absolute_url(),
            "claimreview_url": base + claimreview,
        },
    }


def payload_bytes(event: Event) -> bytes:
    return json.dumps(build_payload(event), ensure_ascii=False, sort_keys=True).encode()


def claim_due_deliveries(*, limit: int, lease: timedelta) -> list[int]:
    """Lease up to `limit` due deliveries to this worker; return their ids.

    `SKIP LOCKED` lets concurrent dispatchers take disjoint rows; pushing
    `next_attempt_at` forward by the lease, in the same short transaction,
    keeps them from taking these rows again while this worker sends. A worker
    that dies mid-send leaves the row due again when the lease ends.
    """
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=WebhookDelivery.Status.PENDING,
                next_attempt_at__lte=now,
                endpoint__active=True,
            )
            .order_by("next_attempt_at", "id")
            .values_list("pk", flat=True)[:limit]
        )
        WebhookDelivery.objects.filter(pk__in=ids).update(next_attempt_at=now + lease)
    return ids


def release(ids: list[int]) -> None:
    """Hand leased but unsent deliveries back, due at once."""
    WebhookDelivery.objects.filter(
        pk__in=ids, status=WebhookDelivery.Status.PENDING
    ).update(next_attempt_at=timezone.now())


def attempt_delivery(
    delivery: WebhookDelivery, *, send: Sender | None = None
) -> WebhookAttempt:
    """Send one signed attempt of a delivery, log it, and schedule what follows.

    Whatever goes wrong, building the request included, ends as a logged
    failed attempt on the schedule, so one bad row cannot wedge the sender.
    """
    reply: Reply | None = None
    error = ""
    refused = False
    started = time.monotonic()
    try:
        body, headers = signed_request(delivery)
        reply = (send or default_sender)(
            delivery.endpoint.url, body, headers, float(settings.WEBHOOK_TIMEOUT)
        )
    except UnsafeURL as exc:
        refused, error = True, str(exc)
    except Exception as exc:  # noqa: BLE001 - any failure is one failed attempt
        error = f"{type(exc).__name__}: {exc}"
    duration_ms = int((time.monotonic() - started) * 1000)
    return _record(delivery, reply, error=error, refused=refused, ms=duration_ms)


def signed_request(delivery: WebhookDelivery) -> tuple[bytes, dict[str, str]]:
    """Return the body and headers of an attempt made now (fresh timestamp)."""
    body = payload_bytes(delivery.event)
    now = timezone.now()
    stamp = int(now.timestamp())
    headers = {
        "content-type": "application/json",
        "user-agent": "factcheck-webhooks/1",
        "webhook-id": delivery.webhook_id,
        "webhook-timestamp": str(stamp),
        "webhook-signature": signature_header(
            delivery.endpoint, delivery.webhook_id, stamp, body, now=now
        ),
    }
    return body, headers


def _record(
    delivery: WebhookDelivery,
    reply: Reply | None,
    *,
    error: str,
    refused: bool,
    ms: int,
) -> WebhookAttempt:
    now = timezone.now()
    attempts = delivery.attempts + 1
    status = WebhookDelivery.Status.PENDING
    next_at: datetime | None = None
    disable = ""
    if reply is not None and 200 <= reply.status < 300:
        status = WebhookDelivery.Status.SUCCEEDED
    elif reply is not None and reply.status == 410:
        status, disable = WebhookDelivery.Status.FAILED, "410 Gone"
    elif refused:
        status, disable = WebhookDelivery.Status.FAILED, "refused by the SSRF guard"
    else:
        if reply is not None and 300 <= reply.status < 400:
            error = "redirect not followed"
        delay = next_delay(attempts, reply)
        if delay is None:
            status = WebhookDelivery.Status.FAILED
        else:
            next_at = now + delay
    with transaction.atomic():
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=status, attempts=attempts, next_attempt_at=next_at, updated_at=now
        )
        delivery.status, delivery.attempts, delivery.next_attempt_at = (
            status,
            attempts,
            next_at,
        )
        if disable:
            WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(
                active=False,
                disabled_reason=f"{disable} ({now:%Y-%m-%d %H:%M} UTC)"[:200],
            )
        attempt = WebhookAttempt.objects.create(
            delivery=delivery,
            response_status=reply.status if reply is not None else None,
            response_snippet=_snippet(reply),
            error=error[:500],
            duration_ms=ms,
            retry_at=next_at,
        )
    log.info(
        "webhook %s attempt %d: %s",
        delivery.webhook_id,
        attempts,
        reply.status if reply is not None else error,
    )
    return attempt


def next_delay(attempts: int, reply: Reply | None) -> timedelta | None:
    """Return the wait before the next attempt, or None once the schedule is spent."""
    schedule = settings.WEBHOOK_RETRY_SCHEDULE
    if attempts > len(schedule):
        return None
    wait = retry_after(reply) if reply is not None else None
    if wait is None:
        wait = float(schedule[attempts - 1])
    return timedelta(seconds=min(wait, settings.WEBHOOK_MAX_RETRY_AFTER))


def retry_after(reply: Reply) -> float | None:
    """Return the receiver's `Retry-After` in seconds (delta or HTTP date), if valid."""
    raw = (reply.headers.get("retry-after") or "").strip()
    if not raw:
        return None
    if raw.isdigit():
        return float(raw)
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - timezone.now()).total_seconds())


def _snippet(reply: Reply | None) -> str:
    if reply is None:
        return ""
    text = reply.body[: SNIPPET_CHARS * 4].decode("utf-8", "replace")
    return text[:SNIPPET_CHARS]


def default_sender(
    url: str,
    body: bytes,
    headers: dict[str, str],
    timeout: float,
    *,
    resolver: Resolver | None = None,
    connector: Connector | None = None,
) -> Reply:
    """POST through the project's only HTTP client, SSRF-checked, never redirected."""
    from sources import fetching

    response = fetching.fetch(
        url,
        resolver=resolver,
        connector=connector,
        method="POST",
        body=body,
        headers=headers,
        accept=None,
        follow_redirects=False,
        raise_for_status=False,
        max_bytes=SNIPPET_CHARS * 4,
        truncate_body=True,  # a long answer is fine; only its start is logged
        timeout=timeout,
    )
    return Reply(
        status=response.status,
        headers={k.lower(): v for k, v in response.headers.items()},
        body=response.body,
    )
