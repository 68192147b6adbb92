"""Speakers and articles in the admin, each with its claims listed."""

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from sources.admin import SourceAdmin
from sources.models import Source

from .. import services
from ..models import Claim, Speaker
from .inlines import ReadOnlyInline


class ClaimsInline(ReadOnlyInline):
    """The claims of a speaker or an article, read-only, each linking to its page."""

    model = Claim
    fields = ["quote", "status", "verdict", "assignee", "created_at"]
    show_change_link = True
    related = ["assignee"]


class SpeakerClaimsInline(ClaimsInline):
    fk_name = "speaker"
    fields = ["quote", "source", "status", "verdict", "assignee", "created_at"]
    related = ["assignee", "source"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        return super().get_queryset(request).defer("source__text")


class SourceClaimsInline(ClaimsInline):
    fk_name = "source"
    fields = ["quote", "speaker", "status", "verdict", "assignee", "created_at"]
    related = ["assignee", "speaker"]


class ShowsClaims(admin.ModelAdmin):
    """A speaker's or an article's page: its claims counted, and an edit of it
    moving them (their API copies show its name or title)."""

    claims_of = ""  # the claim field that points at this model

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            services.claims_shown_changed(**{self.claims_of: obj})

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj: Any) -> int:
        return int(obj.claim_count)


@admin.register(Speaker)
class SpeakerAdmin(ShowsClaims):
    list_display = ["name", "role", "affiliation", "claim_count"]
    search_fields = ["name", "role", "affiliation"]
    fields = ["name", "role", "affiliation", "key", "created_at"]
    readonly_fields = ["key", "created_at"]
    inlines = [SpeakerClaimsInline]
    claims_of = "speaker"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # speakers come from extraction

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# The sources app knows nothing of claims; claims extends its admin page.
admin.site.unregister(Source)


@admin.register(Source)
class SourceWithClaimsAdmin(ShowsClaims, SourceAdmin):
    list_display = [*SourceAdmin.list_display, "claim_count"]
    inlines = [SourceClaimsInline]
    claims_of = "source"
