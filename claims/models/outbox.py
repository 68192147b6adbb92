"""The outbox of claim events and the webhook deliveries made from it."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .review import Claim


class Event(models.Model):
    """One claim event, written in the transaction that caused it; beat dispatches it.

    The database, not the broker, is the source of truth: a row with no
    `dispatched_at` is sent again by `claims.tasks.dispatch_events`, so a broker
    restart loses nothing.
    """

    class Kind(models.TextChoices):
        ASSIGNED = "claim.assigned", "Claim assigned"
        RATED = "claim.rated", "Claim rated"
        CORRECTED = "claim.corrected", "Rating corrected"
        REOPENED = "claim.reopened", "Rating reopened"
        DISMISSED = "claim.dismissed", "Claim dismissed"

    kind = models.CharField(max_length=32, choices=Kind)
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="events")
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # The dispatcher's scan: only undispatched rows, oldest first.
            models.Index(
                fields=["id"],
                condition=Q(dispatched_at__isnull=True),
                name="event_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


WEBHOOK_EVENT_KINDS = [
    Event.Kind.RATED,
    Event.Kind.CORRECTED,
    Event.Kind.REOPENED,
    Event.Kind.DISMISSED,
]


class WebhookEndpoint(models.Model):
    """A subscriber's URL, signed with its own secret (Standard Webhooks)."""

    url = models.URLField(max_length=2000)
    description = models.CharField(max_length=200, blank=True)
    secret = models.CharField(max_length=120)
    # During a rotation both secrets sign, until previous_secret_expires_at.
    previous_secret = models.CharField(max_length=120, blank=True)
    previous_secret_expires_at = models.DateTimeField(null=True, blank=True)
    event_types = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    disabled_reason = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event owed to one endpoint; its schedule lives here, not in the broker."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Gave up"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="deliveries"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "webhook deliveries"
        constraints = [
            # One delivery (one webhook-id) per event and endpoint, however often sent.
            models.UniqueConstraint(
                fields=["endpoint", "event"], name="delivery_unique_event"
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="delivery_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.webhook_id} → {self.endpoint}"

    @property
    def webhook_id(self) -> str:
        """Return the id that stays the same across retries (`webhook-id`)."""
        return f"msg_{self.event_id}_{self.endpoint_id}"


class WebhookAttempt(models.Model):
    """One HTTP attempt of a delivery: what was answered, for the admin's eyes."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    at = models.DateTimeField(auto_now_add=True)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    response_snippet = models.CharField(max_length=500, blank=True)
    error = models.CharField(max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    # When the next attempt was scheduled after this one (empty: none follows).
    retry_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.response_status or self.error}"
