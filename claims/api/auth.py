"""API-key authentication: `Authorization: Api-Key <key>` or `X-Api-Key: <key>`."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from ..models import ApiKey, hash_key

KEYWORD = "Api-Key"
# last_used_at is for the admin's eyes; writing it on every request would cost
# a query per call, so it is refreshed at most this often.
LAST_USED_EVERY = timedelta(minutes=5)


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """Identify a consumer by key; the request stays anonymous, with the key's limits.

    A key grants no model permission: it reads what anonymous readers read, under
    the higher `api_key` throttle. Revoked, expired and unknown keys are refused.
    """

    def authenticate(self, request: Request) -> tuple[AnonymousUser, ApiKey] | None:
        raw = self._raw_key(request)
        if raw is None:
            return None
        key = ApiKey.objects.filter(key_hash=hash_key(raw)).first()
        now = timezone.now()
        if key is None:
            raise exceptions.AuthenticationFailed("unknown API key")
        if key.revoked_at is not None:
            raise exceptions.AuthenticationFailed("this API key was revoked")
        if key.expires_at is not None and key.expires_at <= now:
            raise exceptions.AuthenticationFailed("this API key has expired")
        if key.last_used_at is None or now - key.last_used_at > LAST_USED_EVERY:
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        return AnonymousUser(), key

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD

    @staticmethod
    def _raw_key(request: Request) -> str | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _, value = header.partition(" ")
        if scheme.lower() == KEYWORD.lower():
            value = value.strip()
            if not value:
                raise exceptions.AuthenticationFailed("the Api-Key header is empty")
            return value
        value = request.META.get("HTTP_X_API_KEY", "").strip()
        return value or None


def api_key_of(request: Request) -> ApiKey | None:
    """Return the API key that authenticated `request`, if any."""
    return request.auth if isinstance(request.auth, ApiKey) else None
