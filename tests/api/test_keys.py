"""API keys and rate limits: hashed keys, refusals, higher limits, 429 + Retry-After."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from claims.models import ApiKey, hash_key
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def _rates(settings, **rates: str) -> None:  # type: ignore[no-untyped-def]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            **rates,
        },
    }


@pytest.mark.parametrize("header", ["HTTP_X_API_KEY", "HTTP_AUTHORIZATION"])
def test_a_key_in_either_header_is_accepted_and_its_use_recorded(header, raw_api_key):
    client = APIClient()
    value = raw_api_key if header == "HTTP_X_API_KEY" else f"Api-Key {raw_api_key}"
    response = client.get("/api/v1/ratings/", **{header: value})
    assert response.status_code == 200
    key = ApiKey.objects.get()
    assert key.last_used_at is not None
    assert key.key_hash == hash_key(raw_api_key) and raw_api_key not in key.key_hash


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"revoked_at": timezone.now()}, "revoked"),
        ({"expires_at": timezone.now() - timedelta(seconds=1)}, "expired"),
        ({"key_hash": hash_key("something else")}, "unknown"),
    ],
)
def test_revoked_expired_and_unknown_keys_are_refused(change, message, raw_api_key):
    ApiKey.objects.update(**change)
    response = APIClient().get("/api/v1/ratings/", HTTP_X_API_KEY=raw_api_key)
    assert response.status_code == 401
    body = response.json()
    assert body["error"]["code"] == "authentication_failed"
    assert message in body["error"]["message"]


def test_a_key_that_expires_later_still_works(raw_api_key):
    ApiKey.objects.update(expires_at=timezone.now() + timedelta(days=1))
    assert (
        APIClient().get("/api/v1/ratings/", HTTP_X_API_KEY=raw_api_key).status_code
        == 200
    )


def test_anonymous_readers_are_throttled_with_retry_after(settings, anon_client):
    _rates(settings, anon="2/min")
    ClaimFactory(rated=True)
    assert [anon_client.get("/api/v1/ratings/").status_code for _ in range(2)] == [
        200,
        200,
    ]
    response = anon_client.get("/api/v1/ratings/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["error"]["code"] == "throttled"


def test_a_key_gets_the_higher_limit_and_its_own_counter(settings, key_client):
    _rates(settings, anon="2/min", api_key="5/min")
    anon = APIClient()
    for _ in range(2):
        anon.get("/api/v1/ratings/")
    assert anon.get("/api/v1/ratings/").status_code == 429
    codes = [key_client.get("/api/v1/ratings/").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


def test_the_admin_shows_a_new_key_once_and_stores_only_its_hash(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/claims/apikey/add/", {"name": "Daily Example", "expires_at": ""}
    )
    assert response.status_code == 200, response.content
    html = response.content.decode()
    raw = re.search(r'id="raw-api-key"[^>]*>(fck_[^<]+)<', html).group(1)
    key = ApiKey.objects.get(name="Daily Example")
    assert key.key_hash == hash_key(raw) and key.prefix == raw[:12]
    assert key.created_by == editor
    # Shown once: the key's own page never shows it again.
    change = client.get(f"/admin/claims/apikey/{key.pk}/change/").content.decode()
    assert raw not in change
    assert APIClient().get("/api/v1/ratings/", HTTP_X_API_KEY=raw).status_code == 200

    response = client.post(
        "/admin/claims/apikey/",
        {"action": "revoke_keys", "_selected_action": [key.pk]},
        follow=True,
    )
    assert response.status_code == 200
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert APIClient().get("/api/v1/ratings/", HTTP_X_API_KEY=raw).status_code == 401


def test_a_malformed_rate_limit_stops_start_up_naming_the_variable():
    from tests.test_project import run_django

    result = run_django("check", DJANGO_DEBUG="1", FACTCHECK_API_KEY_RATE="lots")
    assert result.returncode != 0
    assert "FACTCHECK_API_KEY_RATE" in result.stderr


def test_rate_limits_count_in_the_shared_redis_cache(settings, redis_url, anon_client):
    import redis

    url = redis_url.rsplit("/", 1)[0] + "/3"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "fc-api-test",
        }
    }
    _rates(settings, anon="2/min")
    client = redis.Redis.from_url(url)
    for key in client.scan_iter("fc-api-test:*"):
        client.delete(key)
    assert [anon_client.get("/api/v1/ratings/").status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]
    # The counter is in Redis, where every web process reads the same one.
    assert any(b"throttle_anon" in k for k in client.scan_iter("fc-api-test:*"))
    for key in client.scan_iter("fc-api-test:*"):
        client.delete(key)
