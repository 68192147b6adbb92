"""Baseline views: what the database and the wire cost anyway, with no framework.

Only `bench.urls` routes to these; production URLs never do.
"""

from django.http import HttpRequest, JsonResponse

from claims.models import Claim

# The fields a consumer gets for one rating, flattened as values() returns them.
RATING_FIELDS = (
    "id",
    "quote",
    "speaker_role",
    "verdict",
    "summary",
    "rated_at",
    "version",
    "updated_at",
    "speaker_id",
    "speaker__name",
    "speaker__role",
    "speaker__affiliation",
    "source_id",
    "source__title",
    "source__url",
    "source__publisher",
    "source__published_at",
)


def ratings_values(request: HttpRequest) -> JsonResponse:
    """Return the first 50 published ratings from values(), as the API's first page."""
    rows = list(
        Claim.objects.published()
        .order_by("updated_at", "id")
        .values(*RATING_FIELDS)[:50]
    )
    return JsonResponse({"results": rows})
