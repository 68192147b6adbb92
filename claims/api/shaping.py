"""Ratings feed items from `values()` rows, shaped as `RatingSerializer` would."""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Any

import orjson
from django.db import connections
from django.db.models import JSONField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

from ..models import VERDICT_SCALE, Claim, RatingRevision

# The columns of one feed item: the claim, its speaker and its article, one query.
RATING_COLUMNS = (
    "id",
    "quote",
    "speaker_role",
    "status",
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
    "source__canonical_url",
    "source__publisher",
    "source__published_at",
)
REVISION_COLUMNS = ("claim_id", "verdict", "summary", "note", "created_at")
# On PostgreSQL each claim's revisions come with the page, as one JSON array per
# row. Written as SQL: the same subquery through the ORM (an ArraySubquery of a
# JSONObject) took longer to compile, on every request, than the second query
# it replaced (1.2 ms against 0.5 ms for the page without it).
REVISIONS_JSON = """
SELECT coalesce(jsonb_agg(jsonb_build_object(
    'verdict', r.verdict, 'summary', r.summary, 'note', r.note,
    'created_at', r.created_at
) ORDER BY r.created_at, r.id), '[]')
FROM claims_ratingrevision r WHERE r.claim_id = claims_claim.id
"""

RATED = Claim.Status.RATED.value
LABELS = {v.value: str(v.label) for v in Claim.Verdict}


def iso(value: datetime | None, zone: tzinfo | None = None) -> str | None:
    """Return `value` as DRF's DateTimeField writes it (current zone, `Z` for UTC).

    A page passes the current `zone` once rather than looking it up per value.
    """
    if not value:
        return None
    return as_stored(value.astimezone(zone or timezone.get_current_timezone()))


def as_stored(value: datetime | None) -> str | None:
    """Return `value` as DRF's JSON encoder writes it (no zone change, `Z` for UTC).

    The serializer's `rating` is a method field returning a dict, so its
    `rated_at` reaches the encoder as a datetime, not through DateTimeField.
    """
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def rating_rows(queryset: QuerySet[Claim], *, revisions: bool = True) -> QuerySet[Any]:
    """Return `queryset` as the feed's `values()` rows, speaker and source joined.

    On PostgreSQL each row also carries its claim's revisions (`revision_list`)
    unless `revisions` is false, so a page is one query; otherwise
    `rating_items` fetches them with a second.
    """
    if not revisions or connections[queryset.db].vendor != "postgresql":
        return queryset.values(*RATING_COLUMNS)
    listed = RawSQL(REVISIONS_JSON, (), output_field=JSONField())  # noqa: S611
    return queryset.values(*RATING_COLUMNS, revision_list=listed)


def revision_item(
    verdict: str, summary: str, note: str, created_at: datetime, zone: tzinfo
) -> dict[str, Any]:
    """Return one revision as RatingSerializer has it."""
    return {
        "verdict": verdict,
        "rating_value": VERDICT_SCALE.get(verdict),
        "summary": summary,
        "note": note,
        "created_at": iso(created_at, zone),
    }


def listed_revisions(row: Mapping[str, Any], zone: tzinfo) -> list[dict[str, Any]]:
    """Return the shaped revisions a PostgreSQL row carries (times as ISO text)."""
    return [
        revision_item(
            r["verdict"],
            r["summary"],
            r["note"],
            datetime.fromisoformat(r["created_at"]),
            zone,
        )
        for r in row["revision_list"]
    ]


def revisions_by_claim(
    claim_ids: Iterable[int], zone: tzinfo | None = None
) -> dict[int, list[dict[str, Any]]]:
    """Return the shaped revisions of `claim_ids`, oldest first, in one query."""
    zone = zone or timezone.get_current_timezone()
    by_claim: dict[int, list[dict[str, Any]]] = {}
    ids = list(claim_ids)
    if not ids:
        return by_claim
    rows = (
        RatingRevision.objects.filter(claim_id__in=ids)
        .order_by("created_at", "id")
        .values_list(*REVISION_COLUMNS)
    )
    for claim_id, verdict, summary, note, created_at in rows:
        by_claim.setdefault(claim_id, []).append(
            revision_item(verdict, summary, note, created_at, zone)
        )
    return by_claim


def rating_item(
    row: Mapping[str, Any],
    revisions: Sequence[dict[str, Any]],
    claims_url: str,
    zone: tzinfo | None = None,
) -> dict[str, Any]:
    """Return one feed item from a `rating_rows()` row, as RatingSerializer has it."""
    pk = row["id"]
    rated = row["status"] == RATED
    speaker_id = row["speaker_id"]
    verdict = row["verdict"]
    zone = zone or timezone.get_current_timezone()
    return {
        "id": pk,
        "url": f"{claims_url}{pk}/",
        "claimreview_url": f"{claims_url}{pk}/claimreview/" if rated else None,
        "withdrawn": not rated,
        "quote": row["quote"],
        "speaker": None
        if speaker_id is None
        else {
            "id": speaker_id,
            "name": row["speaker__name"],
            "role": row["speaker__role"],
            "affiliation": row["speaker__affiliation"],
        },
        "speaker_role": row["speaker_role"],
        "source": {
            "id": row["source_id"],
            "title": row["source__title"],
            "url": row["source__url"] or row["source__canonical_url"],
            "publisher": row["source__publisher"],
            "published_at": iso(row["source__published_at"], zone),
        },
        "rating": {
            "verdict": verdict,
            "label": LABELS[verdict],
            "rating_value": VERDICT_SCALE.get(verdict),
            "summary": row["summary"],
            "rated_at": as_stored(row["rated_at"]),
        }
        if rated
        else None,
        "revisions": list(revisions),
        "version": row["version"],
        "updated_at": iso(row["updated_at"], zone),
    }


def rating_items(rows: Sequence[Mapping[str, Any]], claims_url: str) -> list[dict]:
    """Return the feed items of a page of `rating_rows()` rows."""
    zone = timezone.get_current_timezone()
    if rows and "revision_list" in rows[0]:
        revisions = {row["id"]: listed_revisions(row, zone) for row in rows}
    else:  # one more query, for the page's revisions
        revisions = revisions_by_claim((row["id"] for row in rows), zone)
    return [
        rating_item(row, revisions.get(row["id"], ()), claims_url, zone) for row in rows
    ]


_encoder = JSONEncoder()
_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME


class OrjsonRenderer(JSONRenderer):
    """DRF's JSON output, written by orjson; `; indent=` requests fall back to DRF."""

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if data is None:
            return b""
        if self.get_indent(accepted_media_type or "", renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        out = orjson.dumps(data, default=_encoder.default, option=_OPTIONS)
        # As DRF does: U+2028/U+2029 are valid JSON but end a line in JavaScript.
        if b"\xe2\x80\xa8" in out or b"\xe2\x80\xa9" in out:
            out = out.replace(b"\xe2\x80\xa8", b"\\u2028").replace(
                b"\xe2\x80\xa9", b"\\u2029"
            )
        return out
