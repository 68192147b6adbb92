"""Query filters of the claims API (django-filter), shown in the OpenAPI schema."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.views import APIView

from ..models import Claim, Speaker

MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number in the database's range, else a 400."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def _search_claims(queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
    value = value.strip()
    if not value:
        return queryset
    return queryset.filter(
        Q(quote__icontains=value)
        | Q(speaker__name__icontains=value)
        | Q(source__title__icontains=value)
    )


class ClaimFilter(django_filters.FilterSet):
    """Filter claims by state, people, article, text and change time."""

    status = django_filters.ChoiceFilter(choices=Claim.Status.choices)
    verdict = django_filters.ChoiceFilter(choices=Claim.Verdict.choices)
    speaker = IdFilter(field_name="speaker_id")
    source = IdFilter(field_name="source_id")
    assignee = IdFilter(
        method="filter_assignee", label="User id; desk staff only (others get none)"
    )
    search = django_filters.CharFilter(
        method=_search_claims, label="Text in the quote, speaker name or article title"
    )
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Changed at or after (ISO 8601)",
    )

    class Meta:
        model = Claim
        fields = [
            "status",
            "verdict",
            "speaker",
            "source",
            "assignee",
            "search",
            "updated_since",
        ]

    def filter_assignee(
        self, queryset: QuerySet[Claim], name: str, value: int
    ) -> QuerySet[Claim]:
        # Assignments are the desk's business: readers who cannot see them
        # must not learn them by filtering either.
        if not (self.request and self.request.user.has_perm("claims.view_claim")):
            return queryset.none()
        return queryset.filter(assignee_id=value)


class RatingFilter(django_filters.FilterSet):
    """Filter the ratings feed; `updated_since` starts a first sync."""

    verdict = django_filters.ChoiceFilter(choices=Claim.Verdict.choices)
    speaker = IdFilter(field_name="speaker_id")
    source = IdFilter(field_name="source_id")
    updated_since = django_filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label="Changed at or after (ISO 8601)",
    )

    class Meta:
        model = Claim
        fields = ["verdict", "speaker", "source", "updated_since"]


class SpeakerFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = Speaker
        fields = ["search"]


class StableOrderingFilter(OrderingFilter):
    """`?ordering=`, the primary key last as tiebreaker so pages never overlap."""

    def get_ordering(
        self, request: Request, queryset: QuerySet[Any], view: APIView
    ) -> list[str]:
        ordering = list(super().get_ordering(request, queryset, view) or [])
        if not any(field.lstrip("-") in ("id", "pk") for field in ordering):
            descending = bool(ordering) and ordering[0].startswith("-")
            ordering.append("-id" if descending else "id")
        return ordering
