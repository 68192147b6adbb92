"""The consumers' feeds: ratings in change order, and ClaimReview as a DataFeed."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.conditional import (
    ConditionalMixin,
    make_etag,
    none_match,
    not_modified,
)

from .. import claimreview
from ..models import Claim, RatingRevision
from . import docs
from .filters import RatingFilter
from .pagination import UpdateCursorPagination
from .renderers import CSVRenderer, JSONLDRenderer
from .serializers import RatingSerializer

RATING_CSV = {
    "id": "id",
    "withdrawn": "withdrawn",
    "verdict": "rating.verdict",
    "rating_value": "rating.rating_value",
    "summary": "rating.summary",
    "quote": "quote",
    "speaker": "speaker.name",
    "source_title": "source.title",
    "source_url": "source.url",
    "rated_at": "rating.rated_at",
    "updated_at": "updated_at",
    "url": "url",
}


def feed_cutoff() -> Any:
    """Return the newest change time the feeds show.

    A change is stamped before its transaction commits; hiding the last few
    seconds keeps a consumer's cursor from passing a row that is about to
    appear with an earlier time.
    """
    return timezone.now() - timedelta(seconds=settings.FACTCHECK_FEED_SETTLE_SECONDS)


def rating_feed() -> QuerySet[Claim]:
    """Return the claims the ratings feed shows: rated now, or rated and withdrawn."""
    ever_rated = Exists(RatingRevision.objects.filter(claim=OuterRef("pk")))
    return Claim.objects.filter(Q(status=Claim.Status.RATED) | ever_rated).filter(
        updated_at__lte=feed_cutoff()
    )


@docs.ratings
class RatingViewSet(ConditionalMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The consumers' change feed of ratings, in (updated_at, id) order."""

    serializer_class = RatingSerializer
    permission_classes = [AllowAny]
    filter_backends = [DjangoFilterBackend]
    filterset_class = RatingFilter
    pagination_class = UpdateCursorPagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    csv_columns = RATING_CSV
    queryset = Claim.objects.none()

    def get_queryset(self) -> QuerySet[Claim]:
        return rating_feed()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        paginator: UpdateCursorPagination = self.paginator  # type: ignore[assignment]
        queryset = paginator.after_cursor(
            self.filter_queryset(self.get_queryset()), request
        )
        seen = queryset.aggregate(n=Count("id"), last=Max("updated_at"))
        etag = make_etag(
            "ratings",
            request.get_full_path(),
            request.accepted_renderer.format,
            *seen.values(),
        )
        if none_match(request, etag):
            return not_modified(etag)
        page = paginator.paginate_queryset(
            queryset.select_related("speaker", "source").prefetch_related("revisions"),
            request,
            self,
        )
        data = self.get_serializer(page, many=True).data
        response = paginator.get_paginated_response(data)
        response["ETag"] = etag
        return response


@docs.claimreview_feed
class ClaimReviewFeedViewSet(ConditionalMixin, viewsets.GenericViewSet):
    """Every published rating as a schema.org DataFeed of ClaimReview, page by page."""

    permission_classes = [AllowAny]
    filter_backends = [DjangoFilterBackend]
    filterset_class = RatingFilter
    pagination_class = UpdateCursorPagination
    renderer_classes = [JSONLDRenderer, JSONRenderer]
    queryset = Claim.objects.none()

    def get_queryset(self) -> QuerySet[Claim]:
        return Claim.objects.published().filter(updated_at__lte=feed_cutoff())

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        paginator: UpdateCursorPagination = self.paginator  # type: ignore[assignment]
        queryset = paginator.after_cursor(
            self.filter_queryset(self.get_queryset()), request
        )
        seen = queryset.aggregate(n=Count("id"), last=Max("updated_at"))
        etag = make_etag("claimreview-feed", request.get_full_path(), *seen.values())
        if none_match(request, etag):
            return not_modified(etag)
        page = paginator.paginate_queryset(
            queryset.for_lists().prefetch_related("revisions"),  # type: ignore[attr-defined]
            request,
            self,
        )
        links = [f'<{paginator.resume_link()}>; rel="resume"']
        if next_link := paginator.next_link():
            links.insert(0, f'<{next_link}>; rel="next"')
        return Response(
            claimreview.data_feed(page),
            headers={"ETag": etag, "Link": ", ".join(links)},
        )
