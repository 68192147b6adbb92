"""The claims app's REST API: claims, speakers, ratings."""

from rest_framework.routers import DefaultRouter

from .views import ClaimViewSet


def register(router: DefaultRouter) -> None:
    """Add the claims app's viewsets to the site's router."""
    router.register("claims", ClaimViewSet, basename="claim")
