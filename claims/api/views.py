"""The claims API's claim views: full claims, their workflow actions, ClaimReview."""

from collections.abc import Callable
from typing import Any

from django.db.models import Count, Max, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from factcheck.conditional import (
    ConditionalMixin,
    PreconditionFailed,
    check_if_match,
    make_etag,
    none_match,
    not_modified,
)

from .. import claimreview, services, workflow
from ..models import Claim, Evidence, RatingRevision
from . import docs, inputs
from .filters import ClaimFilter, StableOrderingFilter
from .pagination import PagePagination
from .permissions import PublishedOrModelPermissions, sees_unpublished
from .renderers import CSVRenderer, JSONLDRenderer
from .serializers import ClaimSerializer

# Ids the database can hold; a longer number is no address of ours (404).
ID_PATTERN = r"[0-9]{1,18}"

CLAIM_CSV = {
    "id": "id",
    "status": "status",
    "verdict": "rating.verdict",
    "rating_value": "rating.rating_value",
    "summary": "rating.summary",
    "quote": "quote",
    "speaker": "speaker.name",
    "speaker_role": "speaker_role",
    "source_title": "source.title",
    "source_url": "source.url",
    "publisher": "source.publisher",
    "assignee": "assignee",
    "rated_at": "rating.rated_at",
    "updated_at": "updated_at",
    "url": "url",
}


def with_details(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """Join and prefetch all a full claim shows: four queries for any page size."""
    return queryset.for_lists().prefetch_related(  # type: ignore[attr-defined]
        Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "id")),
        Prefetch(
            "revisions", queryset=RatingRevision.objects.order_by("created_at", "id")
        ),
    )


def fingerprinted(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """Annotate what a claim's ETag needs beyond its own row: its evidence."""
    return queryset.annotate(
        evidence_n=Count("evidence"), evidence_last=Max("evidence__id")
    )


def claim_etag(claim: Any, *, staff: bool) -> str:
    """Return the claim's ETag: its version, change time, evidence and viewer scope."""
    return make_etag(
        "claim",
        claim.pk,
        claim.version,
        claim.updated_at,
        claim.assignee_id,
        claim.evidence_n,
        claim.evidence_last,
        staff,
    )


@docs.claims
class ClaimViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """Full claims; anonymous readers and API keys see only the rated ones."""

    serializer_class = ClaimSerializer
    lookup_value_regex = ID_PATTERN
    permission_classes = [PublishedOrModelPermissions]
    filter_backends = [DjangoFilterBackend, StableOrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ["id", "created_at", "updated_at", "checkworthiness"]
    ordering = ["id"]
    pagination_class = PagePagination
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    csv_columns = CLAIM_CSV
    known_count: int | None = None

    def get_queryset(self) -> QuerySet[Claim]:
        queryset = Claim.objects.all()
        if not sees_unpublished(self.request):
            queryset = queryset.published()
        return queryset

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        queryset = self.filter_queryset(self.get_queryset())
        # One aggregate gives the ETag and the paginator's count. Every move,
        # correction and assignment moves updated_at, and so does an edit of a
        # claim's speaker or article (services.claims_shown_changed); evidence is
        # counted apart.
        seen = queryset.aggregate(
            n=Count("id", distinct=True),
            last=Max("updated_at"),
            versions=Max("version"),
            evidence_n=Count("evidence"),
            evidence_last=Max("evidence__id"),
        )
        etag = make_etag(
            "claims",
            sees_unpublished(request),
            request.get_full_path(),
            request.accepted_renderer.format,
            *seen.values(),
        )
        if none_match(request, etag):
            return not_modified(etag)
        self.known_count = seen["n"]
        page = self.paginate_queryset(with_details(queryset))
        data = self.get_serializer(page, many=True).data
        response = self.get_paginated_response(data)
        response["ETag"] = etag
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        claim = self._fingerprinted_object()
        etag = claim_etag(claim, staff=sees_unpublished(request))
        if none_match(request, etag):
            return not_modified(etag)
        return self._claim_response(claim, etag)

    @action(
        detail=True,
        methods=["get"],
        url_path="claimreview",
        renderer_classes=[JSONLDRenderer, JSONRenderer],
        filter_backends=[],
        pagination_class=None,
        permission_classes=[AllowAny],
    )
    def claimreview(self, request: Request, pk: str | None = None) -> Any:
        """The claim's schema.org ClaimReview (JSON-LD); rated claims only."""
        queryset = fingerprinted(Claim.objects.published().for_lists())
        claim = get_object_or_404(queryset, pk=pk)
        etag = make_etag("claimreview", claim_etag(claim, staff=False))
        if none_match(request, etag):
            return not_modified(etag)
        return Response(claimreview.claim_review(claim), headers={"ETag": etag})

    # Workflow actions: each validates its input, honours If-Match, calls one service.

    @action(detail=True, methods=["post"], url_path="attach-evidence")
    def attach_evidence(self, request: Request, pk: str | None = None) -> Response:
        """Attach a URL, excerpt or document to a claim in review."""
        return self._act(
            inputs.AttachEvidenceSerializer,
            lambda claim, data: services.attach_evidence(
                claim,
                actor=request.user,
                url=data.get("url", ""),
                excerpt=data.get("excerpt", ""),
                stance=data["stance"],
                document=data.get("document"),
            ),
            created=True,
        )

    @action(detail=True, methods=["post"], url_path="mark-sourced")
    def mark_sourced(self, request: Request, pk: str | None = None) -> Response:
        """Move a pending claim with evidence to sourced."""
        return self._act(
            inputs.EmptySerializer,
            lambda claim, data: services.mark_claim_sourced(claim, actor=request.user),
        )

    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request: Request, pk: str | None = None) -> Response:
        """Send a sourced claim back to pending with a note."""
        return self._act(
            inputs.NoteSerializer,
            lambda claim, data: services.send_back_claim(
                claim, actor=request.user, note=data["note"]
            ),
        )

    @action(detail=True, methods=["post"])
    def rate(self, request: Request, pk: str | None = None) -> Response:
        """Publish a verdict and its summary on a sourced claim."""
        return self._act(
            inputs.RateSerializer,
            lambda claim, data: services.rate_claim(
                claim,
                actor=request.user,
                verdict=data["verdict"],
                summary=data["summary"],
            ),
        )

    @action(detail=True, methods=["post"])
    def correct(self, request: Request, pk: str | None = None) -> Response:
        """Correct a published rating; the old one stays as a revision."""
        return self._act(
            inputs.CorrectSerializer,
            lambda claim, data: services.correct_rating(
                claim,
                actor=request.user,
                verdict=data["verdict"],
                summary=data["summary"],
                note=data["note"],
            ),
        )

    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        """Withdraw a published rating; the claim goes back to sourced."""
        return self._act(
            inputs.NoteSerializer,
            lambda claim, data: services.reopen_claim(
                claim, actor=request.user, note=data["note"]
            ),
        )

    @action(detail=True, methods=["post"])
    def dismiss(self, request: Request, pk: str | None = None) -> Response:
        """Set aside a pending claim, with the reason."""
        return self._act(
            inputs.DismissSerializer,
            lambda claim, data: services.dismiss_claim(
                claim,
                actor=request.user,
                reason=data["reason"],
                note=data.get("note", ""),
            ),
        )

    @action(detail=True, methods=["post"])
    def restore(self, request: Request, pk: str | None = None) -> Response:
        """Bring a dismissed claim back to pending."""
        return self._act(
            inputs.EmptySerializer,
            lambda claim, data: services.restore_claim(claim, actor=request.user),
        )

    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str | None = None) -> Response:
        """Give the claim to a reviewer, or to nobody."""
        return self._act(
            inputs.AssignSerializer,
            lambda claim, data: services.assign_claim(
                claim, actor=request.user, assignee=data["assignee"]
            ),
        )

    def _fingerprinted_object(self) -> Any:
        queryset = fingerprinted(
            self.filter_queryset(self.get_queryset()).for_lists()  # type: ignore[attr-defined]
        )
        claim = get_object_or_404(queryset, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, claim)
        return claim

    def _claim_response(self, claim: Claim, etag: str, code: int = 200) -> Response:
        full = with_details(Claim.objects.filter(pk=claim.pk)).get()
        data = ClaimSerializer(full, context=self.get_serializer_context()).data
        return Response(data, status=code, headers={"ETag": etag})

    def _act(
        self,
        serializer_class: type[Serializer],
        perform: Callable[[Claim, dict[str, Any]], object],
        *,
        created: bool = False,
    ) -> Response:
        request = self.request
        claim = self._fingerprinted_object()
        staff = sees_unpublished(request)
        guarded = check_if_match(request, claim_etag(claim, staff=staff))
        serializer = serializer_class(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        try:
            perform(claim, serializer.validated_data)
        except workflow.StaleClaim:
            # Changed between our read and the service's compare-and-set.
            if guarded:
                raise PreconditionFailed() from None
            raise
        claim = self._fingerprinted_object()
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return self._claim_response(claim, claim_etag(claim, staff=staff), code)
