"""The ClaimReview preview on a rated claim's page."""

from importlib import import_module
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from ..models import Claim


def claimreview_preview(claim: Claim, request: HttpRequest) -> dict[str, Any]:
    """Return the schema.org ClaimReview the API publishes for `claim`.

    The API's builder (`claims.claimreview`) is the one source of truth; until it
    exists this shows the required fields the same way.
    """
    try:
        builder = import_module("claims.claimreview")
    except ImportError:
        builder = None
    for name in ("claim_review", "build_claim_review", "build"):
        if builder is not None and callable(getattr(builder, name, None)):
            return getattr(builder, name)(claim)
    return _fallback(claim, request)


def _fallback(claim: Claim, request: HttpRequest) -> dict[str, Any]:
    quote = claim.quote if len(claim.quote) <= 75 else claim.quote[:74] + "…"
    rating: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": claim.get_verdict_display(),
    }
    if claim.rating_value is not None:
        rating.update(ratingValue=claim.rating_value, bestRating=5, worstRating=1)
    item: dict[str, Any] = {"@type": "Claim"}
    if claim.speaker is not None:
        item["author"] = {"@type": "Person", "name": claim.speaker.name}
    if claim.source.url:
        item["appearance"] = {"@type": "CreativeWork", "url": claim.source.url}
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": request.build_absolute_uri(claim.get_absolute_url()),
        "claimReviewed": quote,
        "author": {
            "@type": "Organization",
            "name": settings.FACTCHECK_PUBLISHER_NAME,
            "url": settings.FACTCHECK_PUBLISHER_URL,
        },
        "datePublished": claim.rated_at.date().isoformat() if claim.rated_at else None,
        "reviewRating": rating,
        "itemReviewed": item,
    }
