"""Standard Webhooks signing: endpoint secrets and `webhook-signature` values."""

import base64
import hashlib
import hmac
import secrets
from datetime import datetime

from ..models import WebhookEndpoint

SECRET_PREFIX = "whsec_"  # noqa: S105 - the scheme's marker, not a secret


def generate_secret() -> str:
    """Return a new endpoint secret: `whsec_` and base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """Return `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">` for one secret."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signature_header(
    endpoint: WebhookEndpoint,
    msg_id: str,
    timestamp: int,
    body: bytes,
    *,
    now: datetime,
) -> str:
    """Sign with the current secret, and with the previous one while it overlaps."""
    signatures = [sign(endpoint.secret, msg_id, timestamp, body)]
    if endpoint.previous_secret and (
        endpoint.previous_secret_expires_at is not None
        and endpoint.previous_secret_expires_at > now
    ):
        signatures.append(sign(endpoint.previous_secret, msg_id, timestamp, body))
    return " ".join(signatures)
