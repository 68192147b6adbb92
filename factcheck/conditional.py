"""ETags and conditional API requests: `If-None-Match` → 304, stale `If-Match` → 412."""

import hashlib
from typing import Any

from django.http import HttpResponse, HttpResponseNotModified
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "the claim changed since you read it (If-Match does not match)"
    default_code = "precondition_failed"


def make_etag(*parts: Any) -> str:
    """Return a strong ETag naming `parts` (a representation's cheap fingerprint)."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f'"{digest}"'


def _tags(header: str) -> list[str]:
    return [t.strip().removeprefix("W/") for t in header.split(",") if t.strip()]


def none_match(request: Request, etag: str) -> bool:
    """Return whether `If-None-Match` names `etag` (the client's copy is current)."""
    tags = _tags(request.META.get("HTTP_IF_NONE_MATCH", ""))
    return "*" in tags or etag in tags


def check_if_match(request: Request, etag: str) -> bool:
    """Raise 412 if `If-Match` names another version; return whether it was sent."""
    header = request.META.get("HTTP_IF_MATCH", "")
    if not header.strip():
        return False
    tags = _tags(header)
    if "*" not in tags and etag not in tags:
        raise PreconditionFailed()
    return True


def not_modified(etag: str) -> HttpResponse:
    """Return an empty 304 carrying the ETag."""
    response = HttpResponseNotModified()
    response["ETag"] = etag
    return response


class ConditionalMixin:
    """Give every 200 GET an ETag; views with a cheap fingerprint set it themselves.

    A view that set no ETag gets one hashed from the rendered body, and a matching
    `If-None-Match` then still answers 304 (saving the transfer, not the work).
    """

    def finalize_response(  # type: ignore[no-untyped-def]
        self, request: Request, response: Any, *args, **kwargs
    ):
        response = super().finalize_response(  # type: ignore[misc]
            request, response, *args, **kwargs
        )
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == status.HTTP_200_OK
            and not response.has_header("ETag")
            and isinstance(response, Response)
        ):
            response.render()
            etag = make_etag(response.content, response.get("Content-Type", ""))
            response["ETag"] = etag
            if none_match(request, etag):
                return not_modified(etag)
        return response
