"""Fixtures of the API tests: a client per kind of caller, clean throttle counters."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from claims.models import ApiKey


@pytest.fixture(autouse=True)
def _fresh_throttles(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Start every test with empty rate-limit counters and no feed settle delay."""
    settings.FACTCHECK_FEED_SETTLE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def raw_api_key(db: None) -> str:
    raw, prefix, key_hash = ApiKey.generate()
    ApiKey.objects.create(name="newsroom", prefix=prefix, key_hash=key_hash)
    return raw


@pytest.fixture
def anon_client() -> APIClient:
    return APIClient()


@pytest.fixture
def key_client(raw_api_key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_X_API_KEY=raw_api_key)
    return client


@pytest.fixture
def reviewer_client(reviewer) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_login(reviewer)
    return client


@pytest.fixture
def editor_client(editor) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_login(editor)
    return client
