"""The desk: the state of the review desk at a glance, from SQL aggregates."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import stats
from ..models import Claim
from . import charts


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    """Show counts, ages, activity, time in state, workload and latest ratings."""
    counts = stats.status_counts()
    series = stats.daily_activity()
    people = stats.workload()
    context = {
        "counts": [
            (Claim.Status(status).label, status, n) for status, n in counts.items()
        ],
        "total": sum(counts.values()),
        "oldest_pending": stats.oldest(Claim.Status.PENDING),
        "oldest_sourced": stats.oldest(Claim.Status.SOURCED),
        "series": series,
        "rows": list(
            zip(series.days, series.imported, series.sourced, series.rated, strict=True)
        ),
        "chart": charts.daily_chart(series),
        "state_times": stats.time_in_state(),
        "workload": people,
        "workload_peak": max([p.pending + p.sourced for p in people] + [1]),
        "latest": stats.latest_ratings(),
    }
    return render(request, "dashboard/desk.html", context)
