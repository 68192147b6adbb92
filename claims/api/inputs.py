"""Input serializers of the workflow actions, one per action; each maps to a service."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from sources.models import Source

from ..models import Claim, Evidence


class AttachEvidenceSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=2000, required=False, allow_blank=True)
    excerpt = serializers.CharField(
        required=False, allow_blank=True, max_length=20000, trim_whitespace=True
    )
    stance = serializers.ChoiceField(
        choices=Evidence.Stance.choices, default=Evidence.Stance.CONTEXT
    )
    document = serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(), required=False, allow_null=True
    )

    def validate(self, attrs: dict) -> dict:  # type: ignore[type-arg]
        if not (attrs.get("url") or attrs.get("excerpt") or attrs.get("document")):
            raise serializers.ValidationError(
                "evidence needs a url, an excerpt or a document"
            )
        return attrs


class EmptySerializer(serializers.Serializer):
    """No input: the action needs only the claim."""


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=5000, help_text="Why; kept in the history")


class RateSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Claim.Verdict.choices)
    summary = serializers.CharField(max_length=20000)


class CorrectSerializer(RateSerializer):
    note = serializers.CharField(
        max_length=5000, help_text="What was corrected and why"
    )


class DismissSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=Claim.DismissReason.choices)
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class AssignSerializer(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True),
        allow_null=True,
        help_text="User id of the reviewer, or null to unassign",
    )
