"""The API's router and its one error shape; domain errors map to HTTP here."""

from typing import Any

from django.db import IntegrityError
from rest_framework import status
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
    message = (
        str(detail.get("detail", "invalid request"))
        if isinstance(detail, dict)
        else "invalid request"
    )
    response.data = {
        "error": {
            "code": getattr(exc, "default_code", "error"),
            "message": message,
            "detail": detail,
        }
    }
    return response


def _error(code: int, name: str, message: str) -> Response:
    return Response(
        {"error": {"code": name, "message": message, "detail": {}}}, status=code
    )


router = DefaultRouter()


def build_router() -> DefaultRouter:
    """Register every app's viewsets on the one v1 router."""
    from claims.api import register as register_claims
    from sources.api import register as register_sources

    register_claims(router)
    register_sources(router)
    return router
