"""Actions on many claims from the list, each a call to one service per claim."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from .. import services, workflow
from ..models import Claim
from .moves import REASON_CHOICES

# Past this many refusals the rest are summed up, so the page stays readable.
SHOWN_REFUSALS = 10


class ClaimActionForm(ActionForm):
    """The list's action bar, with what send back and dismiss need."""

    note = forms.CharField(required=False, label="Note")
    reason = forms.ChoiceField(choices=REASON_CHOICES, required=False, label="Reason")


class ClaimActions(admin.ModelAdmin):
    """The list's actions; ClaimAdmin builds on this."""

    actions = ["mark_sourced", "send_back", "dismiss", "assign_to_me"]
    action_form = ClaimActionForm

    def has_review_permission(self, request: HttpRequest) -> bool:
        return workflow.is_permitted(request.user, "claims.review_claim")

    def _each(
        self, request: HttpRequest, queryset: QuerySet[Claim], run: Any, done: str
    ) -> None:
        ok, failed = 0, []
        for claim in queryset:
            try:
                with transaction.atomic():
                    run(claim)
            except workflow.WorkflowError as error:
                failed.append(f"#{claim.pk}: {error}")
            else:
                ok += 1
        if ok:
            self.message_user(request, f"{ok} claim(s) {done}.", messages.SUCCESS)
        for line in failed[:SHOWN_REFUSALS]:
            self.message_user(request, f"Not changed: claim {line}", messages.ERROR)
        if len(failed) > SHOWN_REFUSALS:
            more = len(failed) - SHOWN_REFUSALS
            self.message_user(
                request, f"… and {more} more not changed.", messages.ERROR
            )

    @admin.action(description="Mark sourced", permissions=["review"])
    def mark_sourced(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        self._each(
            request,
            queryset,
            lambda c: services.mark_claim_sourced(c, actor=request.user),
            "marked sourced",
        )

    @admin.action(
        description="Send back to pending (with the note)", permissions=["review"]
    )
    def send_back(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        note = request.POST.get("note", "")
        self._each(
            request,
            queryset,
            lambda c: services.send_back_claim(c, actor=request.user, note=note),
            "sent back",
        )

    @admin.action(description="Dismiss (with the reason)", permissions=["review"])
    def dismiss(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        reason, note = request.POST.get("reason", ""), request.POST.get("note", "")
        self._each(
            request,
            queryset,
            lambda c: services.dismiss_claim(
                c, actor=request.user, reason=reason, note=note
            ),
            "dismissed",
        )

    @admin.action(description="Assign to me", permissions=["review"])
    def assign_to_me(self, request: HttpRequest, queryset: QuerySet[Claim]) -> None:
        self._each(
            request,
            queryset,
            lambda c: services.assign_claim(
                c, actor=request.user, assignee=request.user
            ),
            "assigned to you",
        )
