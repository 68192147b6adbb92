"""Editors manage webhook endpoints in the admin and read every delivery attempt."""

import base64
from datetime import timedelta

import pytest
from django.utils import timezone

from claims import webhooks
from claims.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from claims.tasks import dispatch_events
from sources.fetching import guard
from tests.factories import ClaimFactory

ADD = "/admin/claims/webhookendpoint/add/"
LIST = "/admin/claims/webhookendpoint/"
DELIVERIES = "/admin/claims/webhookdelivery/"
# The deliveries inline's (empty) management form, which the admin expects.
INLINE = {f"deliveries-{k}": "0" for k in ("TOTAL_FORMS", "INITIAL_FORMS")}


@pytest.fixture
def public_dns(monkeypatch):  # type: ignore[no-untyped-def]
    """Resolve every name to one public address; nothing is ever connected to."""
    asked: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["10.9.8.7"] if host.startswith("internal.") else ["93.184.215.14"]

    monkeypatch.setattr(guard, "default_resolver", resolve)
    return asked


@pytest.fixture
def editor_client(client, editor):  # type: ignore[no-untyped-def]
    client.force_login(editor)
    return client


def test_editor_adds_an_endpoint_and_gets_a_generated_secret(
    editor_client, editor, public_dns
):
    response = editor_client.post(
        ADD,
        {
            "url": "https://hooks.example.org/factcheck",
            "description": "Partner newsroom",
            "event_types": ["claim.rated", "claim.corrected"],
            "active": "on",
            **INLINE,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret.startswith("whsec_")
    assert len(base64.b64decode(endpoint.secret.removeprefix("whsec_"))) == 32
    assert endpoint.event_types == ["claim.rated", "claim.corrected"]
    assert endpoint.created_by == editor
    assert public_dns == ["hooks.example.org"]
    page = editor_client.get(f"{LIST}{endpoint.pk}/change/").content.decode()
    assert endpoint.secret in page  # shown to copy into the receiver, never editable
    assert 'name="secret"' not in page


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://internal.example.org/hook", "private address"),
        ("http://127.0.0.1:9000/hook", "loopback"),
        ("http://169.254.169.254/latest/", "link-local"),
        ("http://[::ffff:10.0.0.1]/hook", "IPv6 form"),
    ],
)
def test_an_endpoint_the_ssrf_guard_refuses_is_not_saved(
    editor_client, public_dns, url, message
):
    response = editor_client.post(ADD, {"url": url, "active": "on", **INLINE})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_rotating_a_secret_keeps_the_old_one_for_the_overlap(editor_client, settings):
    settings.WEBHOOK_SECRET_OVERLAP_HOURS = 24
    endpoint = WebhookEndpoint.objects.create(
        url="https://hooks.example.org/a", secret=webhooks.generate_secret()
    )
    old = endpoint.secret
    response = editor_client.post(
        LIST, {"action": "rotate_secret", "_selected_action": [endpoint.pk]}
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.secret != old and endpoint.secret.startswith("whsec_")
    assert endpoint.previous_secret == old
    left = endpoint.previous_secret_expires_at - timezone.now()
    assert timedelta(hours=23, minutes=59) < left <= timedelta(hours=24)


def test_reactivating_an_endpoint_clears_why_it_was_disabled(editor_client, public_dns):
    endpoint = WebhookEndpoint.objects.create(
        url="https://hooks.example.org/a",
        secret=webhooks.generate_secret(),
        active=False,
        disabled_reason="410 Gone",
    )
    response = editor_client.post(
        f"{LIST}{endpoint.pk}/change/",
        {"url": endpoint.url, "active": "on", "description": "", **INLINE},
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.disabled_reason == ""
    assert endpoint.secret.startswith("whsec_")


def _deliveries(editor, n: int) -> WebhookEndpoint:  # type: ignore[no-untyped-def]
    endpoint = WebhookEndpoint.objects.create(
        url="https://hooks.example.org/a", secret=webhooks.generate_secret()
    )
    for _ in range(n):
        ClaimFactory(rated=True, actor=editor)
    dispatch_events()
    replies = [webhooks.Reply(503, {"retry-after": "60"}, b"<h1>Down</h1>")]
    for delivery in WebhookDelivery.objects.select_related("endpoint", "event"):
        webhooks.attempt_delivery(delivery, send=lambda *a: replies[0])
    return endpoint


def test_deliveries_and_attempts_are_visible_and_read_only(editor_client, editor):
    _deliveries(editor, 2)
    delivery = WebhookDelivery.objects.first()
    listing = editor_client.get(DELIVERIES)
    assert listing.status_code == 200
    assert delivery.webhook_id in listing.content.decode()
    page = editor_client.get(f"{DELIVERIES}{delivery.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "503" in html
    assert "&lt;h1&gt;Down&lt;/h1&gt;" in html and "<h1>Down</h1>" not in html
    # Read-only: no add, no edit, no delete.
    assert editor_client.get(f"{DELIVERIES}add/").status_code == 403
    assert (
        editor_client.post(f"{DELIVERIES}{delivery.pk}/change/", {}).status_code == 403
    )
    assert (
        editor_client.post(f"{DELIVERIES}{delivery.pk}/delete/", {"post": "yes"})
    ).status_code == 403
    attempt = WebhookAttempt.objects.first()
    assert (
        editor_client.get(f"/admin/claims/webhookattempt/{attempt.pk}/change/")
    ).status_code == 200


def test_send_again_makes_a_failed_delivery_due_now(editor_client, editor):
    _deliveries(editor, 1)
    WebhookDelivery.objects.update(status=WebhookDelivery.Status.FAILED)
    delivery = WebhookDelivery.objects.get()
    response = editor_client.post(
        DELIVERIES, {"action": "send_again", "_selected_action": [delivery.pk]}
    )
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.PENDING
    assert delivery.next_attempt_at <= timezone.now()


def test_reviewers_cannot_see_webhooks(client, reviewer):
    client.force_login(reviewer)
    assert client.get(LIST).status_code == 403
    assert client.get(DELIVERIES).status_code == 403


@pytest.mark.parametrize("url", [LIST, DELIVERIES, "/admin/claims/webhookattempt/"])
def test_webhook_admin_lists_do_not_grow_queries_with_rows(
    editor_client, editor, django_assert_max_num_queries, url
):
    _deliveries(editor, 2)
    with django_assert_max_num_queries(12):
        assert editor_client.get(url).status_code == 200
    WebhookEndpoint.objects.all().delete()
    _deliveries(editor, 12)
    with django_assert_max_num_queries(12):
        assert editor_client.get(url).status_code == 200
