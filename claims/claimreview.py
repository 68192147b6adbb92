"""Build schema.org ClaimReview data for published ratings, and embed it in HTML safely.

`claim_review(claim)` returns a plain dict following Google's fact-check structured
data (required: claimReviewed, reviewRating, url; recommended: author,
datePublished, itemReviewed with its author, datePublished and appearance).
`data_feed(claims)` wraps many in a schema.org `DataFeed`. `json_ld_script(claim)`
returns a `<script type="application/ld+json">` element whose JSON escapes `<`, `>`
and `&`, so a quote containing `</script>` cannot end the element early.

The builders read only the claim and the relations a list already loads
(speaker, source, revisions); they run no query of their own when those are
prefetched (`Claim.objects.for_lists().prefetch_related("revisions")`).
"""

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .models import Claim
from .weblinks import http_url

CLAIM_REVIEWED_MAX = 75
BEST_RATING = 5
WORST_RATING = 1
CONTEXT = "https://schema.org"

# The same escapes as django.utils.html.json_script: inside <script> the HTML
# parser looks only for "</script"; escaping < > & makes that impossible.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def shorten(text: str, limit: int = CLAIM_REVIEWED_MAX) -> str:
    """Return `text` in at most `limit` characters, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = head.rfind(" ")
    # Cut at the last whole word (unless the head already ends on one); a single
    # overlong word is cut where it must be.
    if text[len(head)] != " " and cut > limit // 3:
        head = head[:cut]
    return head.rstrip(" ,;:.-–—") + "…"


def claim_review(claim: Claim, *, context: bool = True) -> dict[str, Any]:
    """Return the ClaimReview of a rated claim as a JSON-ready dict."""
    review: dict[str, Any] = {}
    if context:
        review["@context"] = CONTEXT
    review["@type"] = "ClaimReview"
    review["url"] = review_url(claim)
    review["claimReviewed"] = shorten(claim.quote)
    review["reviewRating"] = rating(claim)
    review["author"] = publisher()
    published, modified = _dates(claim)
    if published:
        review["datePublished"] = _date(published)
    if modified and published and modified > published:
        review["dateModified"] = _date(modified)
    review["itemReviewed"] = item_reviewed(claim)
    return review


def rating(claim: Claim) -> dict[str, Any]:
    """Return the `Rating`; "unproven" has a name but no number on the scale."""
    result: dict[str, Any] = {"@type": "Rating"}
    value = claim.rating_value
    if value is not None:
        result["ratingValue"] = value
        result["bestRating"] = BEST_RATING
        result["worstRating"] = WORST_RATING
    result["alternateName"] = Claim.Verdict(claim.verdict).label
    return result


def publisher() -> dict[str, Any]:
    """Return the publishing organisation named in settings."""
    return {
        "@type": "Organization",
        "name": settings.FACTCHECK_PUBLISHER_NAME,
        "url": settings.FACTCHECK_PUBLISHER_URL,
    }


def review_url(claim: Claim) -> str:
    """Return the public page of the claim's review (it carries this markup)."""
    base = settings.FACTCHECK_PUBLISHER_URL.rstrip("/")
    return base + reverse("fact-check", args=[claim.pk])


def item_reviewed(claim: Claim) -> dict[str, Any]:
    """Return the reviewed `Claim`: who said it, when, and where it appeared."""
    item: dict[str, Any] = {"@type": "Claim"}
    speaker = claim.speaker
    if speaker is not None:
        person: dict[str, Any] = {"@type": "Person", "name": speaker.name}
        job = claim.speaker_role or speaker.role
        if job:
            person["jobTitle"] = job
        item["author"] = person
    source = claim.source
    when = source.published_at or source.created_at
    if when:
        item["datePublished"] = _date(when)
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    # Consumers turn this into a link: only a web address, never `javascript:`.
    if url := http_url(source.url) or http_url(source.canonical_url):
        appearance["url"] = url
    if source.title:
        appearance["headline"] = source.title
    if source.publisher:
        appearance["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.published_at:
        appearance["datePublished"] = _date(source.published_at)
    item["appearance"] = [appearance]
    item["firstAppearance"] = appearance
    return item


def data_feed(claims: Iterable[Claim]) -> dict[str, Any]:
    """Return a schema.org `DataFeed` holding the ClaimReview of each claim."""
    elements = [claim_review(c, context=False) for c in claims]
    feed: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "DataFeed",
        "name": f"{settings.FACTCHECK_PUBLISHER_NAME} fact checks",
        "publisher": publisher(),
        "dataFeedElement": elements,
    }
    return feed


def dumps(data: Any) -> str:
    """Return `data` as compact JSON-LD text (UTF-8, not ASCII-escaped)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def json_ld_script(claim: Claim) -> SafeString:
    """Return the claim's ClaimReview as a `<script type="application/ld+json">`."""
    return script_for(claim_review(claim))


def script_for(data: Any) -> SafeString:
    """Return `data` as a JSON-LD `<script>` element that no value can break out of."""
    escaped = dumps(data).translate(_SCRIPT_ESCAPES)
    # Safe to mark: every <, > and & of the (imported) text is escaped above.
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(escaped),  # noqa: S308
    )


def _dates(claim: Claim) -> tuple[datetime | None, datetime | None]:
    """Return when the rating was published and when it was last corrected.

    A correction keeps `rated_at`; each publication or correction leaves a
    revision, so the newest revision dates the last change.
    """
    stamps = [r.created_at for r in claim.revisions.all()]
    published = claim.rated_at or (min(stamps) if stamps else None)
    return published, max(stamps) if stamps else None


def _date(value: datetime) -> str:
    return value.isoformat()
