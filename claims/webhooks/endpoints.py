"""Webhook endpoints: registration behind the SSRF guard, and secret rotation."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from sources.fetching.guard import Resolver

from ..models import WebhookEndpoint
from .signing import generate_secret


def check_endpoint_url(url: str, *, resolver: Resolver | None = None) -> None:
    """Refuse a URL the SSRF guard would never connect to, or that has no address.

    Raises `UnsafeURL`, or `TransientImportError` when the name does not resolve.
    """
    from sources.fetching import check_url

    check_url(url, resolver=resolver)


def create_endpoint(
    *,
    url: str,
    actor: Any,
    event_types: list[str] | None = None,
    description: str = "",
    resolver: Resolver | None = None,
) -> WebhookEndpoint:
    """Register a subscriber after the SSRF guard accepts its URL; a secret is made."""
    check_endpoint_url(url, resolver=resolver)
    return WebhookEndpoint.objects.create(
        url=url,
        description=description,
        secret=generate_secret(),
        event_types=list(event_types or []),
        created_by=actor,
    )


def rotate_secret(
    endpoint: WebhookEndpoint, *, overlap: timedelta | None = None
) -> WebhookEndpoint:
    """Give the endpoint a new secret; the old one still signs during the overlap."""
    if overlap is None:
        overlap = timedelta(hours=settings.WEBHOOK_SECRET_OVERLAP_HOURS)
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = timezone.now() + overlap
    endpoint.secret = generate_secret()
    endpoint.save(
        update_fields=["secret", "previous_secret", "previous_secret_expires_at"]
    )
    return endpoint
