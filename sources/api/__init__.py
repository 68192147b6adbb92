"""The sources app's REST API: sources and imports."""

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    """Add the sources app's viewsets to the site's router."""
    from .views import ImportViewSet, SourceViewSet

    router.register("sources", SourceViewSet, basename="source")
    router.register("imports", ImportViewSet, basename="import")
