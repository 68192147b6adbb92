"""The reviewers' admin: claims, speakers, evidence and the history they leave."""

from django.contrib import admin

from .models import ApiKey, Claim, ClaimTransition, Evidence, Speaker, WebhookEndpoint


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ["url", "excerpt", "stance", "added_by", "created_at"]
    readonly_fields = ["added_by", "created_at"]
    extra = 0


class TransitionInline(admin.TabularInline):
    model = ClaimTransition
    fields = ["at", "action", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "source", "status", "verdict", "assignee"]
    list_filter = ["status", "verdict"]
    list_select_related = ["speaker", "source", "assignee"]
    search_fields = ["quote", "speaker__name", "source__title"]
    readonly_fields = ["status", "verdict", "summary", "assignee", "version"]
    raw_id_fields = ["source", "speaker"]
    inlines = [EvidenceInline, TransitionInline]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "role"]
    search_fields = ["name"]
    readonly_fields = ["key"]


@admin.register(ClaimTransition)
class ClaimTransitionAdmin(admin.ModelAdmin):
    list_display = ["claim", "action", "from_status", "to_status", "actor", "at"]
    list_select_related = ["claim", "actor"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["claim", "stance", "url", "added_by", "created_at"]
    list_select_related = ["claim", "added_by"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ["url", "active", "created_at"]


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "created_at", "expires_at", "revoked_at"]


# Editors create and revoke API keys there (the raw key is shown once).
from . import admin_keys  # noqa: E402, F401
