"""The claim list and claim page reviewers work in all day."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timesince import timesince

from .. import services, workflow
from ..feed_etags import forget_feed_etags
from ..models import Claim, Evidence
from .actions import ClaimActions
from .filters import AssignedToMeFilter, SourceFilter, SpeakerConfidenceFilter
from .inlines import (
    AssignmentInline,
    EvidenceInline,
    RevisionInline,
    TransitionInline,
    quote_in_paragraph,
)
from .moves import ClaimMoves

STATUS_RANK = Case(
    *(When(status=s, then=Value(i)) for i, s in enumerate(Claim.Status.values)),
    output_field=IntegerField(),
)


@admin.register(Claim)
class ClaimAdmin(ClaimMoves, ClaimActions):
    list_display = [
        "short_quote",
        "speaker",
        "short_source",
        "status",
        "verdict",
        "assignee",
        "age",
    ]
    list_filter = [
        "status",
        "verdict",
        ("speaker", admin.RelatedOnlyFieldListFilter),
        SourceFilter,
        ("assignee", admin.RelatedOnlyFieldListFilter),
        AssignedToMeFilter,
        SpeakerConfidenceFilter,
    ]
    list_select_related = ["speaker", "source", "assignee"]
    search_fields = ["quote", "speaker__name", "source__title"]
    date_hierarchy = "created_at"
    list_per_page = 50
    raw_id_fields = ["speaker"]
    inlines = [EvidenceInline, TransitionInline, RevisionInline, AssignmentInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "quote_in_context",
                    "article",
                    "speaker",
                    "speaker_and_role",
                    "speaker_mention",
                    "speaker_role",
                ]
            },
        ),
        (
            "Review",
            {
                "fields": [
                    ("status", "verdict", "dismiss_reason"),
                    "summary",
                    ("assignee", "version"),
                    ("created_at", "status_changed_at", "rated_at"),
                ]
            },
        ),
        (
            "Extraction",
            {
                "classes": ["collapse"],
                "fields": ["quote", "kind", "cue", "confidence", "checkworthiness"],
            },
        ),
    ]
    review_fields = [
        "status",
        "verdict",
        "summary",
        "dismiss_reason",
        "assignee",
        "version",
        "created_at",
        "status_changed_at",
        "rated_at",
    ]
    shown_fields = [
        "quote_in_context",
        "article",
        "speaker_and_role",
        "quote",
        "kind",
        "cue",
        "confidence",
        "checkworthiness",
    ]

    # The list -----------------------------------------------------------------

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        # An article's text loads only on the claim page that highlights it.
        return (
            super()
            .get_queryset(request)
            .select_related("speaker", "source", "assignee")
            .defer("source__text")
        )

    def get_ordering(self, request: HttpRequest) -> list[Any]:
        # Pending, then sourced, rated, dismissed; the oldest first in each.
        return [STATUS_RANK.asc(), "created_at", "id"]

    @admin.display(description="quote", ordering="quote")
    def short_quote(self, obj: Claim) -> str:
        return str(obj)[:100]

    @admin.display(description="source", ordering="source__title")
    def short_source(self, obj: Claim) -> str:
        return str(obj.source)[:60]

    @admin.display(description="age", ordering="created_at")
    def age(self, obj: Claim) -> str:
        return timesince(obj.created_at, depth=1)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        counts = Claim.objects.aggregate(
            **{s: Count("pk", filter=Q(status=s)) for s in Claim.Status.values},
            mine=Count(
                "pk",
                filter=Q(
                    assignee=request.user.pk,
                    status__in=[Claim.Status.PENDING, Claim.Status.SOURCED],
                ),
            ),
        )
        status_counts = [
            (value, label, counts[value]) for value, label in Claim.Status.choices
        ]
        return super().changelist_view(
            request,
            {
                **(extra_context or {}),
                "status_counts": status_counts,
                "mine_waiting": counts["mine"],
            },
        )

    # The claim page -----------------------------------------------------------

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fixed = self.shown_fields + self.review_fields
        if obj is None or obj.status not in (
            Claim.Status.PENDING,
            Claim.Status.SOURCED,
        ):
            # A published or dismissed claim keeps its speaker as it was judged.
            return [*fixed, "speaker", "speaker_mention", "speaker_role"]
        return [*fixed, "speaker_mention"]

    @admin.display(description="quote in its paragraph")
    def quote_in_context(self, obj: Claim) -> SafeString:
        return quote_in_paragraph(obj.source.text, obj.start, obj.end, obj.quote)

    @admin.display(description="article")
    def article(self, obj: Claim) -> SafeString:
        url = reverse("admin:sources_source_change", args=[obj.source_id])
        return format_html(
            '<a href="{}">{}</a> {}', url, obj.source, obj.source.publisher
        )

    @admin.display(description="speaker and role")
    def speaker_and_role(self, obj: Claim) -> str:
        if obj.speaker is None:
            return "unattributed"
        role = obj.speaker_role or obj.speaker.role
        parts = [obj.speaker.name, role, obj.speaker.affiliation]
        return ", ".join(p for p in parts if p)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # claims come from extraction

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a claim is history once it is on the desk

    def save_model(
        self, request: HttpRequest, obj: Claim, form: Any, change: bool
    ) -> None:
        # Write only what the form edits: a whole-row save would write back the
        # status and verdict it loaded, over a move committed meanwhile.
        edited = [name for name in form.changed_data if name in form.fields]
        if edited:
            obj.save(update_fields=[*edited, "updated_at"])
            forget_feed_etags()

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        if formset.model is not Evidence:
            return super().save_formset(request, form, formset, change)
        claim = form.instance
        # The admin's change message reads these three lists.
        formset.new_objects = []
        formset.changed_objects = []
        formset.deleted_objects = []
        for inline_form in formset.forms:
            if not inline_form.has_changed() or not inline_form.cleaned_data:
                continue
            data = inline_form.cleaned_data
            if inline_form.instance.pk is None:
                evidence = services.attach_evidence(
                    claim,
                    actor=request.user,
                    url=data.get("url", ""),
                    excerpt=data.get("excerpt", ""),
                    stance=data.get("stance") or Evidence.Stance.CONTEXT,
                )
                formset.new_objects.append(evidence)
            else:
                formset.changed_objects.append(
                    (inline_form.save(), inline_form.changed_data)
                )
        return None

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except workflow.WorkflowError as error:
            # The evidence inline's service refused (the claim moved meanwhile);
            # the whole save was rolled back.
            self.message_user(request, f"Nothing was saved: {error}", messages.ERROR)
            return redirect(request.path)
