"""Serializers of the sources API: articles, import requests and import jobs."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Import, Source


class SourceSerializer(serializers.ModelSerializer):
    # Plain strings: either may be empty (pasted text has no address).
    url = serializers.CharField(read_only=True)
    canonical_url = serializers.CharField(read_only=True)

    class Meta:
        model = Source
        fields = [
            "id",
            "kind",
            "title",
            "url",
            "canonical_url",
            "publisher",
            "author",
            "published_at",
            "language",
            "created_at",
        ]
        read_only_fields = fields


class ImportRequestSerializer(serializers.Serializer):
    """Import an article: give a URL to fetch, or paste its text."""

    url = serializers.URLField(max_length=2000, required=False, allow_blank=True)
    text = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        max_length=settings.IMPORT_MAX_BYTES,
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        has_url = bool(attrs.get("url", "").strip())
        has_text = bool(attrs.get("text", "").strip())
        if has_url == has_text:
            raise serializers.ValidationError("give either a url or the text, not both")
        return attrs


class ImportSerializer(serializers.ModelSerializer):
    """An import job: queued, running, done (with its source) or failed (with why)."""

    status_url = serializers.SerializerMethodField()
    url = serializers.CharField(read_only=True, help_text="Empty for pasted text")

    class Meta:
        model = Import
        fields = [
            "id",
            "status_url",
            "kind",
            "state",
            "url",
            "title",
            "source",
            "duplicate",
            "error",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_status_url(self, job: Import) -> str:
        path = reverse("import-detail", args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path
