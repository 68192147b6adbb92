"""The claims app's models, in three modules: review, outbox and access."""

from .access import ApiKey, hash_key
from .outbox import (
    WEBHOOK_EVENT_KINDS,
    Event,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from .review import (
    VERDICT_SCALE,
    Claim,
    ClaimAssignment,
    ClaimQuerySet,
    ClaimTransition,
    Evidence,
    RatingRevision,
    Speaker,
    SpeakerAlias,
)

__all__ = [
    "VERDICT_SCALE",
    "WEBHOOK_EVENT_KINDS",
    "ApiKey",
    "Claim",
    "ClaimAssignment",
    "ClaimQuerySet",
    "ClaimTransition",
    "Event",
    "Evidence",
    "RatingRevision",
    "Speaker",
    "SpeakerAlias",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "hash_key",
]
