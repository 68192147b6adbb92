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
