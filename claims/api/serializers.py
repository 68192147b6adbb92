"""Serializers of the claims API; no serializer writes `status`."""

from rest_framework import serializers

from ..models import Claim, Speaker


class SpeakerSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Speaker
        fields = ["id", "name", "role"]


class ClaimSerializer(serializers.ModelSerializer):
    speaker = SpeakerSummarySerializer(read_only=True)
    source_title = serializers.CharField(source="source.title", read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "quote",
            "speaker",
            "speaker_role",
            "source",
            "source_title",
            "start",
            "end",
            "kind",
            "status",
            "verdict",
            "summary",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
