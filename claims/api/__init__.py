"""The claims app's REST API: claims and their actions, ratings, speakers, ClaimReview.

Views are imported inside `register()`: settings name `claims.api.auth` and
`claims.api.throttles`, which DRF imports while `rest_framework.views` is still
loading, so importing this package must not pull the views in.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rest_framework.routers import DefaultRouter


def register(router: "DefaultRouter") -> None:
    """Add the claims app's viewsets to the site's router."""
    from .feeds import ClaimReviewFeedViewSet, RatingViewSet
    from .speakers import SpeakerViewSet
    from .views import ClaimViewSet

    router.register("claims", ClaimViewSet, basename="claim")
    router.register("ratings", RatingViewSet, basename="rating")
    router.register("speakers", SpeakerViewSet, basename="speaker")
    router.register("claimreview", ClaimReviewFeedViewSet, basename="claimreview")
