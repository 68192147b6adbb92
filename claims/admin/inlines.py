"""The claim page's parts: the quote in its paragraph, evidence and history inlines."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..models import Claim, ClaimAssignment, ClaimTransition, Evidence, RatingRevision

# Paragraphs longer than this are cut around the quote, so a page stays readable.
CONTEXT_CHARS = 600


def quote_in_paragraph(text: str, start: int, end: int, quote: str) -> SafeString:
    """Return the quote's paragraph as HTML with the quote marked; all text escaped."""
    if not (0 <= start < end <= len(text)):
        return format_html("<mark>{}</mark>", quote)
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last == -1 else last
    before, after = text[first:start], text[end:last]
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:]
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS] + "…"
    return format_html(
        '<div class="quote-in-context" style="white-space: pre-wrap; max-width: 60em">'
        "{}<mark>{}</mark>{}</div>",
        before,
        text[start:end],
        after,
    )


class EvidenceForm(forms.ModelForm):
    url = forms.URLField(required=False, max_length=2000, assume_scheme="https")

    class Meta:
        model = Evidence
        fields = ["url", "excerpt", "stance"]
        widgets = {"excerpt": forms.Textarea(attrs={"rows": 2, "cols": 50})}

    def clean_url(self) -> str:
        url = self.cleaned_data["url"].strip()
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError("Use an http:// or https:// address.")
        return url

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("url") or str(data.get("excerpt", "")).strip()):
            raise forms.ValidationError("Give a URL or an excerpt.")
        return data


class EvidenceInline(admin.TabularInline):
    model = Evidence
    form = EvidenceForm
    fields = ["url", "excerpt", "stance", "document", "added_by", "created_at"]
    readonly_fields = ["document", "added_by", "created_at"]
    extra = 1

    def get_queryset(self, request: HttpRequest) -> QuerySet[Evidence]:
        return (
            super()
            .get_queryset(request)
            .select_related("added_by", "document")
            .defer("document__text")
        )

    def _in_review(self, obj: Claim | None) -> bool:
        return obj is not None and obj.status in (
            Claim.Status.PENDING,
            Claim.Status.SOURCED,
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._in_review(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._in_review(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # evidence behind a verdict stays


class ReadOnlyInline(admin.TabularInline):
    """An inline that shows rows and changes none; `related` is joined in one query."""

    extra = 0
    can_delete = False
    related: list[str] = []

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).select_related(*self.related)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class HistoryInline(ReadOnlyInline):
    """A read-only inline over an append-only log."""

    related = ["actor"]


class TransitionInline(HistoryInline):
    model = ClaimTransition
    fields = ["at", "action", "from_status", "to_status", "actor", "note"]
    verbose_name_plural = "history"


class RevisionInline(HistoryInline):
    model = RatingRevision
    fields = ["created_at", "verdict", "summary", "note", "actor"]
    verbose_name_plural = "published ratings, oldest first"


class AssignmentInline(HistoryInline):
    model = ClaimAssignment
    fields = ["at", "assignee", "assigned_by"]
    related = ["assignee", "assigned_by"]
