"""Webhooks per Standard Webhooks: secrets, signatures, payloads, one attempt, retries.

A delivery is one event owed to one endpoint (`WebhookDelivery`, its `webhook_id`
the same on every attempt). Its schedule lives in PostgreSQL (`next_attempt_at`),
never in broker countdowns: `claim_due_deliveries` leases due rows with
`SELECT … FOR UPDATE SKIP LOCKED`, `attempt_delivery` sends one signed POST and
records what happened. Only a 2xx succeeds; redirects are failures and are never
followed; `410 Gone` disables the endpoint; `Retry-After` sets the next attempt,
otherwise `settings.WEBHOOK_RETRY_SCHEDULE` does, until it runs out.
"""

from .delivery import (
    Reply,
    Sender,
    attempt_delivery,
    build_payload,
    claim_due_deliveries,
    default_sender,
    next_delay,
    payload_bytes,
    release,
    retry_after,
)
from .endpoints import check_endpoint_url, create_endpoint, rotate_secret
from .signing import SECRET_PREFIX, generate_secret, sign, signature_header

__all__ = [
    "SECRET_PREFIX",
    "Reply",
    "Sender",
    "attempt_delivery",
    "build_payload",
    "check_endpoint_url",
    "claim_due_deliveries",
    "create_endpoint",
    "default_sender",
    "generate_secret",
    "next_delay",
    "payload_bytes",
    "release",
    "retry_after",
    "rotate_secret",
    "sign",
    "signature_header",
]
