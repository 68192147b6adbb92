"""Webhook signing, payloads, the retry schedule and the refusals, in process."""

import base64
import json
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import partial

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from standardwebhooks import Webhook, WebhookVerificationError

from claims import webhooks
from claims.models import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from claims.tasks import dispatch_events
from sources.exceptions import UnsafeURL
from tests.factories import ClaimFactory
from tests.pipeline.harness import Receiver

SCHEDULE = [5, 300, 1800, 7200, 18000, 36000, 36000, 36000, 36000, 36000, 36000]


class Capture:
    """A sender that records what it was asked to send and answers from a script."""

    def __init__(self, *replies: webhooks.Reply | Exception) -> None:
        self.replies = list(replies)
        self.sent: list[tuple[str, bytes, dict[str, str], float]] = []

    def __call__(self, url, body, headers, timeout):  # type: ignore[no-untyped-def]
        self.sent.append((url, body, dict(headers), timeout))
        reply = self.replies.pop(0) if self.replies else webhooks.Reply(200, {})
        if isinstance(reply, Exception):
            raise reply
        return reply


@pytest.fixture
def endpoint(db):  # type: ignore[no-untyped-def]
    return WebhookEndpoint.objects.create(
        url="https://hooks.example.org/factcheck", secret=webhooks.generate_secret()
    )


@pytest.fixture
def delivery(endpoint):  # type: ignore[no-untyped-def]
    ClaimFactory(rated=True)
    assert dispatch_events() == 1
    return WebhookDelivery.objects.select_related("endpoint", "event__claim").get()


def test_generated_secret_is_whsec_and_32_random_bytes():
    secret = webhooks.generate_secret()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    assert secret != webhooks.generate_secret()


def test_delivery_is_signed_so_standardwebhooks_verifies_it(delivery, settings):
    settings.FACTCHECK_PUBLISHER_URL = "https://desk.example.org"
    send = Capture()
    webhooks.attempt_delivery(delivery, send=send)
    url, body, headers, timeout = send.sent[0]
    assert url == "https://hooks.example.org/factcheck"
    assert 15 <= timeout <= 30
    assert headers["webhook-id"] == delivery.webhook_id
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 5
    assert headers["webhook-signature"].startswith("v1,")
    payload = Webhook(delivery.endpoint.secret).verify(body, headers)
    claim = delivery.event.claim
    assert payload["type"] == "claim.rated"
    assert payload["timestamp"].endswith("Z")
    assert payload["data"] == {
        "claim_id": claim.pk,
        "status": "rated",
        "verdict": "mostly_false",
        "summary": "The official statistics show a smaller fall.",
        "note": "",
        "version": claim.version,
        "quote": claim.quote,
        "speaker": claim.speaker.name,
        "url": f"https://desk.example.org/claims/{claim.pk}/",
        "claimreview_url": f"https://desk.example.org/api/v1/claims/{claim.pk}/claimreview/",
    }
    # A tampered body fails verification.
    with pytest.raises(WebhookVerificationError):
        Webhook(delivery.endpoint.secret).verify(body + b" ", headers)


def test_retries_keep_the_webhook_id_and_refresh_the_timestamp(delivery, settings):
    settings.WEBHOOK_RETRY_SCHEDULE = [0, 0]
    send = Capture(webhooks.Reply(500, {}), webhooks.Reply(200, {}))
    webhooks.attempt_delivery(delivery, send=send)
    second = int(time.time())
    while int(time.time()) == second:  # timestamps have one-second resolution
        time.sleep(0.01)
    webhooks.attempt_delivery(delivery, send=send)
    first, second = (s[2] for s in send.sent)
    assert first["webhook-id"] == second["webhook-id"] == delivery.webhook_id
    assert int(second["webhook-timestamp"]) > int(first["webhook-timestamp"])
    assert send.sent[0][1] == send.sent[1][1]  # the same body bytes
    assert first["webhook-signature"] != second["webhook-signature"]


def test_rotation_signs_with_both_secrets_until_the_overlap_ends(delivery):
    old = delivery.endpoint.secret
    webhooks.rotate_secret(delivery.endpoint, overlap=timedelta(hours=1))
    new = delivery.endpoint.secret
    assert new != old and delivery.endpoint.previous_secret == old
    send = Capture(webhooks.Reply(500, {}), webhooks.Reply(200, {}))
    webhooks.attempt_delivery(delivery, send=send)
    _, body, headers, _ = send.sent[0]
    assert len(headers["webhook-signature"].split(" ")) == 2
    # Receivers that still hold the old secret and those with the new one both verify.
    assert Webhook(old).verify(body, headers)["type"] == "claim.rated"
    assert Webhook(new).verify(body, headers)["type"] == "claim.rated"

    WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(
        previous_secret_expires_at=timezone.now() - timedelta(seconds=1)
    )
    delivery.endpoint.refresh_from_db()
    webhooks.attempt_delivery(delivery, send=send)
    _, body, headers, _ = send.sent[1]
    assert len(headers["webhook-signature"].split(" ")) == 1
    assert Webhook(new).verify(body, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(body, headers)


@hsettings(max_examples=200, deadline=None)
@given(
    msg_id=st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126)),
    body=st.text(),
    key=st.binary(min_size=24, max_size=64),
    stamp=st.integers(min_value=0, max_value=2**33),
)
def test_signer_matches_standardwebhooks_for_any_input(msg_id, body, key, stamp):
    secret = "whsec_" + base64.b64encode(key).decode()
    when = datetime.fromtimestamp(stamp, tz=UTC)
    expected = Webhook(secret).sign(msg_id, when, body)
    assert webhooks.sign(secret, msg_id, stamp, body.encode()) == expected


def test_default_schedule_spans_about_three_days_then_gives_up(settings):
    assert settings.WEBHOOK_RETRY_SCHEDULE == SCHEDULE
    waits = [webhooks.next_delay(n, None) for n in range(1, len(SCHEDULE) + 2)]
    assert waits[-1] is None
    total = sum((w for w in waits[:-1]), timedelta())
    assert timedelta(days=2.5) < total < timedelta(days=3.5)
    assert waits[0] == timedelta(seconds=5) and waits[1] == timedelta(minutes=5)


def test_failing_receiver_is_retried_on_the_schedule_then_given_up(delivery, settings):
    settings.WEBHOOK_RETRY_SCHEDULE = [5, 300, 1800]
    send = Capture(*[webhooks.Reply(500, {}, b"boom")] * 4)
    for _ in range(4):
        webhooks.attempt_delivery(delivery, send=send)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert delivery.attempts == 4 and delivery.next_attempt_at is None
    log = list(delivery.attempt_log.all())
    assert [a.response_status for a in log] == [500] * 4
    assert [a.response_snippet for a in log] == ["boom"] * 4
    gaps = [(a.retry_at - a.at).total_seconds() for a in log[:3]]
    assert gaps == pytest.approx([5, 300, 1800], abs=0.5)
    assert log[3].retry_at is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", 120),
        (None, 5),  # no header: the schedule's first step
        ("soon", 5),  # unreadable: the schedule
        ("999999999", 86400),  # capped
    ],
)
def test_retry_after_seconds_set_the_next_attempt(delivery, header, expected):
    headers = {"retry-after": header} if header else {}
    attempt = webhooks.attempt_delivery(
        delivery, send=Capture(webhooks.Reply(503, headers))
    )
    assert (attempt.retry_at - attempt.at).total_seconds() == pytest.approx(
        expected, abs=0.5
    )


def test_retry_after_http_date_sets_the_next_attempt(delivery):
    when = timezone.now() + timedelta(minutes=10)
    attempt = webhooks.attempt_delivery(
        delivery,
        send=Capture(webhooks.Reply(429, {"retry-after": format_datetime(when, True)})),
    )
    assert abs((attempt.retry_at - when).total_seconds()) < 2


def test_only_2xx_is_success(delivery, settings):
    settings.WEBHOOK_RETRY_SCHEDULE = [0] * 5
    statuses = [199, 302, 400, 404, 204]
    send = Capture(
        *[webhooks.Reply(s, {"location": "https://x.example/"}) for s in statuses]
    )
    for _ in statuses:
        webhooks.attempt_delivery(delivery, send=send)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
    assert delivery.attempts == 5
    errors = list(delivery.attempt_log.values_list("error", flat=True))
    assert errors[1] == "redirect not followed"


def test_410_disables_the_endpoint_and_stops_its_deliveries(delivery):
    webhooks.attempt_delivery(delivery, send=Capture(webhooks.Reply(410, {})))
    delivery.refresh_from_db()
    delivery.endpoint.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.FAILED
    assert not delivery.endpoint.active
    assert delivery.endpoint.disabled_reason.startswith("410 Gone")
    # Later events plan nothing for it, and nothing due is claimed.
    ClaimFactory(rated=True)
    dispatch_events()
    assert WebhookDelivery.objects.count() == 1
    assert webhooks.claim_due_deliveries(limit=10, lease=timedelta(minutes=1)) == []


def test_transport_errors_are_failed_attempts_with_a_message(delivery):
    attempt = webhooks.attempt_delivery(
        delivery, send=Capture(TimeoutError("timed out after 20 s"))
    )
    assert attempt.response_status is None
    assert attempt.error == "TimeoutError: timed out after 20 s"
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING and delivery.attempts == 1


class NeverConnect:
    """A connector that fails the test if the guard lets anything through."""

    calls: list[tuple[str, int]] = []

    def __call__(self, address, port, timeout):  # type: ignore[no-untyped-def]
        self.calls.append((address, port))
        raise AssertionError(f"connected to {address}:{port}")


@pytest.mark.parametrize(
    ("url", "answers"),
    [
        ("http://10.0.0.7/hook", None),
        ("http://169.254.169.254/latest/meta-data/", None),
        ("http://[::ffff:127.0.0.1]/hook", None),
        ("http://0177.0.0.1/hook", None),
        ("http://hooks.example.org/hook", ["192.168.1.20"]),
        ("http://hooks.example.org/hook", ["93.184.215.14", "127.0.0.1"]),
    ],
)
def test_unsafe_endpoint_is_refused_at_send_before_any_connection(
    delivery, url, answers
):

    WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(url=url)
    delivery.endpoint.refresh_from_db()
    connector = NeverConnect()

    send = partial(
        webhooks.default_sender, resolver=lambda h, p: answers, connector=connector
    )
    attempt = webhooks.attempt_delivery(delivery, send=send)
    assert connector.calls == []
    assert attempt.error.startswith("refused")
    delivery.endpoint.refresh_from_db()
    assert not delivery.endpoint.active
    assert delivery.endpoint.disabled_reason.startswith("refused by the SSRF guard")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://10.1.2.3/",
        "ftp://hooks.example.org/",
        "http://u@hooks.example.org@10.0.0.1/",
    ],
)
def test_unsafe_endpoint_is_refused_at_registration(db, url):
    with pytest.raises(UnsafeURL):
        webhooks.create_endpoint(
            url=url, actor=None, resolver=lambda h, p: ["10.0.0.1"]
        )
    assert not WebhookEndpoint.objects.exists()


def test_redirects_are_never_followed(delivery, settings):
    settings.FETCH_ALLOW_LOOPBACK_FOR_TESTS = True
    target = Receiver()
    redirector = Receiver(script=[(307, {"location": target.url})])
    try:
        WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(
            url=redirector.url
        )
        delivery.endpoint.refresh_from_db()
        attempt = webhooks.attempt_delivery(delivery)
    finally:
        redirector.close()
        target.close()
    assert len(redirector.received) == 1 and target.received == []
    assert attempt.response_status == 307 and attempt.error == "redirect not followed"
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING


def test_a_slow_receiver_is_cut_off_at_the_timeout(delivery, settings):
    settings.FETCH_ALLOW_LOOPBACK_FOR_TESTS = True
    settings.WEBHOOK_TIMEOUT = 1
    slow = Receiver(delay=3.0)
    try:
        WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(url=slow.url)
        delivery.endpoint.refresh_from_db()
        started = time.monotonic()
        attempt = webhooks.attempt_delivery(delivery)
        elapsed = time.monotonic() - started
    finally:
        slow.close()
    assert elapsed < 2.5
    assert attempt.response_status is None and attempt.error
    assert WebhookAttempt.objects.count() == 1


def test_the_payload_is_the_same_bytes_on_every_attempt(delivery):
    first = webhooks.payload_bytes(delivery.event)
    assert webhooks.payload_bytes(Event.objects.get(pk=delivery.event_id)) == first
    assert json.loads(first)["type"] == "claim.rated"


@pytest.mark.parametrize("protocol", ["HTTP/1.1", "HTTP/1.0"])
def test_a_long_answer_is_a_success_logged_by_its_start(delivery, settings, protocol):
    settings.FETCH_ALLOW_LOOPBACK_FOR_TESTS = True
    receiver = Receiver(body="é".encode() * 500_000, protocol=protocol)
    try:
        WebhookEndpoint.objects.filter(pk=delivery.endpoint_id).update(url=receiver.url)
        delivery.endpoint.refresh_from_db()
        attempt = webhooks.attempt_delivery(delivery)
    finally:
        receiver.close()
    assert attempt.response_status == 200, attempt.error
    assert attempt.response_snippet == "é" * 500
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SUCCEEDED
