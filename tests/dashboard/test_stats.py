"""The desk's aggregates: right figures from the history, on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from django.utils import timezone

from claims import services, stats
from claims.models import Claim, ClaimTransition
from tests.factories import ClaimFactory, EvidenceFactory, UserFactory

pytestmark = pytest.mark.django_db
HOUR = 3600


def at(claim: Claim, action: str, when: dt.datetime) -> None:
    ClaimTransition.objects.filter(claim=claim, action=action).update(at=when)


@pytest.fixture
def history():  # type: ignore[no-untyped-def]
    """Four claims whose moves happened at known hours after T0, three days ago."""
    editor = UserFactory(username="ed", role="editor")
    midnight = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() - dt.timedelta(days=3), dt.time.min)
    )
    t0 = midnight + dt.timedelta(hours=1)
    claims = ClaimFactory.create_batch(4)
    for claim, hours in zip(claims, [1, 2, 3, 10], strict=True):
        EvidenceFactory(claim=claim)
        services.mark_claim_sourced(claim, actor=editor)
        Claim.objects.filter(pk=claim.pk).update(created_at=t0)
        at(claim, "claim.mark_sourced", t0 + dt.timedelta(hours=hours))
    first, second = claims[0], claims[1]
    services.rate_claim(first, actor=editor, verdict="false", summary="No.")
    services.correct_rating(
        first, actor=editor, verdict="half_true", summary="Partly.", note="fix"
    )
    services.reopen_claim(first, actor=editor, note="again")
    services.rate_claim(second, actor=editor, verdict="true", summary="Yes.")
    at(first, "claim.rate", t0 + dt.timedelta(hours=5))
    at(first, "claim.correct", t0 + dt.timedelta(hours=6))
    at(first, "claim.reopen", t0 + dt.timedelta(hours=8))
    at(second, "claim.rate", t0 + dt.timedelta(hours=8))
    return claims


def test_time_in_state_gives_median_and_p90_of_completed_stays(history):
    found = {t.status: t for t in stats.time_in_state()}
    assert set(found) == {"pending", "sourced", "rated"}
    pending, sourced, rated = found["pending"], found["sourced"], found["rated"]
    # Pending stays of 1, 2, 3 and 10 h: interpolated like percentile_cont.
    assert pending.count == 4
    assert pending.median == pytest.approx(2.5 * HOUR, abs=1)
    assert pending.p90 == pytest.approx(7.9 * HOUR, abs=1)
    # Sourced stays of 4 h and 6 h (the reopened claim's new stay is still open).
    assert sourced.count == 2
    assert sourced.median == pytest.approx(5 * HOUR, abs=1)
    assert sourced.p90 == pytest.approx(5.8 * HOUR, abs=1)
    # The correction neither ends nor starts a stay: rated 5 h → reopened 8 h.
    assert rated.count == 1 and rated.median == pytest.approx(3 * HOUR, abs=1)


def test_time_in_state_is_empty_without_history():
    ClaimFactory()
    assert stats.time_in_state() == []


def test_daily_activity_counts_each_day_of_the_last_thirty(history):
    series = stats.daily_activity()
    assert len(series.days) == 30 and series.days[-1] == timezone.localdate()
    day = series.days.index(timezone.localdate() - dt.timedelta(days=3))
    assert series.imported[day] == 4 and sum(series.imported) == 4
    assert series.sourced[day] == 4 and sum(series.sourced) == 4
    assert series.rated[day] == 2 and sum(series.rated) == 2


def test_daily_activity_leaves_out_older_days():
    claim = ClaimFactory()
    Claim.objects.filter(pk=claim.pk).update(
        created_at=timezone.now() - dt.timedelta(days=31)
    )
    assert sum(stats.daily_activity().imported) == 0


def test_status_counts_oldest_workload_and_latest(history):
    editor = UserFactory(username="ed", role="editor")
    reviewer = UserFactory(username="rev", role="reviewer")
    pending = ClaimFactory()
    services.assign_claim(pending, actor=editor, assignee=reviewer)
    services.assign_claim(history[2], actor=editor, assignee=reviewer)
    assert stats.status_counts() == {
        "pending": 1,
        "sourced": 3,
        "rated": 1,
        "dismissed": 0,
    }
    assert stats.oldest("pending") == pending
    assert stats.oldest("sourced") in history
    load = {u.username: (u.pending, u.sourced) for u in stats.workload()}
    assert load["rev"] == (1, 1) and load["ed"] == (0, 0)
    assert [c.pk for c in stats.latest_ratings()] == [history[1].pk]


def test_time_in_state_counts_only_stays_ended_in_the_window(history):
    old = timezone.now() - dt.timedelta(days=40)
    ClaimTransition.objects.filter(claim=history[3]).update(at=old)
    Claim.objects.filter(pk=history[3].pk).update(created_at=old)
    pending = {t.status: t for t in stats.time_in_state()}["pending"]
    # The 10 h stay ended 40 days ago; 1, 2 and 3 h remain.
    assert pending.count == 3 and pending.median == pytest.approx(2 * HOUR, abs=1)
