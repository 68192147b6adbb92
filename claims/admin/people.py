"""Speakers and articles in the admin, each with its claims listed."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse

from sources.admin import SourceAdmin
from sources.models import Source

from .. import services, workflow
from ..models import Claim, Speaker, SpeakerAlias
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

    actions = ["merge_speakers"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # speakers come from extraction

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Merge the selected speakers", permissions=["change"])
    def merge_speakers(
        self, request: HttpRequest, queryset: QuerySet[Speaker]
    ) -> TemplateResponse | None:
        """Ask which name to keep, then file every claim under it."""
        # The list's queryset counts each speaker's claims (get_queryset).
        counted: QuerySet[Any] = queryset
        speakers = list(counted.order_by("-claim_count", "name"))
        if len(speakers) < 2:
            self.message_user(
                request, "Select two or more speakers to merge.", messages.WARNING
            )
            return None
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Merge speakers",
                "speakers": speakers,
                "claims_moving": sum(s.claim_count for s in speakers[1:]),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/claims/speaker/merge.html", context)
        keep = next(
            (s for s in speakers if str(s.pk) == request.POST.get("keep")), None
        )
        if keep is None:
            self.message_user(request, "Choose the name to keep.", messages.ERROR)
            return None
        try:
            moved = services.merge_speakers(keep, speakers, actor=request.user)
        except workflow.WorkflowError as error:
            self.message_user(request, f"Not merged: {error}", messages.ERROR)
            return None
        others = ", ".join(s.name for s in speakers if s.pk != keep.pk)
        # The speaker's admin history keeps who merged what, and when.
        self.log_change(request, keep, f"Merged {others} into it: {moved} claim(s).")
        self.message_user(
            request,
            f"Merged {others} into {keep.name}: {moved} claim(s) moved.",
            messages.SUCCESS,
        )
        return None


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(admin.ModelAdmin):
    """The names merges left behind; deleting one lets that name stand alone again."""

    list_display = ["name", "speaker", "created_at"]
    search_fields = ["name", "speaker__name"]
    list_select_related = ["speaker"]
    fields = readonly_fields = ("name", "key", "speaker", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # aliases come from merges


# The sources app knows nothing of claims; claims extends its admin page.
admin.site.unregister(Source)


@admin.register(Source)
class SourceWithClaimsAdmin(ShowsClaims, SourceAdmin):
    list_display = [*SourceAdmin.list_display, "claim_count"]
    inlines = [SourceClaimsInline]
    claims_of = "source"
