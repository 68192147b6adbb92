"""The API's router and its one error shape; domain errors map to HTTP here."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404, HttpRequest, JsonResponse
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

from claims import workflow
from sources.exceptions import ImportFailed

_STATUS = {
    workflow.NotPermitted: status.HTTP_403_FORBIDDEN,
    workflow.StaleClaim: status.HTTP_409_CONFLICT,
    workflow.InvalidTransition: status.HTTP_409_CONFLICT,
    workflow.ClaimNotReady: status.HTTP_409_CONFLICT,
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Return every error as `{"error": {"code", "message", "detail"}}`."""
    if isinstance(exc, workflow.WorkflowError):
        code = _STATUS.get(type(exc), status.HTTP_409_CONFLICT)
        return _error(code, type(exc).__name__, str(exc))
    if isinstance(exc, ImportFailed):
        return _error(status.HTTP_400_BAD_REQUEST, type(exc).__name__, str(exc))
    if isinstance(exc, IntegrityError):
        return _error(status.HTTP_409_CONFLICT, "Conflict", "the change conflicts")
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    if isinstance(detail, dict) and set(detail) == {"detail"}:
        message, detail = str(detail["detail"]), {}
    elif response.status_code == status.HTTP_400_BAD_REQUEST:
        message = "the request is not valid; see detail"
    else:
        message = "the request failed"
    response.data = {
        "error": {"code": _code(exc), "message": message, "detail": detail}
    }
    return response


def _code(exc: Exception) -> str:
    if isinstance(exc, Http404):
        return "not_found"
    if isinstance(exc, PermissionDenied):
        return "permission_denied"
    return str(getattr(exc, "default_code", "error"))


def _error(code: int, name: str, message: str) -> Response:
    return Response(
        {"error": {"code": name, "message": message, "detail": {}}}, status=code
    )


def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Answer an unknown address under /api/ in the API's error shape."""
    body = {"error": {"code": "not_found", "message": "no such endpoint", "detail": {}}}
    return JsonResponse(body, status=status.HTTP_404_NOT_FOUND)


class ModelPermissions(permissions.DjangoModelPermissions):
    """Django's model permissions, reading included (`view_<model>` for GET)."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable: not_found, StaleClaim…")
    message = serializers.CharField(help_text="For people")
    detail = serializers.JSONField(help_text="Per-field problems, if any")


class ErrorSerializer(serializers.Serializer):
    """The one shape of every API error."""

    error = ErrorBodySerializer()


_ERROR_TEXT = {
    400: ("invalid", "the request is not valid; see detail"),
    401: ("not_authenticated", "Authentication credentials were not provided."),
    403: ("permission_denied", "You do not have permission to perform this action."),
    404: ("not_found", "No Claim matches the given query."),
    409: ("InvalidTransition", "cannot rate a pending claim (only a sourced one)"),
    412: ("precondition_failed", "the claim changed since you read it"),
    429: ("throttled", "Request was throttled. Expected available in 12 seconds."),
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """Return schema entries for these error statuses, each with an example.

    Every endpoint may answer 401 (a bad API key is refused wherever it is sent)
    and 429 (throttled), so those two are always listed.
    """
    codes = tuple(sorted({*codes, 401, 429}))
    return {
        code: OpenApiResponse(
            ErrorSerializer,
            description=_ERROR_TEXT[code][1],
            examples=[
                OpenApiExample(
                    f"error {code}",
                    value={
                        "error": {
                            "code": _ERROR_TEXT[code][0],
                            "message": _ERROR_TEXT[code][1],
                            "detail": {},
                        }
                    },
                    status_codes=[code],
                    response_only=True,
                )
            ],
        )
        for code in codes
    }


router = DefaultRouter()


def build_router() -> DefaultRouter:
    """Register every app's viewsets on the one v1 router."""
    from claims.api import register as register_claims
    from sources.api import register as register_sources

    register_claims(router)
    register_sources(router)
    return router
