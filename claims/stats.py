"""The desk's figures, each one SQL aggregate whatever the number of claims."""

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import Claim, ClaimTransition, RatingRevision

Status = Claim.Status
DAYS = 30


def status_counts() -> dict[str, int]:
    """Return the number of claims in every status (zero for the empty ones)."""
    counts = dict.fromkeys(Status.values, 0)
    for row in Claim.objects.values("status").annotate(n=Count("id")).order_by():
        counts[row["status"]] = row["n"]
    return counts


def oldest(status: str) -> Claim | None:
    """Return the claim that has waited longest in `status`, or None."""
    # claim_queue_idx (status, created_at) serves this scan; the age shown is the
    # time since the claim entered its status.
    return (
        Claim.objects.filter(status=status)
        .select_related("speaker", "source")
        .only(
            "id",
            "quote",
            "status",
            "created_at",
            "status_changed_at",
            "speaker__name",
            "source__title",
        )
        .order_by("created_at", "id")
        .first()
    )


@dataclass(frozen=True)
class DailySeries:
    """Claims imported, sourced and rated on each of the last `DAYS` days."""

    days: list[dt.date]
    imported: list[int]
    sourced: list[int]
    rated: list[int]


def daily_activity(now: dt.datetime | None = None, days: int = DAYS) -> DailySeries:
    """Return per-day counts over the last `days` days, today included."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    first = today - dt.timedelta(days=days - 1)
    since = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    dates = [first + dt.timedelta(days=i) for i in range(days)]

    def per_day(qs: Any, field: str) -> list[int]:
        rows = (
            qs.filter(**{f"{field}__gte": since})
            .annotate(day=TruncDate(field))
            .values("day")
            .annotate(n=Count("id"))
            .order_by()
        )
        by_day = {row["day"]: row["n"] for row in rows}
        return [by_day.get(d, 0) for d in dates]

    transitions = ClaimTransition.objects.all()
    return DailySeries(
        days=dates,
        imported=per_day(Claim.objects.all(), "created_at"),
        sourced=per_day(transitions.filter(action="claim.mark_sourced"), "at"),
        rated=per_day(transitions.filter(action="claim.rate"), "at"),
    )


@dataclass(frozen=True)
class StateTime:
    """How long claims stayed in one status before leaving it, in seconds."""

    status: str
    count: int
    median: float
    p90: float

    @property
    def label(self) -> str:
        return Status(self.status).label


# Every stay in a status that ended within the window: from the claim's previous
# move (or its creation, for its first stay) to the move that left the status.
# Corrections (rated → rated) neither end nor start a stay. The previous move is
# looked up per recent move (claim_id index), so the cost follows the window's
# moves, not the whole history.
_STAYS = """
    SELECT t.from_status AS status, t.at AS left_at,
           COALESCE(
               (SELECT p.at FROM claims_claimtransition p
                WHERE p.claim_id = t.claim_id AND p.from_status <> p.to_status
                  AND (p.at < t.at OR (p.at = t.at AND p.id < t.id))
                ORDER BY p.at DESC, p.id DESC LIMIT 1),
               (SELECT c.created_at FROM claims_claim c WHERE c.id = t.claim_id)
           ) AS entered_at
    FROM claims_claimtransition t
    WHERE t.from_status <> t.to_status AND t.at >= %s
"""

# Constant SQL, no user input: the concatenation only shares the subquery.
_PERCENTILES_POSTGRES = (
    # MATERIALIZED: compute each stay once, not once per percentile.
    f"WITH stays AS MATERIALIZED (SELECT status,"  # noqa: S608
    f" EXTRACT(EPOCH FROM (left_at - entered_at)) AS secs FROM ({_STAYS}) moves)"
    " SELECT status, COUNT(*),"
    " percentile_cont(0.5) WITHIN GROUP (ORDER BY secs),"
    " percentile_cont(0.9) WITHIN GROUP (ORDER BY secs)"
    " FROM stays GROUP BY status"
)

# SQLite has no percentile_cont: rank the stays, fetch only the (at most four)
# ranks each percentile interpolates between, and interpolate those in Python.
_PERCENTILES_PORTABLE = f"""
    WITH stays AS (
        SELECT status, (julianday(left_at) - julianday(entered_at)) * 86400.0 AS secs
        FROM ({_STAYS}) moves
    ), ranked AS (
        SELECT status, secs,
               ROW_NUMBER() OVER (PARTITION BY status ORDER BY secs) AS rn,
               COUNT(*) OVER (PARTITION BY status) AS n
        FROM stays
    )
    SELECT status, n, rn, secs FROM ranked
    WHERE rn IN (
        CAST(1 + 0.5 * (n - 1) AS INTEGER), CAST(1 + 0.5 * (n - 1) AS INTEGER) + 1,
        CAST(1 + 0.9 * (n - 1) AS INTEGER), CAST(1 + 0.9 * (n - 1) AS INTEGER) + 1
    )
"""  # noqa: S608


def time_in_state(now: dt.datetime | None = None, days: int = DAYS) -> list[StateTime]:
    """Return the median and 90th percentile of the stays ended in the last `days`."""
    since = (now or timezone.now()) - dt.timedelta(days=days)
    param = connection.ops.adapt_datetimefield_value(since)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PERCENTILES_POSTGRES, [param])
            found = {
                status: StateTime(status, n, float(median), float(p90))
                for status, n, median, p90 in cursor.fetchall()
            }
        else:
            cursor.execute(_PERCENTILES_PORTABLE, [param])
            found = _interpolate(cursor.fetchall())
    order = [Status.PENDING, Status.SOURCED, Status.RATED, Status.DISMISSED]
    return [found[s] for s in order if s in found]


def _interpolate(rows: list[tuple[str, int, int, float]]) -> dict[str, StateTime]:
    """Turn the ranks fetched by the portable query into percentile_cont values."""
    by_status: dict[str, dict[int, float]] = {}
    sizes: dict[str, int] = {}
    for status, n, rn, secs in rows:
        by_status.setdefault(status, {})[rn] = float(secs)
        sizes[status] = n

    def cont(ranks: dict[int, float], n: int, p: float) -> float:
        position = 1 + p * (n - 1)
        low = math.floor(position)
        if low >= n:
            return ranks[n]
        return ranks[low] + (position - low) * (ranks[low + 1] - ranks[low])

    return {
        status: StateTime(
            status,
            sizes[status],
            cont(ranks, sizes[status], 0.5),
            cont(ranks, sizes[status], 0.9),
        )
        for status, ranks in by_status.items()
    }


def workload() -> list[Any]:
    """Return every active reviewer with the open claims assigned to them.

    One grouped count over the open claims (not a join of every user with every
    claim), merged with the short list of reviewers.
    """
    User = get_user_model()
    members = User.objects.filter(
        is_active=True, groups__name__in=["reviewer", "editor"]
    ).values("pk")
    people = list(
        User.objects.filter(pk__in=members)
        .only("id", "username", "first_name", "last_name")
        .order_by("username")
    )
    open_claims = (
        Claim.objects.filter(
            assignee__isnull=False, status__in=[Status.PENDING, Status.SOURCED]
        )
        .values("assignee_id")
        .annotate(
            pending=Count("id", filter=Q(status=Status.PENDING)),
            sourced=Count("id", filter=Q(status=Status.SOURCED)),
        )
        .order_by()
    )
    counts: dict[int, Any] = {row["assignee_id"]: row for row in open_claims}
    for person in people:
        row = counts.get(person.pk, {})
        person.pending = row.get("pending", 0)  # type: ignore[attr-defined]
        person.sourced = row.get("sourced", 0)  # type: ignore[attr-defined]
    return people


def latest_ratings(limit: int = 10) -> list[Claim]:
    """Return the claims whose ratings were published (or corrected) most recently.

    Walks the append-only revisions newest first by primary key, so it reads a
    few index entries whatever the number of rated claims.
    """
    revisions = (
        RatingRevision.objects.filter(claim__status=Status.RATED)
        .select_related("claim__speaker", "claim__source")
        .defer("claim__source__text")
        .order_by("-id")[: limit * 3]
    )
    latest: dict[int, Claim] = {}
    for revision in revisions:
        latest.setdefault(revision.claim_id, revision.claim)
    return list(latest.values())[:limit]
