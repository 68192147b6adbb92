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

from .models import Claim, ClaimTransition

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


# Every completed stay in a status: from the claim's creation (its first stay)
# or its previous transition, to the transition that left the status.
# Corrections (rated → rated) neither end nor start a stay.
_STAYS = """
    WITH moves AS (
        SELECT t.from_status AS status, t.at AS left_at,
               COALESCE(
                   LAG(t.at) OVER (PARTITION BY t.claim_id ORDER BY t.at, t.id),
                   c.created_at
               ) AS entered_at
        FROM claims_claimtransition t
        JOIN claims_claim c ON c.id = t.claim_id
        WHERE t.from_status <> t.to_status
    )
"""

# Constant SQL, no user input: the concatenation only shares the CTE.
_PERCENTILES_POSTGRES = (
    _STAYS  # noqa: S608
    + """
    SELECT status, COUNT(*),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY secs),
           percentile_cont(0.9) WITHIN GROUP (ORDER BY secs)
    FROM (
        SELECT status, EXTRACT(EPOCH FROM (left_at - entered_at)) AS secs
        FROM moves
    ) stays
    GROUP BY status
"""
)

# SQLite has no percentile_cont: rank the stays, fetch only the (at most four)
# ranks each percentile interpolates between, and interpolate those in Python.
_PERCENTILES_PORTABLE = (
    _STAYS  # noqa: S608
    + """
    , stays AS (
        SELECT status, (julianday(left_at) - julianday(entered_at)) * 86400.0 AS secs
        FROM moves
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
"""
)


def time_in_state() -> list[StateTime]:
    """Return the median and 90th percentile stay in each status claims leave."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PERCENTILES_POSTGRES)
            found = {
                status: StateTime(status, n, float(median), float(p90))
                for status, n, median, p90 in cursor.fetchall()
            }
        else:
            cursor.execute(_PERCENTILES_PORTABLE)
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
    """Return every active reviewer with the open claims assigned to them."""
    User = get_user_model()
    members = User.objects.filter(
        is_active=True, groups__name__in=["reviewer", "editor"]
    ).values("pk")
    return list(
        User.objects.filter(pk__in=members)
        .annotate(
            pending=Count(
                "assigned_claims", filter=Q(assigned_claims__status=Status.PENDING)
            ),
            sourced=Count(
                "assigned_claims", filter=Q(assigned_claims__status=Status.SOURCED)
            ),
        )
        .only("id", "username", "first_name", "last_name")
        .order_by("username")
    )


def latest_ratings(limit: int = 10) -> list[Claim]:
    """Return the most recently published ratings."""
    return list(
        Claim.objects.published()
        .select_related("speaker", "source")
        .order_by("-rated_at", "-id")[:limit]
    )
