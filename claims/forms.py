"""The dashboard's forms: they parse input; services decide what may happen."""

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.db.models import F, Q
from django.utils import timezone

from sources.models import Feed

from . import services
from .models import Claim, Evidence

HTTP_URL = [URLValidator(schemes=["http", "https"])]


class EvidenceForm(forms.Form):
    url = forms.URLField(
        label="Link",
        required=False,
        max_length=2000,
        validators=HTTP_URL,
        assume_scheme="https",
    )
    excerpt = forms.CharField(
        label="Excerpt", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    stance = forms.ChoiceField(
        label="Stance", choices=Evidence.Stance.choices, initial="context"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("url") or data.get("excerpt", "").strip()):
            raise forms.ValidationError("Give a link or an excerpt.")
        return data


class NoteForm(forms.Form):
    note = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 2}))


class RateForm(forms.Form):
    # No verdict is preselected: publishing "true" by accident must be impossible.
    verdict = forms.ChoiceField(
        label="Verdict", choices=[("", "Choose a verdict…"), *Claim.Verdict.choices]
    )
    summary = forms.CharField(label="Summary", widget=forms.Textarea(attrs={"rows": 4}))


class CorrectForm(RateForm):
    note = forms.CharField(
        label="What changed and why", widget=forms.Textarea(attrs={"rows": 2})
    )


class DismissForm(forms.Form):
    reason = forms.ChoiceField(label="Reason", choices=Claim.DismissReason.choices)
    note = forms.CharField(
        label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EmptyForm(forms.Form):
    pass


def assignee_field(required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Assignee",
        queryset=services.reviewers(),
        required=required,
        empty_label="Nobody",
    )


class AssignForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = assignee_field()


class BulkForm(forms.Form):
    """Several claims from the queue, and what to do with them."""

    ACTIONS = [("assign", "Assign"), ("dismiss", "Dismiss")]
    claims = forms.ModelMultipleChoiceField(
        queryset=Claim.objects.all(), widget=forms.MultipleHiddenInput
    )
    action = forms.ChoiceField(choices=ACTIONS)
    reason = forms.ChoiceField(
        label="Reason", choices=Claim.DismissReason.choices, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = assignee_field()


class ImportForm(forms.Form):
    """One import: a URL, pasted text or an uploaded file, as the `kind` says."""

    kind = forms.ChoiceField(
        choices=[("url", "URL"), ("text", "Text"), ("file", "File")],
        widget=forms.HiddenInput,
    )
    url = forms.URLField(
        label="Article URL",
        required=False,
        max_length=2000,
        validators=HTTP_URL,
        assume_scheme="https",
    )
    text = forms.CharField(
        label="Article text", required=False, widget=forms.Textarea, strip=False
    )
    file = forms.FileField(label="Article file (text or HTML)", required=False)
    title = forms.CharField(label="Title (optional)", required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == "url" and not data.get("url"):
            self.add_error("url", "Give the article's address.")
        elif kind == "text" and not data.get("text", "").strip():
            self.add_error("text", "Paste the article's text.")
        elif kind == "file":
            upload = data.get("file")
            if upload is None:
                self.add_error("file", "Choose a file.")
            elif upload.size > settings.IMPORT_MAX_BYTES:
                self.add_error(
                    "file",
                    f"The file has {upload.size:,} bytes; the limit is "
                    f"{settings.IMPORT_MAX_BYTES:,}.",
                )
        return data


class FeedForm(forms.ModelForm):
    url = forms.URLField(
        label="Feed URL", max_length=2000, validators=HTTP_URL, assume_scheme="https"
    )

    class Meta:
        model = Feed
        fields = ["url", "title"]


SORTS = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "waiting": ("status_changed_at", "id"),
    # Unscored claims last on every database (PostgreSQL sorts NULL first in DESC).
    "checkworthy": (F("checkworthiness").desc(nulls_last=True), "-id"),
    "speaker": ("speaker__name", "id"),
    "status": ("status", "-created_at", "-id"),
}


class ClaimFilter(django_filters.FilterSet):
    """The queue's filters; each one a WHERE clause, never a Python loop."""

    q = django_filters.CharFilter(label="Search", method="search")
    status = django_filters.ChoiceFilter(choices=Claim.Status.choices)
    verdict = django_filters.ChoiceFilter(choices=Claim.Verdict.choices)
    speaker = django_filters.CharFilter(
        label="Speaker", field_name="speaker__name", lookup_expr="icontains"
    )
    speaker_id = django_filters.NumberFilter(field_name="speaker_id")
    source = django_filters.CharFilter(
        label="Source", field_name="source__title", lookup_expr="icontains"
    )
    source_id = django_filters.NumberFilter(field_name="source_id")
    assignee = django_filters.ChoiceFilter(
        label="Assignee", method="by_assignee", empty_label="Anyone"
    )
    older_than = django_filters.NumberFilter(
        label="Waiting more than (days)", method="by_age", min_value=0
    )
    sort = django_filters.ChoiceFilter(
        label="Sort",
        choices=[(k, k.capitalize()) for k in SORTS],
        method="by_sort",
        empty_label=None,
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["assignee"].extra["choices"] = [("none", "Unassigned")] + [
            (str(u.pk), u.get_username()) for u in services.reviewers()
        ]

    def search(self, qs: Any, name: str, value: str) -> Any:
        return qs.filter(
            Q(quote__icontains=value)
            | Q(speaker__name__icontains=value)
            | Q(source__title__icontains=value)
        )

    def by_assignee(self, qs: Any, name: str, value: str) -> Any:
        return (
            qs.filter(assignee__isnull=True)
            if value == "none"
            else qs.filter(assignee_id=value)
        )

    def by_age(self, qs: Any, name: str, value: Any) -> Any:
        return qs.filter(
            status_changed_at__lt=timezone.now() - dt.timedelta(days=int(value))
        )

    def by_sort(self, qs: Any, name: str, value: str) -> Any:
        return qs.order_by(*SORTS.get(value, SORTS["newest"]))

    @property
    def qs(self) -> Any:
        qs = super().qs
        if not self.form.cleaned_data.get("sort"):
            qs = qs.order_by(*SORTS["newest"])
        return qs
