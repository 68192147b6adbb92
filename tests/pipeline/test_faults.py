"""Fault tests: real workers on a private Redis that the tests kill and restart.

Each test starts its own `redis-server` on a spare loopback port and its own
Celery worker processes (`tests.pipeline.worker_app`, settings
`tests.settings_worker`) on the test database, so killing them never touches
the machine's shared services. Every wait polls with a deadline.
"""

import os
import re
import signal
import time

import pytest
from django.db import transaction
from standardwebhooks import Webhook

from claims import services, webhooks
from claims.models import Claim, Event, WebhookAttempt, WebhookDelivery
from sources import services as source_services
from sources.models import FailedTask, Import, Source
from tests.conftest import wait_for
from tests.factories import ClaimFactory, UserFactory
from tests.pipeline.conftest import RESTORE_INTERVAL, VISIBILITY_TIMEOUT
from tests.pipeline.harness import Receiver


@pytest.mark.parametrize("phase", ["transaction", "committed"])
def test_import_killed_midway_is_imported_once_by_the_next_worker(
    stack, seed_text, tmp_path, phase
):
    redis, start_worker = stack
    reached = tmp_path / "blocked"
    first = start_worker(
        "first",
        FACTCHECK_TEST_BLOCK_IMPORT=str(reached),
        FACTCHECK_TEST_BLOCK_PHASE=phase,
    )
    with transaction.atomic():
        job = source_services.request_import(kind="text", text=seed_text)

    def worker_blocked_inside_the_import():
        return reached.exists()

    wait_for(worker_blocked_inside_the_import, timeout=60)
    first.kill()
    killed_at = time.monotonic()
    if phase == "transaction":
        # The source was written in a transaction the kill rolled back.
        assert Source.objects.count() == 0
    else:
        # The source is stored and its extraction queued; the import's message is
        # still unacked, so it will run again.
        assert Source.objects.count() == 1
    assert redis.client().hlen("unacked") == 1

    start_worker("second")

    def imported_with_claims():
        job.refresh_from_db()
        return job.state == Import.State.DONE and Claim.objects.count() == 4

    wait_for(imported_with_claims, timeout=60)
    took = time.monotonic() - killed_at
    # The redelivery bound: visibility timeout plus one restore sweep, plus the
    # new worker's start-up and the import itself.
    print(f"imported {took:.1f} s after the kill; duplicate={job.duplicate}")
    assert took < VISIBILITY_TIMEOUT + RESTORE_INTERVAL + 20, took

    def acked():
        return redis.client().hlen("unacked") == 0

    wait_for(acked, timeout=10)
    source = Source.objects.get()
    assert job.source_id == source.pk
    assert source.extracted_at is not None
    assert Claim.objects.filter(source=source).count() == 4
    assert set(Claim.objects.values_list("status", flat=True)) == {"pending"}
    for claim in source.claims.all():
        assert source.text[claim.start : claim.end] == claim.quote


def test_pool_child_killed_mid_import_is_rerun_at_once(stack, seed_text, tmp_path):
    # With prefork, killing the child (not the worker) is reported to the parent,
    # which requeues the late-acked task at once (reject_on_worker_lost).
    redis, start_worker = stack
    reached = tmp_path / "blocked"
    worker = start_worker(
        "prefork",
        PREFORK="1",
        FACTCHECK_TEST_BLOCK_IMPORT=str(reached),
        # Long, so only an immediate requeue can explain a quick rerun.
        CELERY_VISIBILITY_TIMEOUT="300",
    )
    with transaction.atomic():
        job = source_services.request_import(kind="text", text=seed_text)

    def child_blocked_inside_the_import():
        return reached.exists() and reached.read_text()

    child = int(wait_for(child_blocked_inside_the_import, timeout=60))
    assert child != worker.proc.pid
    os.kill(child, signal.SIGKILL)
    killed_at = time.monotonic()

    def imported_with_claims():
        job.refresh_from_db()
        return job.state == Import.State.DONE and Claim.objects.count() == 4

    wait_for(imported_with_claims, timeout=60)
    took = time.monotonic() - killed_at
    print(f"rerun {took:.1f} s after the child was killed")
    assert took < 60, took  # far below the 300 s visibility timeout
    assert Source.objects.count() == 1 and not job.duplicate
    assert "WorkerLostError" in worker.output()
    # A requeued task is not a failed one.
    assert not FailedTask.objects.exists()


def more_runs(worker, *tasks: str, runs: int = 3):  # type: ignore[no-untyped-def]
    """Return a predicate: each task finished `runs` more times in the worker's log."""

    def finished(log: str, task: str) -> int:
        return len(re.findall(rf"claims\.tasks\.{task}\[[^\]]+\] succeeded", log))

    before = {task: finished(worker.output(), task) for task in tasks}

    def ran_again() -> bool:
        log = worker.output()
        return all(finished(log, t) >= before[t] + runs for t in tasks)

    return ran_again


def _rated_claim_with_endpoint(receiver: Receiver):  # type: ignore[no-untyped-def]
    editor = UserFactory(username="fault-editor", role="editor")
    endpoint = webhooks.create_endpoint(url=receiver.url, actor=editor)
    claim = ClaimFactory(sourced=True, actor=editor)
    return editor, endpoint, claim


def test_webhook_is_delivered_once_after_redis_was_down_at_publication(stack):
    redis, start_worker = stack
    receiver = Receiver()
    try:
        editor, endpoint, claim = _rated_claim_with_endpoint(receiver)
        worker = start_worker("notifier", BEAT="1")
        worker.wait_ready()
        redis.stop()

        started = time.monotonic()
        services.rate_claim(
            claim, actor=editor, verdict="false", summary="No such fall happened."
        )
        # Publishing to the dead broker neither failed the rating nor hung it.
        assert time.monotonic() - started < 15
        claim.refresh_from_db()
        assert claim.status == Claim.Status.RATED
        event = Event.objects.get(kind=Event.Kind.RATED)
        assert event.dispatched_at is None

        def worker_lost_the_broker():
            return "Connection to broker lost" in worker.output()

        wait_for(worker_lost_the_broker, timeout=30)
        redis.start()

        def delivered():
            return (
                receiver.received
                and WebhookDelivery.objects.filter(
                    status=WebhookDelivery.Status.SUCCEEDED
                ).exists()
            )

        wait_for(delivered, timeout=90)
        # Three more rounds of the outbox and of the sender: nothing is sent again.
        wait_for(more_runs(worker, "dispatch_events", "deliver_webhooks"), timeout=30)
        assert len(receiver.received) == 1
    finally:
        receiver.close()

    delivery = WebhookDelivery.objects.get()
    got = receiver.received[0]
    assert got.headers["webhook-id"] == delivery.webhook_id
    payload = Webhook(endpoint.secret).verify(got.body, got.headers)
    assert payload["type"] == "claim.rated"
    assert payload["data"]["claim_id"] == claim.pk
    assert payload["data"]["verdict"] == "false"
    assert payload["data"]["summary"] == "No such fall happened."
    assert delivery.attempts == 1
    assert list(WebhookAttempt.objects.values_list("response_status", flat=True)) == [
        200
    ]


def test_receiver_failing_then_asking_to_wait_gets_it_once_on_schedule(stack):
    redis, start_worker = stack
    receiver = Receiver(script=[(500, {}), (503, {"Retry-After": "4"}), (200, {})])
    try:
        editor, endpoint, claim = _rated_claim_with_endpoint(receiver)
        worker = start_worker(
            "notifier", BEAT="1", FACTCHECK_WEBHOOK_RETRY_SCHEDULE="1,1,1"
        )
        with transaction.atomic():
            services.rate_claim(
                claim, actor=editor, verdict="true", summary="It did fall that much."
            )

        def three_requests():
            return (
                len(receiver.received) >= 3
                and WebhookDelivery.objects.filter(
                    status=WebhookDelivery.Status.SUCCEEDED
                ).exists()
            )

        wait_for(three_requests, timeout=60)
        wait_for(more_runs(worker, "deliver_webhooks"), timeout=30)
        assert len(receiver.received) == 3
    finally:
        receiver.close()

    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 3 and delivery.next_attempt_at is None
    log = list(delivery.attempt_log.all())
    assert [a.response_status for a in log] == [500, 503, 200]
    # The schedule kept in PostgreSQL: one second after the 500, the four the
    # 503 asked for after it, nothing after the success.
    assert (log[0].retry_at - log[0].at).total_seconds() == pytest.approx(1, abs=0.3)
    assert (log[1].retry_at - log[1].at).total_seconds() == pytest.approx(4, abs=0.3)
    assert log[2].retry_at is None
    # And the receiver saw it obeyed: never early, not much later (beat: 1 s).
    first, second, third = (r.at for r in receiver.received)
    assert 1 <= second - first < 1 + 4
    assert 4 <= third - second < 4 + 4
    ids = {r.headers["webhook-id"] for r in receiver.received}
    assert ids == {delivery.webhook_id}
    stamps = [int(r.headers["webhook-timestamp"]) for r in receiver.received]
    assert stamps == sorted(stamps) and stamps[2] - stamps[0] >= 4
    for r in receiver.received:
        assert Webhook(endpoint.secret).verify(r.body, r.headers)["type"] == (
            "claim.rated"
        )


def test_worker_killed_while_sending_a_webhook_leaves_it_to_the_next_one(stack):
    redis, start_worker = stack
    # The first request hangs (the worker is killed meanwhile); later ones answer.
    receiver = Receiver(delays=[60])
    fast = {
        "BEAT": "1",
        "FACTCHECK_WEBHOOK_TIMEOUT": "5",
        "FACTCHECK_WEBHOOK_BATCH": "1",
    }
    lease = 1 * (5 + 5) + 5  # claims.tasks.deliver_webhooks, for these settings
    try:
        editor, endpoint, claim = _rated_claim_with_endpoint(receiver)
        first = start_worker("first", **fast)
        with transaction.atomic():
            services.rate_claim(claim, actor=editor, verdict="false", summary="No.")

        def sending():
            return receiver.received

        wait_for(sending, timeout=60)
        first.kill()
        killed_at = time.monotonic()
        start_worker("second", **fast)

        def delivered():
            return WebhookDelivery.objects.filter(
                status=WebhookDelivery.Status.SUCCEEDED
            ).exists()

        wait_for(delivered, timeout=lease + 40)
        took = time.monotonic() - killed_at
    finally:
        receiver.close()
    assert took < lease + 20, took
    # At least once, under one id: the receiver dedupes the retry on webhook-id.
    assert len(receiver.received) == 2
    one, two = receiver.received
    assert one.headers["webhook-id"] == two.headers["webhook-id"]
    assert one.body == two.body
    for got in receiver.received:
        assert Webhook(endpoint.secret).verify(got.body, got.headers)
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempts == 1  # the killed attempt never returned to be logged
    assert [a.response_status for a in delivery.attempt_log.all()] == [200]
