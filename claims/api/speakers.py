"""The speakers endpoint: each speaker with their record of published ratings."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.request import Request

from factcheck.conditional import (
    ConditionalMixin,
)

from ..models import Claim, Speaker, SpeakerAlias
from . import docs
from .filters import SpeakerFilter, StableOrderingFilter
from .pagination import PagePagination
from .permissions import ModelPermissions
from .serializers import SpeakerSerializer
from .views import ID_PATTERN


def speakers_with_record() -> QuerySet[Speaker]:
    """Annotate each speaker's published ratings per verdict, in the one list query."""
    rated = Q(claims__status=Claim.Status.RATED)
    return Speaker.objects.annotate(
        **{
            f"rated_{verdict}": Count(
                "claims", filter=rated & Q(claims__verdict=verdict)
            )
            for verdict in Claim.Verdict.values
        }
    )


@docs.speakers
class SpeakerViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """Speakers and their record of published ratings."""

    serializer_class = SpeakerSerializer
    lookup_value_regex = ID_PATTERN
    permission_classes = [ModelPermissions]
    filter_backends = [DjangoFilterBackend, StableOrderingFilter]
    filterset_class = SpeakerFilter
    ordering_fields = ["id", "name"]
    ordering = ["name"]
    pagination_class = PagePagination
    queryset = Speaker.objects.all()

    def get_queryset(self) -> QuerySet[Speaker]:
        return speakers_with_record()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().retrieve(request, *args, **kwargs)
        except Http404:
            # A speaker merged into another: the old address leads to the one kept.
            kept = (
                SpeakerAlias.objects.filter(former_id=kwargs["pk"])
                .values_list("speaker_id", flat=True)
                .first()
            )
            if kept is None:
                raise
            url = reverse("speaker-detail", args=[kept])
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
