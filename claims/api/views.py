"""Views of the claims API."""

from rest_framework import viewsets

from ..models import Claim
from .serializers import ClaimSerializer


class ClaimViewSet(viewsets.ReadOnlyModelViewSet):
    """Claims with their speaker and source; anonymous readers see published ones."""

    serializer_class = ClaimSerializer
    queryset = Claim.objects.for_lists().order_by("id")

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = super().get_queryset()
        if not self.request.user.has_perm("claims.view_claim"):
            qs = qs.published()
        return qs
