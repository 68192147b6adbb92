"""The consumers' feeds: ratings in change order, and ClaimReview as a DataFeed."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet, prefetch_related_objects
from django.urls import reverse
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

from .. import claimreview, feed_etags
from ..models import Claim
from . import docs
from .filters import RatingFilter
from .pagination import UpdateCursorPagination, encode_cursor
from .renderers import CSVRenderer, JSONLDRenderer
from .serializers import RatingSerializer
from .shaping import OrjsonRenderer, rating_items, rating_rows

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


RATING_FILTER_PARAMS = frozenset(RatingFilter.base_filters)


def feed_cutoff() -> Any:
    """Return the newest change time the feeds show.

    A change is stamped before its transaction commits; hiding the last few
    seconds keeps a consumer's cursor from passing a row that is about to
    appear with an earlier time.
    """
    return timezone.now() - timedelta(seconds=settings.FACTCHECK_FEED_SETTLE_SECONDS)


def rating_feed() -> QuerySet[Claim]:
    """Return the claims the ratings feed shows: rated now, or rated and withdrawn."""
    return Claim.objects.filter(
        first_rated_at__isnull=False, updated_at__lte=feed_cutoff()
    )


def page_etag(
    name: str, request: Request, page: list[Claim], has_more: bool, renderer: Any
) -> str:
    """Return the ETag of a feed page from its rows' ids, versions and change times.

    Anything that changes a rating moves its claim's `updated_at` and `version`,
    and a row entering or leaving the page changes the list.
    """
    return make_etag(
        name,
        request.get_full_path(),
        getattr(renderer, "format", None),
        has_more,
        [(c.pk, c.version, c.updated_at) for c in page],
    )


class RatingCursorPagination(UpdateCursorPagination):
    """The feed's cursor over `values()` rows (dicts) rather than claims."""

    def resume_link(self) -> str:
        if not self.page:
            return self._link(self.request.query_params.get(self.cursor_query_param))
        last = self.page[-1]
        return self._link(encode_cursor(last["updated_at"], last["id"]))


def rows_etag(
    name: str,
    request: Request,
    rows: list[dict[str, Any]],
    has_more: bool,
    renderer: Any,
) -> str:
    """Return `page_etag` of a page given as `values()` rows (the same tag)."""
    return make_etag(
        name,
        request.get_full_path(),
        getattr(renderer, "format", None),
        has_more,
        [(r["id"], r["version"], r["updated_at"]) for r in rows],
    )


def ratings_page_key(request: Request) -> str:
    """Return the cache key of the ratings page `request` asks for (feed_etags)."""
    return feed_etags.page_key(
        "ratings",
        request.get_full_path(),
        getattr(request.accepted_renderer, "format", None),
        settings.FACTCHECK_FEED_SETTLE_SECONDS,
    )


@docs.ratings
class RatingViewSet(ConditionalMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The consumers' change feed of ratings, in (updated_at, id) order."""

    serializer_class = RatingSerializer
    permission_classes = [AllowAny]
    filter_backends = [DjangoFilterBackend]
    filterset_class = RatingFilter
    pagination_class = RatingCursorPagination
    renderer_classes = [OrjsonRenderer, BrowsableAPIRenderer, CSVRenderer]
    csv_columns = RATING_CSV
    queryset = Claim.objects.none()

    def get_queryset(self) -> QuerySet[Claim]:
        return rating_feed()

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        # With none of its parameters given the filterset changes nothing, so a
        # plain sync skips building and validating its form.
        if not RATING_FILTER_PARAMS & self.request.query_params.keys():
            return queryset
        return super().filter_queryset(queryset)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        paginator: RatingCursorPagination = self.paginator  # type: ignore[assignment]
        conditional = bool(request.META.get("HTTP_IF_NONE_MATCH"))
        # A consumer that sends an ETag back will likely send it again: its
        # page's tag is remembered, so the next 304 costs no query.
        remember = conditional and feed_etags.remembering()
        if remember:
            key = ratings_page_key(request)
            remembered, generation = feed_etags.remembered_etag(key)
            if remembered is not None and none_match(request, remembered):
                return not_modified(remembered)
        queryset = paginator.after_cursor(
            self.filter_queryset(self.get_queryset()), request
        )
        # The page itself is the fingerprint: one LIMIT query down the feed's
        # order (claim, speaker and article columns joined), no scan of the
        # whole feed, and nothing shaped for a 304. A conditional request is
        # mostly answered 304, so it leaves the revisions out of that query and
        # fetches them with a second one only when the page changed.
        rows = paginator.paginate_queryset(
            rating_rows(queryset, revisions=not conditional), request, self
        )
        etag = rows_etag(
            "ratings", request, rows, paginator.has_more, request.accepted_renderer
        )
        if remember and paginator.has_more:  # see feed_etags: not the last page
            feed_etags.remember_etag(key, etag, generation)
        if none_match(request, etag):
            return not_modified(etag)
        # Plain dicts, not RatingSerializer (which stays for the schema, and
        # tests/api/test_ratings_shape.py holds the two to the same output).
        claims_url = request.build_absolute_uri(reverse("claim-list"))
        response = paginator.get_paginated_response(rating_items(rows, claims_url))
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
        page = paginator.paginate_queryset(
            queryset.for_lists(),  # type: ignore[attr-defined]
            request,
            self,
        )
        etag = page_etag("claimreview-feed", request, page, paginator.has_more, None)
        if none_match(request, etag):
            return not_modified(etag)
        prefetch_related_objects(page, "revisions")
        links = [f'<{paginator.resume_link()}>; rel="resume"']
        if next_link := paginator.next_link():
            links.insert(0, f'<{next_link}>; rel="next"')
        return Response(
            claimreview.data_feed(page),
            headers={"ETag": etag, "Link": ", ".join(links)},
        )
