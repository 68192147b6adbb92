"""Views of the sources API: list articles, request imports, watch import jobs."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.api import ModelPermissions, error_responses
from factcheck.conditional import ConditionalMixin

from .. import services
from ..models import Import, Source
from .serializers import ImportRequestSerializer, ImportSerializer, SourceSerializer

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag you hold; 304 with no body if it is still current.",
)
NOT_MODIFIED = {304: OpenApiResponse(description="Not modified: your copy is current.")}
SOURCE = {
    "id": 3,
    "kind": "article",
    "title": "Budget debate: what the minister said",
    "url": "https://news.example.org/2026/budget?utm_source=feed",
    "canonical_url": "https://news.example.org/2026/budget",
    "publisher": "Example News",
    "author": "Jo Reporter",
    "published_at": "2026-11-02T08:00:00Z",
    "language": "en",
    "created_at": "2026-11-02T09:00:00Z",
}
IMPORT = {
    "id": 11,
    "status_url": "https://factcheck.example.org/api/v1/imports/11/",
    "kind": "url",
    "state": "queued",
    "url": "https://news.example.org/2026/budget",
    "title": "",
    "source": None,
    "duplicate": False,
    "error": "",
    "created_at": "2026-11-02T09:00:00Z",
    "finished_at": None,
}


class CanRequestImport(permissions.BasePermission):
    """Reading needs `view_source`; asking for an import needs `add_import`."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method == "POST":
            return bool(request.user and request.user.has_perm("sources.add_import"))
        return ModelPermissions().has_permission(request, view)


@extend_schema_view(
    list=extend_schema(
        summary="List imported articles",
        parameters=[IF_NONE_MATCH],
        responses={
            200: OpenApiResponse(
                SourceSerializer,
                examples=[
                    OpenApiExample(
                        "a page of articles", value=SOURCE, response_only=True
                    )
                ],
            ),
            **NOT_MODIFIED,
            **error_responses(401, 403, 404, 429),
        },
        tags=["sources"],
    ),
    retrieve=extend_schema(
        summary="One imported article",
        parameters=[IF_NONE_MATCH],
        responses={
            200: OpenApiResponse(
                SourceSerializer,
                examples=[OpenApiExample("article", value=SOURCE, response_only=True)],
            ),
            **NOT_MODIFIED,
            **error_responses(401, 403, 404, 429),
        },
        tags=["sources"],
    ),
    create=extend_schema(
        summary="Import an article by URL or pasted text",
        description="Answers 202 at once; follow `Location` (the import job).",
        request=ImportRequestSerializer,
        examples=[
            OpenApiExample(
                "by URL",
                value={"url": "https://news.example.org/2026/budget"},
                request_only=True,
            ),
            OpenApiExample(
                "pasted text",
                value={"title": "Debate", "text": "“Taxes fell,” the minister said."},
                request_only=True,
            ),
        ],
        responses={
            202: OpenApiResponse(
                ImportSerializer,
                description="Accepted; `Location` names the import job.",
                examples=[OpenApiExample("queued", value=IMPORT, response_only=True)],
            ),
            **error_responses(400, 401, 403, 429),
        },
        tags=["sources"],
    ),
)
class SourceViewSet(
    ConditionalMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Imported articles; POST asks for a new import."""

    serializer_class = SourceSerializer
    lookup_value_regex = r"[0-9]{1,18}"
    permission_classes = [CanRequestImport]
    filterset_fields = ["kind"]
    ordering_fields = ["created_at", "id"]
    ordering = ["-created_at", "-id"]
    queryset = Source.objects.all()

    def get_serializer_class(self) -> Any:
        return ImportRequestSerializer if self.action == "create" else SourceSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = ImportRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        url = data.get("url", "").strip()
        job = services.request_import(
            kind=Import.Kind.URL if url else Import.Kind.TEXT,
            url=url,
            text="" if url else data["text"],
            title=data.get("title", ""),
            requested_by=request.user,  # type: ignore[arg-type]  # the permission needs a user
        )
        location = request.build_absolute_uri(reverse("import-detail", args=[job.pk]))
        body = ImportSerializer(job, context=self.get_serializer_context()).data
        return Response(
            body, status=status.HTTP_202_ACCEPTED, headers={"Location": location}
        )


@extend_schema_view(
    list=extend_schema(
        summary="List import jobs",
        parameters=[IF_NONE_MATCH],
        responses={
            200: OpenApiResponse(
                ImportSerializer,
                examples=[
                    OpenApiExample(
                        "a page of imports", value=IMPORT, response_only=True
                    )
                ],
            ),
            **NOT_MODIFIED,
            **error_responses(401, 403, 404, 429),
        },
        tags=["sources"],
    ),
    retrieve=extend_schema(
        summary="An import job's state",
        parameters=[IF_NONE_MATCH],
        responses={
            200: OpenApiResponse(
                ImportSerializer,
                examples=[
                    OpenApiExample(
                        "done",
                        value={**IMPORT, "state": "done", "source": 3},
                        response_only=True,
                    )
                ],
            ),
            **NOT_MODIFIED,
            **error_responses(401, 403, 404, 429),
        },
        tags=["sources"],
    ),
)
class ImportViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """Import jobs, so whoever asked can watch one finish."""

    serializer_class = ImportSerializer
    lookup_value_regex = r"[0-9]{1,18}"
    permission_classes = [ModelPermissions]
    filterset_fields = ["state", "kind"]
    ordering_fields = ["created_at", "id"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self) -> QuerySet[Import]:
        return Import.objects.all()
