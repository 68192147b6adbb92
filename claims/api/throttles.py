"""Rate limits: anonymous readers by address, API keys by key, users by account."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from .auth import api_key_of

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class _LiveRates(SimpleRateThrottle):
    """Read the rate from settings on each request, so tests can override it."""

    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or "")
        return None if rate is None else str(rate)


class AnonThrottle(_LiveRates):
    """Limit requests with neither a user nor a key, per client address."""

    scope = "anon"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        if request.user.is_authenticated or api_key_of(request):
            return None
        return self.cache_format % {
            "scope": self.scope,
            "ident": self.get_ident(request),
        }


class ApiKeyThrottle(_LiveRates):
    """Limit each API key on its own, at the higher `api_key` rate."""

    scope = "api_key"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        key = api_key_of(request)
        if key is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": key.pk}


class UserThrottle(_LiveRates):
    """Limit each signed-in user."""

    scope = "user"

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
