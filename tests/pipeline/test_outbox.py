"""The outbox: events in the transaction, dispatch, emails, digest, due deliveries."""

import threading
from datetime import timedelta
from typing import Any

import pytest
from celery.schedules import crontab
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from claims import services, webhooks
from claims.models import Claim, Event, WebhookDelivery, WebhookEndpoint
from claims.tasks import deliver_webhooks, dispatch_events, send_daily_digest
from factcheck.celery import app, forget_kicks
from tests.factories import ClaimFactory, UserFactory
from tests.pipeline.harness import Receiver


@pytest.fixture
def endpoint(db):  # type: ignore[no-untyped-def]
    return WebhookEndpoint.objects.create(
        url="https://hooks.example.org/a", secret=webhooks.generate_secret()
    )


def test_rating_writes_its_event_in_the_same_transaction(
    editor, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(sourced=True, actor=editor)
    with django_capture_on_commit_callbacks() as callbacks:
        services.rate_claim(claim, actor=editor, verdict="false", summary="Wrong.")
    event = Event.objects.get()
    assert (event.kind, event.claim_id, event.dispatched_at) == (
        "claim.rated",
        claim.pk,
        None,
    )
    assert len(callbacks) == 1  # the dispatcher's kick, only after commit


def test_a_kick_still_waiting_is_not_sent_again(
    editor, redis_url, monkeypatch, django_capture_on_commit_callbacks
):
    """One kick per dispatcher run, however many moves commit before it starts."""
    from claims import tasks

    forget_kicks()
    sent: list[dict[str, object]] = []
    monkeypatch.setattr(tasks.dispatch_events, "delay", lambda **kw: sent.append(kw))
    claims = [ClaimFactory(sourced=True, actor=editor) for _ in range(4)]

    def rate(claim: Claim) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            services.rate_claim(claim, actor=editor, verdict="false", summary="No.")

    def dispatch(**kwargs: Any) -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return dispatch_events(**kwargs)

    try:
        rate(claims[0])
        rate(claims[1])
        assert sent == [{"kicked": True}]  # the second found the first still waiting
        # The kicked run takes the kick before it reads, and sends both events.
        assert dispatch(kicked=True) == 2
        assert len(sent) == 1
        rate(claims[2])
        assert len(sent) == 2  # nothing waited any more: a new kick
        assert dispatch() == 1  # beat's run leaves that kick waiting
        rate(claims[3])
        assert len(sent) == 2
    finally:
        forget_kicks()


def test_a_full_batch_kicks_the_dispatcher_again(
    editor, redis_url, monkeypatch, django_capture_on_commit_callbacks
):
    """Commits that found a kick waiting sent none: a run that could not take all
    their events kicks again rather than leave the rest to beat."""
    from claims import tasks

    forget_kicks()
    sent: list[dict[str, object]] = []
    monkeypatch.setattr(tasks.dispatch_events, "delay", lambda **kw: sent.append(kw))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for claim in ClaimFactory.create_batch(3, sourced=True, actor=editor):
                services.rate_claim(claim, actor=editor, verdict="false", summary="No.")
        assert len(sent) == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert dispatch_events(batch=2, kicked=True) == 2
        assert len(sent) == 2
        with django_capture_on_commit_callbacks(execute=True):
            assert dispatch_events(batch=2, kicked=True) == 1
        assert len(sent) == 2  # the outbox is drained
    finally:
        forget_kicks()


def test_a_rolled_back_rating_leaves_no_event_and_sends_nothing(
    editor, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(sourced=True, actor=editor)
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.rate_claim(claim, actor=editor, verdict="false", summary="x")
        raise RuntimeError("the request failed after rating")
    assert not Event.objects.exists()
    assert callbacks == []
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SOURCED


@pytest.mark.parametrize(
    ("kind", "move"),
    [
        ("claim.rated", lambda c, a: None),
        (
            "claim.corrected",
            lambda c, a: services.correct_rating(
                c, actor=a, verdict="false", summary="Worse.", note="New data"
            ),
        ),
        ("claim.reopened", lambda c, a: services.reopen_claim(c, actor=a, note="Hm")),
    ],
)
def test_each_webhook_event_kind_is_planned_for_subscribers(editor, kind, move):
    everything = WebhookEndpoint.objects.create(url="https://a.example/", secret="x")
    only_this = WebhookEndpoint.objects.create(
        url="https://b.example/", secret="x", event_types=[kind]
    )
    WebhookEndpoint.objects.create(
        url="https://c.example/", secret="x", event_types=["claim.dismissed"]
    )
    WebhookEndpoint.objects.create(url="https://d.example/", secret="x", active=False)
    claim = ClaimFactory(rated=True, actor=editor)
    move(claim, editor)
    dispatch_events()
    event = Event.objects.get(kind=kind)
    assert set(
        WebhookDelivery.objects.filter(event=event).values_list("endpoint", flat=True)
    ) == {everything.pk, only_this.pk}
    assert dispatch_events() == 0  # dispatched once
    assert WebhookDelivery.objects.filter(event=event).count() == 2


def test_dismissal_is_a_webhook_event(editor, endpoint):
    claim = ClaimFactory()
    services.dismiss_claim(claim, actor=editor, reason="opinion")
    assert dispatch_events() == 1
    assert WebhookDelivery.objects.get().event.kind == "claim.dismissed"


def test_assignment_emails_the_reviewer_once(editor, reviewer, settings):
    settings.FACTCHECK_PUBLISHER_URL = "https://desk.example.org"
    claim = ClaimFactory()
    services.assign_claim(claim, actor=editor, assignee=reviewer)
    assert dispatch_events() == 1
    assert dispatch_events() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [reviewer.email]
    assert f"Claim #{claim.pk} assigned to you" in message.subject
    assert claim.quote in message.body
    assert f"https://desk.example.org/claims/{claim.pk}/" in message.body


def test_a_failed_assignment_email_is_sent_on_the_next_run(
    editor, reviewer, monkeypatch
):
    from claims import notifications

    real = notifications.send_assignment_email
    calls = []

    def flaky(claim, *, assignee_id):  # type: ignore[no-untyped-def]
        calls.append(assignee_id)
        if len(calls) == 1:
            raise ConnectionRefusedError("mail server down")
        return real(claim, assignee_id=assignee_id)

    monkeypatch.setattr(notifications, "send_assignment_email", flaky)
    services.assign_claim(ClaimFactory(), actor=editor, assignee=reviewer)
    assert dispatch_events() == 0
    assert Event.objects.get().dispatched_at is None and mail.outbox == []
    assert dispatch_events() == 1
    assert len(mail.outbox) == 1


def test_daily_digest_tells_editors_what_waits_and_how_old(editor, reviewer):
    UserFactory(username="ed2", role="editor", email="ed2@example.org")
    old = ClaimFactory()
    Claim.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=4)
    )
    ClaimFactory()
    ClaimFactory(sourced=True, actor=editor)
    ClaimFactory(rated=True, actor=editor)
    assert send_daily_digest() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["ed2@example.org", "ed@example.org"]
    body = mail.outbox[0].body
    assert "pending: 2 waiting, oldest 4 days old" in body
    assert "sourced: 1 waiting, oldest 0 hours old" in body
    assert "rated" not in body.replace("[factcheck]", "")


def test_daily_digest_query_count_does_not_grow_with_claims(
    editor, django_assert_max_num_queries
):
    for _ in range(2):
        ClaimFactory()
    with django_assert_max_num_queries(3):
        send_daily_digest()
    for _ in range(20):
        ClaimFactory()
    with django_assert_max_num_queries(3):
        send_daily_digest()


def test_beat_schedules_the_outbox_deliveries_and_a_daily_digest(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["dispatch-events"]["task"] == "claims.tasks.dispatch_events"
    assert schedule["deliver-webhooks"]["task"] == "claims.tasks.deliver_webhooks"
    digest = schedule["daily-digest"]
    assert digest["task"] == "claims.tasks.send_daily_digest"
    assert isinstance(digest["schedule"], crontab)
    assert digest["schedule"].hour == {7} and digest["schedule"].minute == {0}


def test_tasks_ack_late_only_when_they_are_idempotent():
    app.loader.import_default_modules()  # what a worker loads at start

    def opts(name):  # type: ignore[no-untyped-def]
        task = app.tasks[name]
        return task.acks_late, task.reject_on_worker_lost

    for name in [
        "claims.tasks.extract_claims",
        "claims.tasks.dispatch_events",
        "claims.tasks.deliver_webhooks",
        "sources.tasks.run_import",
    ]:
        assert opts(name) == (True, True), name
    # A second digest would mail every editor again: acked on receipt.
    assert opts("claims.tasks.send_daily_digest") == (False, None)
    digest = app.tasks["claims.tasks.send_daily_digest"]
    assert digest.retry_jitter and digest.retry_backoff
    assert ConnectionError in digest.autoretry_for
    assert ValueError not in digest.autoretry_for


def test_queues_prefetch_and_time_limits_are_configured():
    conf = app.conf
    assert conf.worker_prefetch_multiplier == 1
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit
    router = app.amqp.router
    for name, queue in [
        ("sources.tasks.run_import", "imports"),
        ("claims.tasks.extract_claims", "imports"),
        ("claims.tasks.dispatch_events", "notifications"),
        ("claims.tasks.deliver_webhooks", "notifications"),
        ("claims.tasks.send_daily_digest", "notifications"),
    ]:
        assert router.route({}, name)["queue"].name == queue, name


def test_deliver_webhooks_sends_due_deliveries_to_a_loopback_receiver(editor, settings):
    settings.FETCH_ALLOW_LOOPBACK_FOR_TESTS = True
    receiver = Receiver()
    try:
        webhooks.create_endpoint(url=receiver.url, actor=editor)
        for _ in range(3):
            ClaimFactory(rated=True, actor=editor)
        dispatch_events()
        later = WebhookDelivery.objects.order_by("id").last()
        WebhookDelivery.objects.filter(pk=later.pk).update(
            next_attempt_at=timezone.now() + timedelta(minutes=5)
        )
        assert deliver_webhooks() == 2
        assert deliver_webhooks() == 0  # the third is not due yet
    finally:
        receiver.close()
    assert len(receiver.received) == 2
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 2
    assert WebhookDelivery.objects.filter(status="succeeded").count() == 2


def test_deliveries_past_the_time_budget_are_handed_back_due(editor, endpoint):
    for _ in range(3):
        ClaimFactory(rated=True, actor=editor)
    dispatch_events()
    assert deliver_webhooks(budget=0) == 0
    assert (
        WebhookDelivery.objects.filter(
            attempts=0, next_attempt_at__lte=timezone.now()
        ).count()
        == 3
    )


@pytest.mark.django_db(transaction=True)
def test_concurrent_claimers_take_disjoint_due_deliveries(postgres, editor, endpoint):
    for _ in range(4):
        ClaimFactory(rated=True, actor=editor)
    dispatch_events()
    locked = WebhookDelivery.objects.order_by("id").first()
    holding, release = threading.Event(), threading.Event()
    other: list[int] = []

    def hold_one_row() -> None:
        try:
            with transaction.atomic():
                list(WebhookDelivery.objects.select_for_update().filter(pk=locked.pk))
                holding.set()
                release.wait(10)
        finally:
            connection.close()

    def claim_the_rest() -> None:
        try:
            other.extend(
                webhooks.claim_due_deliveries(limit=10, lease=timedelta(minutes=1))
            )
        finally:
            connection.close()

    holder = threading.Thread(target=hold_one_row)
    holder.start()
    assert holding.wait(10)
    claimer = threading.Thread(target=claim_the_rest)
    claimer.start()
    claimer.join(10)
    assert not claimer.is_alive(), "the claimer waited on a locked row"
    release.set()
    holder.join(10)
    assert locked.pk not in other and len(other) == 3
    # The leased rows are not due again until the lease ends; the locked one is.
    again = webhooks.claim_due_deliveries(limit=10, lease=timedelta(minutes=1))
    assert again == [locked.pk]


def test_a_broken_event_does_not_hold_back_the_outbox(editor, endpoint, caplog):
    claim = ClaimFactory(rated=True, actor=editor)
    Event.objects.create(kind=Event.Kind.ASSIGNED, claim=claim, payload={})
    assert dispatch_events() == 2
    assert not Event.objects.filter(dispatched_at__isnull=True).exists()
    assert WebhookDelivery.objects.count() == 1
    assert "assignment email of event" in caplog.text


def test_a_delivery_that_cannot_be_built_is_a_logged_failed_attempt(
    editor, endpoint, monkeypatch
):
    from claims.webhooks import delivery as delivery_module

    ClaimFactory(rated=True, actor=editor)
    dispatch_events()

    def broken(event):  # type: ignore[no-untyped-def]
        raise ValueError("cannot serialise")

    monkeypatch.setattr(delivery_module, "payload_bytes", broken)
    assert deliver_webhooks() == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.attempts == 1 and delivery.next_attempt_at > timezone.now()
    assert delivery.attempt_log.get().error == "ValueError: cannot serialise"


@pytest.mark.parametrize("events", [2, 20])
def test_dispatch_query_count_does_not_grow_with_events(
    editor, endpoint, django_assert_max_num_queries, events
):
    WebhookEndpoint.objects.create(url="https://b.example/", secret="x")
    for _ in range(events):
        ClaimFactory(rated=True, actor=editor)
    # The same budget for 2 and 20 events (SQLite needs one query more).
    with django_assert_max_num_queries(8):
        assert dispatch_events() == events
    assert WebhookDelivery.objects.count() == 2 * events
