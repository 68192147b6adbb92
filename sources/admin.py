"""Admin for sources, feeds, import jobs and failed tasks."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from . import fetching
from .exceptions import UnsafeURL
from .models import Feed, Import, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """Articles and evidence documents; their text is fixed once imported."""

    list_display = ["title", "publisher", "kind", "published_at", "created_at"]
    list_filter = ["kind", "publisher"]
    search_fields = ["title", "url", "canonical_url"]
    date_hierarchy = "created_at"
    fields = [
        "title",
        "publisher",
        "author",
        "published_at",
        "language",
        "kind",
        "url",
        "canonical_url",
        "feed",
        "content_sha256",
        "created_at",
        "extracted_at",
        "text",
    ]
    # Claims point into the text by offset: editing it would move every quote.
    readonly_fields = [
        "kind",
        "url",
        "canonical_url",
        "feed",
        "content_sha256",
        "created_at",
        "extracted_at",
        "text",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        # The list never shows the text; the page loads it on its own.
        return super().get_queryset(request).select_related("feed").defer("text")

    def save_model(
        self, request: HttpRequest, obj: Source, form: Any, change: bool
    ) -> None:
        # Only the edited metadata: a whole-row save would write back the
        # `extracted_at` it loaded over the extraction task's.
        edited = [name for name in form.changed_data if name in form.fields]
        if edited:
            obj.save(update_fields=edited)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # articles arrive through an import, which dedupes them

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # claims and evidence point at it


class FeedForm(forms.ModelForm):
    url = forms.URLField(max_length=2000, assume_scheme="https")

    class Meta:
        model = Feed
        fields = ["url", "title", "active"]

    def clean_url(self) -> str:
        """Refuse a URL the fetcher would refuse, before it is ever polled."""
        url = self.cleaned_data["url"]
        try:
            fetching.check_url(url, resolve=False)
        except UnsafeURL as exc:
            raise forms.ValidationError(str(exc)) from exc
        return url


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    form = FeedForm
    list_display = ["url", "title", "active", "last_polled_at", "last_error"]
    list_filter = ["active"]
    fields = [
        "url",
        "title",
        "active",
        "etag",
        "last_modified",
        "last_polled_at",
        "last_error",
    ]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "last_error"]


@admin.register(Import)
class ImportAdmin(admin.ModelAdmin):
    """Import jobs as they ran; a record, not a form."""

    list_display = ["id", "kind", "state", "url", "source", "created_at"]
    list_filter = ["state", "kind"]
    list_select_related = ["source"]
    exclude = ["payload"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Import]:
        return (
            super()
            .get_queryset(request)
            .select_related("source", "feed", "requested_by")
            .defer("payload", "source__text")
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [f.name for f in Import._meta.fields if f.name != "payload"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# Failed tasks, with a retry action, have their own module.
from . import admin_failed  # noqa: E402, F401
