"""Editors' admin for API keys: create (the raw key shown once), revoke, see use."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from ..models import ApiKey


@admin.action(description="Revoke the selected keys", permissions=["change"])
def revoke_keys(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[ApiKey]
) -> None:
    count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    messages.success(request, f"Revoked {count} key(s); they stop working at once.")


# The admin registered a plain ApiKeyAdmin before this module was written.
if admin.site.is_registered(ApiKey):
    admin.site.unregister(ApiKey)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Only the hash is stored; the raw key appears once, on the page after creation."""

    list_display = [
        "name",
        "prefix",
        "created_by",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["created_by"]
    search_fields = ["name", "prefix"]
    fields = ["name", "expires_at", "prefix", "created_by", "created_at", "revoked_at"]
    readonly_fields = ["prefix", "created_by", "created_at", "revoked_at"]
    actions = [revoke_keys]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Revoke instead: a deleted key would leave no trace of who used the API.
        return False

    def save_model(
        self, request: HttpRequest, obj: ApiKey, form: Any, change: bool
    ) -> None:
        if not change:
            raw, obj.prefix, obj.key_hash = ApiKey.generate()
            obj.created_by = request.user  # type: ignore[assignment]
            # Held on the request only, for response_add; never stored or logged.
            request._new_api_key = raw  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def response_add(
        self, request: HttpRequest, obj: ApiKey, post_url_continue: str | None = None
    ) -> HttpResponse:
        raw = getattr(request, "_new_api_key", None)
        if raw is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "key": obj,
            "raw_key": raw,
            "title": f"API key “{obj.name}” created",
        }
        return TemplateResponse(request, "admin/claims/apikey/created.html", context)
