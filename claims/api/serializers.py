"""Output serializers of the claims API; none of them writes `status`."""

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sources.models import Source

from ..models import VERDICT_SCALE, Claim, Evidence, RatingRevision, Speaker


class SpeakerSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = ["id", "name", "role", "affiliation"]
        read_only_fields = fields


class SourceSummarySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Empty for pasted text")

    class Meta:
        model = Source
        fields = ["id", "title", "url", "publisher", "published_at"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_url(self, source: Source) -> str:
        return source.url or source.canonical_url


class EvidenceSerializer(serializers.ModelSerializer):
    url = serializers.CharField(read_only=True, help_text="Empty for an excerpt")

    class Meta:
        model = Evidence
        fields = ["id", "url", "excerpt", "stance", "document", "created_at"]
        read_only_fields = fields


class RevisionSerializer(serializers.ModelSerializer):
    rating_value = serializers.SerializerMethodField()

    class Meta:
        model = RatingRevision
        fields = ["verdict", "rating_value", "summary", "note", "created_at"]
        read_only_fields = fields

    def get_rating_value(self, revision: RatingRevision) -> int | None:
        return VERDICT_SCALE.get(Claim.Verdict(revision.verdict))


class RatingSummarySerializer(serializers.Serializer):
    """The claim's current, published rating."""

    verdict = serializers.ChoiceField(choices=Claim.Verdict.choices)
    label = serializers.CharField()  # type: ignore[assignment]
    rating_value = serializers.IntegerField(
        allow_null=True, help_text="1 (false) to 5 (true); null for unproven"
    )
    summary = serializers.CharField()
    rated_at = serializers.DateTimeField()


def current_rating(claim: Claim) -> dict[str, Any] | None:
    if claim.status != Claim.Status.RATED:
        return None
    return {
        "verdict": claim.verdict,
        "label": Claim.Verdict(claim.verdict).label,
        "rating_value": claim.rating_value,
        "summary": claim.summary,
        "rated_at": claim.rated_at,
    }


class ClaimLinksMixin:
    """Absolute links of a claim and its ClaimReview."""

    context: dict[str, Any]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, claim: Claim) -> str:
        return f"{self._claims_url()}{claim.pk}/"

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_claimreview_url(self, claim: Claim) -> str | None:
        if claim.status != Claim.Status.RATED:
            return None
        return f"{self._claims_url()}{claim.pk}/claimreview/"

    @extend_schema_field(RatingSummarySerializer(allow_null=True))
    def get_rating(self, claim: Claim) -> dict[str, Any] | None:
        return current_rating(claim)

    def _claims_url(self) -> str:
        """Return the absolute `claims/` address, reversed once per response."""
        # The context dict is shared by a list's rows, so 50 rows reverse once.
        cached = self.context.get("_claims_url")
        if cached is None:
            request = self.context.get("request")
            path = reverse("claim-list")
            cached = request.build_absolute_uri(path) if request else path
            self.context["_claims_url"] = cached
        return str(cached)


class ClaimSerializer(ClaimLinksMixin, serializers.ModelSerializer):
    """A claim in full: speaker, article, evidence, rating and its revisions."""

    url = serializers.SerializerMethodField()
    claimreview_url = serializers.SerializerMethodField()
    speaker = SpeakerSummarySerializer(read_only=True, allow_null=True)
    source = SourceSummarySerializer(read_only=True)  # type: ignore[assignment]
    dismiss_reason = serializers.ChoiceField(
        choices=Claim.DismissReason.choices, allow_blank=True, read_only=True
    )
    assignee = serializers.SerializerMethodField()
    speaker_confidence = serializers.FloatField(
        source="confidence",
        read_only=True,
        help_text=(
            "How often the way the extractor found this speaker names the right "
            "person (0.98 for “…,” X said; 0.84 for “…,” he said; 0.45 when "
            "nobody was named), measured on annotated news: see docs/extraction.md"
        ),
    )
    rating = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)
    revisions = RevisionSerializer(many=True, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "claimreview_url",
            "quote",
            "context",
            "kind",
            "speaker",
            "speaker_role",
            "speaker_confidence",
            "source",
            "start",
            "end",
            "status",
            "version",
            "dismiss_reason",
            "assignee",
            "checkworthiness",
            "rating",
            "evidence",
            "revisions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "string",
            "nullable": True,
            "description": "Username; shown to desk staff only",
        }
    )
    def get_assignee(self, claim: Claim) -> str | None:
        request = self.context.get("request")
        if claim.assignee is None or not (
            request and request.user.has_perm("claims.view_claim")
        ):
            return None
        return claim.assignee.get_username()


class RatingSerializer(ClaimLinksMixin, serializers.ModelSerializer):
    """One item of the ratings feed: a published rating, or a withdrawn one."""

    url = serializers.SerializerMethodField()
    claimreview_url = serializers.SerializerMethodField()
    withdrawn = serializers.SerializerMethodField()
    speaker = SpeakerSummarySerializer(read_only=True, allow_null=True)
    source = SourceSummarySerializer(read_only=True)  # type: ignore[assignment]
    rating = serializers.SerializerMethodField()
    revisions = RevisionSerializer(many=True, read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "claimreview_url",
            "withdrawn",
            "quote",
            "speaker",
            "speaker_role",
            "source",
            "rating",
            "revisions",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "boolean",
            "description": "The rating was taken back (reopened); drop your copy.",
        }
    )
    def get_withdrawn(self, claim: Claim) -> bool:
        return claim.status != Claim.Status.RATED


VERDICT_KEYS = [v.value for v in Claim.Verdict]


class SpeakerSerializer(serializers.ModelSerializer):
    """A speaker with the record of their published ratings."""

    record = serializers.SerializerMethodField()

    class Meta:
        model = Speaker
        fields = ["id", "name", "role", "affiliation", "record"]
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                **{k: {"type": "integer"} for k in VERDICT_KEYS},
                "total": {"type": "integer"},
            },
            "required": [*VERDICT_KEYS, "total"],
        }
    )
    def get_record(self, speaker: Speaker) -> dict[str, int]:
        counts = {k: getattr(speaker, f"rated_{k}", 0) for k in VERDICT_KEYS}
        return {**counts, "total": sum(counts.values())}
