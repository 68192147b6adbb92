"""The site's URLs: dashboard at /, admin, API v1, public fact-check pages."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from claims.sitemaps import FactCheckSitemap
from claims.views.public import fact_check, fact_checks

from .api import build_router, not_found

router = build_router()

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("api/v1/", include(router.urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the strict CSP
    # (no inline scripts) holds; Redoc is left out: its page loads web fonts
    # from a CDN.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema"),
        name="api-docs",
    ),
    re_path(r"^api/.*/$", not_found),
    path("fact-checks/", fact_checks, name="fact-checks"),
    path("fact-checks/<int:pk>/", fact_check, name="fact-check"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"fact-checks": FactCheckSitemap}},
        name="sitemap",
    ),
    path("", include("claims.urls")),
]
