"""Pagination: numbered pages for claim lists, an update-time cursor for the feeds."""

import base64
import binascii
import json
from collections import OrderedDict
from datetime import datetime
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from rest_framework import exceptions
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView


class PagePagination(PageNumberPagination):
    """`?page=` and `?page_size=` (≤ 500); reuses a count the view already has.

    The list views count rows in the same aggregate query that makes their ETag,
    so the paginator must not count again (`view.known_count`).
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(  # type: ignore[override]
        self, queryset: QuerySet[Any], request: Request, view: APIView | None = None
    ) -> list[Any] | None:
        self._known_count = getattr(view, "known_count", None)
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list: Any, per_page: int) -> Paginator:  # type: ignore[override]
        paginator = Paginator(object_list, per_page)
        if self._known_count is not None:
            paginator.count = self._known_count  # type: ignore[misc]
        return paginator


def encode_cursor(updated_at: datetime, pk: int) -> str:
    raw = json.dumps([updated_at.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        stamp, pk = json.loads(raw)
        when = parse_datetime(stamp)
        if (
            when is None
            or when.tzinfo is None
            or not isinstance(pk, int)
            or not 0 <= pk < 2**63
        ):
            raise ValueError(stamp)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise exceptions.ValidationError(
            {"cursor": ["not a cursor from this feed"]}
        ) from None
    return when, pk


class UpdateCursorPagination(BasePagination):
    """Walk rows in (updated_at, id) order from an opaque cursor.

    The cursor is the position of the last row seen, so rows added or changed
    while a consumer pages land after it and are seen exactly once, and a row
    changed again (a correction) comes round again at its new position. Every
    page carries `resume`: the link to follow on the next sync, even when
    `next` is null because the consumer has caught up.
    """

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    page_size = 50
    max_page_size = 500

    def after_cursor(self, queryset: QuerySet[Any], request: Request) -> QuerySet[Any]:
        """Return the rows after the request's cursor, in feed order."""
        cursor = request.query_params.get(self.cursor_query_param)
        if cursor:
            when, pk = decode_cursor(cursor)
            # The plain `>=` lets PostgreSQL start the index scan at the cursor;
            # with the OR alone it walked the feed from its beginning (114 ms
            # at row 5,000 of 200,000 claims, against under 1 ms).
            queryset = queryset.filter(updated_at__gte=when).filter(
                Q(updated_at__gt=when) | Q(pk__gt=pk)
            )
        return queryset.order_by("updated_at", "pk")

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise exceptions.ValidationError(
                {"page_size": ["a whole number is required"]}
            ) from None
        if size < 1:
            raise exceptions.ValidationError({"page_size": ["must be at least 1"]})
        return min(size, self.max_page_size)

    def paginate_queryset(  # type: ignore[override]
        self, queryset: QuerySet[Any], request: Request, view: APIView | None = None
    ) -> list[Any]:
        """Return one page of `queryset`, which must already be `after_cursor`."""
        self.request = request
        size = self.get_page_size(request)
        rows = list(queryset[: size + 1])
        self.has_more = len(rows) > size
        self.page = rows[:size]
        return self.page

    def _link(self, cursor: str | None) -> str:
        url = self.request.build_absolute_uri()
        if cursor is None:
            return url
        url = replace_query_param(url, self.cursor_query_param, cursor)
        return remove_query_param(url, "updated_since")

    def resume_link(self) -> str:
        if not self.page:
            return self._link(self.request.query_params.get(self.cursor_query_param))
        last = self.page[-1]
        return self._link(encode_cursor(last.updated_at, last.pk))

    def next_link(self) -> str | None:
        return self.resume_link() if self.has_more else None

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            OrderedDict(
                [
                    ("next", self.next_link()),
                    ("resume", self.resume_link()),
                    ("results", data),
                ]
            )
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["next", "resume", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The next page now; null once you have caught up.",
                    "example": None,
                },
                "resume": {
                    "type": "string",
                    "format": "uri",
                    "description": "Where to continue on your next sync.",
                    "example": "https://factcheck.example.org/api/v1/ratings/"
                    "?cursor=WyIyMDI2LTExLTAzVDEwOjE1OjAwKzAwOjAwIiwgNDJd",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Opaque position from a next or resume link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page (default {self.page_size}, "
                f"at most {self.max_page_size}).",
                "schema": {"type": "integer", "minimum": 1},
            },
        ]
