"""OpenAPI descriptions and examples of the claims API (drf-spectacular)."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from factcheck.api import error_responses

from . import inputs
from .examples import (
    CLAIM,
    CLAIM_REVIEW,
    RATING_ITEM,
    SPEAKER_RECORD,
)
from .serializers import ClaimSerializer, RatingSerializer, SpeakerSerializer


class ApiKeyScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "claims.api.auth.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Api-Key",
            "description": "Or `Authorization: Api-Key <key>`; keys raise the limit.",
        }


IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag you hold; 304 with no body if it is still current.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The claim's ETag as you read it; 412 if it changed since.",
)
FORMAT = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=["json", "csv"],
    description="`csv` for a spreadsheet of this page.",
)
NOT_MODIFIED = {304: OpenApiResponse(description="Not modified: your copy is current.")}


def _example(name: str, value: Any, **kwargs: Any) -> OpenApiExample:
    return OpenApiExample(name, value=value, **kwargs)


def _action(summary: str, request: Any, example: Any, code: int = 200) -> Any:
    return extend_schema(
        summary=summary,
        request=request,
        parameters=[IF_MATCH],
        responses={
            code: OpenApiResponse(
                response=ClaimSerializer,
                examples=[
                    _example("the claim after the move", CLAIM, response_only=True)
                ],
            ),
            **error_responses(400, 401, 403, 404, 409, 412, 429),
        },
        examples=[_example("input", example, request_only=True)],
        tags=["workflow"],
    )


claims = extend_schema_view(
    list=extend_schema(
        summary="List claims",
        description="Anonymous readers and keys see rated claims; desk staff all.",
        parameters=[IF_NONE_MATCH, FORMAT],
        responses={
            200: OpenApiResponse(
                response=ClaimSerializer,
                examples=[_example("a page of claims", CLAIM, response_only=True)],
            ),
            **NOT_MODIFIED,
            **error_responses(400, 404, 429),
        },
        tags=["claims"],
    ),
    retrieve=extend_schema(
        summary="One claim in full",
        parameters=[IF_NONE_MATCH],
        responses={
            200: OpenApiResponse(
                response=ClaimSerializer,
                examples=[_example("a rated claim", CLAIM, response_only=True)],
            ),
            **NOT_MODIFIED,
            **error_responses(404, 429),
        },
        tags=["claims"],
    ),
    claimreview=extend_schema(
        summary="The claim's ClaimReview (JSON-LD)",
        parameters=[IF_NONE_MATCH],
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                examples=[_example("ClaimReview", CLAIM_REVIEW, response_only=True)],
            ),
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
            **NOT_MODIFIED,
            **error_responses(404, 429),
        },
        tags=["claimreview"],
    ),
    attach_evidence=_action(
        "Attach evidence",
        inputs.AttachEvidenceSerializer,
        {"url": "https://stats.example.org/labour/2026", "stance": "refutes"},
        201,
    ),
    mark_sourced=_action("Mark sourced", inputs.EmptySerializer, {}),
    send_back=_action(
        "Send back to pending", inputs.NoteSerializer, {"note": "Find the 2025 table."}
    ),
    rate=_action(
        "Rate",
        inputs.RateSerializer,
        {"verdict": "mostly_false", "summary": "The fall was 0.4 points, not 2."},
    ),
    correct=_action(
        "Correct a rating",
        inputs.CorrectSerializer,
        {
            "verdict": "false",
            "summary": "The rate rose by 0.1 points.",
            "note": "The revised statistics came out.",
        },
    ),
    reopen=_action(
        "Reopen (withdraw the rating)",
        inputs.NoteSerializer,
        {"note": "New evidence to weigh."},
    ),
    dismiss=_action(
        "Dismiss", inputs.DismissSerializer, {"reason": "opinion", "note": "A view."}
    ),
    restore=_action("Restore a dismissed claim", inputs.EmptySerializer, {}),
    assign=_action("Assign", inputs.AssignSerializer, {"assignee": 5}),
)

ratings = extend_schema_view(
    list=extend_schema(
        summary="The ratings change feed",
        description=(
            "Published ratings, corrections and withdrawals in the order they "
            "happened. "
            "Start with `updated_since`, follow `next` until it is null, keep `resume` "
            "for your next sync: you see every change exactly once."
        ),
        parameters=[IF_NONE_MATCH, FORMAT],
        responses={
            200: OpenApiResponse(
                response=RatingSerializer,
                examples=[
                    _example("a page of ratings", RATING_ITEM, response_only=True)
                ],
            ),
            **NOT_MODIFIED,
            **error_responses(400, 429),
        },
        tags=["ratings"],
    )
)

claimreview_feed = extend_schema_view(
    list=extend_schema(
        summary="All published ratings as a schema.org DataFeed",
        description="Paged by `cursor`; the `Link` header names the next page.",
        parameters=[IF_NONE_MATCH],
        responses={
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                examples=[
                    _example(
                        "DataFeed",
                        {
                            "@context": "https://schema.org",
                            "@type": "DataFeed",
                            "name": "factcheck fact checks",
                            "publisher": CLAIM_REVIEW["author"],
                            "dataFeedElement": [
                                {
                                    k: v
                                    for k, v in CLAIM_REVIEW.items()
                                    if k != "@context"
                                }
                            ],
                        },
                        response_only=True,
                    )
                ],
            ),
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
            **NOT_MODIFIED,
            **error_responses(400, 429),
        },
        tags=["claimreview"],
    )
)
speakers = extend_schema_view(
    list=extend_schema(
        summary="Speakers with their rating record",
        parameters=[IF_NONE_MATCH],
        responses={
            200: OpenApiResponse(
                response=SpeakerSerializer,
                examples=[
                    _example("a page of speakers", SPEAKER_RECORD, response_only=True)
                ],
            ),
            **NOT_MODIFIED,
            **error_responses(400, 401, 403, 404, 429),
        },
        tags=["speakers"],
    ),
    retrieve=extend_schema(
        summary="One speaker and their record",
        parameters=[IF_NONE_MATCH],
        responses={
            200: OpenApiResponse(
                response=SpeakerSerializer,
                examples=[_example("a speaker", SPEAKER_RECORD, response_only=True)],
            ),
            301: OpenApiResponse(
                description="The speaker was merged into another; `Location` is "
                "the speaker kept."
            ),
            **NOT_MODIFIED,
            **error_responses(401, 403, 404, 429),
        },
        tags=["speakers"],
    ),
)
