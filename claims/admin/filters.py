"""Claim list filters that scale: by article (without loading texts), and "mine"."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from sources.models import Source

from ..models import Claim


class AssignedToMeFilter(admin.SimpleListFilter):
    title = "assigned"
    parameter_name = "assigned"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("me", "To me"), ("nobody", "To nobody")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> Any:
        if self.value() == "me":
            return queryset.filter(assignee=request.user.pk)
        if self.value() == "nobody":
            return queryset.filter(assignee__isnull=True)
        return queryset


class SourceFilter(admin.SimpleListFilter):
    """The newest articles with claims; older ones are reached by search or link."""

    title = "source"
    parameter_name = "source"
    shown = 30

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        # One query, titles only: an article's text never loads for a filter.
        rows = (
            Source.objects.filter(pk__in=Claim.objects.values("source_id"))
            .order_by("-created_at", "-id")
            .values_list("pk", "title", "canonical_url")[: self.shown]
        )
        lookups = [
            (str(pk), (title or url or f"Source {pk}")[:60]) for pk, title, url in rows
        ]
        value = self.value()
        if value and value.isdigit() and value not in {pk for pk, _ in lookups}:
            lookups.append((value, f"Source {value}"))  # a linked older article
        return lookups

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> Any:
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(source_id=int(value))
        return queryset


class SpeakerConfidenceFilter(admin.SimpleListFilter):
    """How sure the extractor is of the speaker: its confidence is how often that
    kind of attribution names the right person (docs/extraction.md), so "check"
    is where a wrong name is most likely: pronouns resolved far back, guesses."""

    title = "speaker confidence"
    parameter_name = "speaker_confidence"
    bands = {
        "sure": (0.95, None),
        "likely": (0.85, 0.95),
        "check": (None, 0.85),
    }

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("sure", "Sure (95% or more)"),
            ("likely", "Likely (85–95%)"),
            ("check", "Check the speaker (under 85%)"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Claim]) -> Any:
        band = self.bands.get(self.value() or "")
        if band is None:
            return queryset
        low, high = band
        if low is not None:
            queryset = queryset.filter(confidence__gte=low)
        if high is not None:
            queryset = queryset.filter(confidence__lt=high)
        return queryset
