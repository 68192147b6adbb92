"""The review moves the admin offers, each a thin call to one service."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    QueryDict,
)
from django.shortcuts import redirect
from django.urls import path, reverse

from .. import services, workflow
from ..models import Claim

VERDICT_CHOICES = [("", "—"), *Claim.Verdict.choices]
REASON_CHOICES = [("", "—"), *Claim.DismissReason.choices]


def _note(required: bool = True) -> forms.CharField:
    return forms.CharField(
        label="Note" if required else "Note (optional)",
        required=False,  # the service says what is missing, in one place
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )


class NoteForm(forms.Form):
    note = _note()


class RateForm(forms.Form):
    verdict = forms.ChoiceField(choices=VERDICT_CHOICES, required=False)
    summary = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60})
    )


class CorrectForm(RateForm):
    note = _note()


class DismissForm(forms.Form):
    reason = forms.ChoiceField(choices=REASON_CHOICES, required=False)
    note = _note(required=False)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), required=False, empty_label="nobody"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = services.reviewers()  # type: ignore[attr-defined]


def _text(data: QueryDict, name: str) -> str:
    return str(data.get(name, ""))


def _assign(claim: Claim, user: workflow.Actor, data: QueryDict) -> str:
    form = AssignForm(data)
    if not form.is_valid():
        raise workflow.ClaimNotReady("choose an active reviewer")
    assignee = form.cleaned_data["assignee"]
    services.assign_claim(claim, actor=user, assignee=assignee)
    return f"Claim assigned to {assignee}." if assignee else "Claim unassigned."


@dataclass(frozen=True)
class Move:
    """One button on the claim page: its label, form and the service it calls."""

    label: str
    run: Callable[[Claim, workflow.Actor, QueryDict], Any]
    done: str
    form: type[forms.Form] | None = None
    action: str = ""  # the workflow edge, if it is one; assignment is not


MOVES: dict[str, Move] = {
    "mark-sourced": Move(
        "Mark sourced",
        lambda c, u, d: services.mark_claim_sourced(c, actor=u),
        "Claim marked sourced.",
        action="claim.mark_sourced",
    ),
    "send-back": Move(
        "Send back",
        lambda c, u, d: services.send_back_claim(c, actor=u, note=_text(d, "note")),
        "Claim sent back to pending.",
        NoteForm,
        "claim.send_back",
    ),
    "rate": Move(
        "Rate",
        lambda c, u, d: services.rate_claim(
            c, actor=u, verdict=_text(d, "verdict"), summary=_text(d, "summary")
        ),
        "Claim rated and published.",
        RateForm,
        "claim.rate",
    ),
    "correct": Move(
        "Correct the rating",
        lambda c, u, d: services.correct_rating(
            c,
            actor=u,
            verdict=_text(d, "verdict"),
            summary=_text(d, "summary"),
            note=_text(d, "note"),
        ),
        "Rating corrected; the previous one is kept as a revision.",
        CorrectForm,
        "claim.correct",
    ),
    "reopen": Move(
        "Reopen",
        lambda c, u, d: services.reopen_claim(c, actor=u, note=_text(d, "note")),
        "Rating withdrawn; the claim is sourced again.",
        NoteForm,
        "claim.reopen",
    ),
    "dismiss": Move(
        "Dismiss",
        lambda c, u, d: services.dismiss_claim(
            c, actor=u, reason=_text(d, "reason"), note=_text(d, "note")
        ),
        "Claim dismissed.",
        DismissForm,
        "claim.dismiss",
    ),
    "restore": Move(
        "Restore",
        lambda c, u, d: services.restore_claim(c, actor=u),
        "Claim restored to pending.",
        action="claim.restore",
    ),
    "assign-to-me": Move(
        "Assign to me",
        lambda c, u, d: services.assign_claim(c, actor=u, assignee=u),
        "Claim assigned to you.",
    ),
    "assign": Move("Assign", _assign, "", AssignForm),
}


def offered(claim: Claim, user: workflow.Actor) -> list[tuple[str, Move]]:
    """Return the moves to show `user` on `claim` (the services still decide)."""
    edges = set(workflow.allowed_actions(claim, user))
    shown = [(slug, m) for slug, m in MOVES.items() if m.action and m.action in edges]
    if claim.assignee_id != getattr(user, "pk", None) and (
        workflow.is_permitted(user, "claims.assign_claim")
        or (
            claim.assignee_id is None
            and workflow.is_permitted(user, "claims.review_claim")
        )
    ):
        shown.append(("assign-to-me", MOVES["assign-to-me"]))
    if workflow.is_permitted(user, "claims.assign_claim"):
        shown.append(("assign", MOVES["assign"]))
    return shown


class ClaimMoves(admin.ModelAdmin):
    """The claim page's review buttons, each posting to `move_view`."""

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> HttpResponse:
        claim = context.get("original")
        if claim is not None:
            context["review_moves"] = [
                {
                    "slug": slug,
                    "label": move.label,
                    "form": move.form(auto_id=f"{slug}-%s") if move.form else None,
                    "url": reverse("admin:claims_claim_move", args=[claim.pk, slug]),
                }
                for slug, move in offered(claim, request.user)
            ]
        return super().render_change_form(request, context, *args, **kwargs)

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<path:object_id>/move/<slug:slug>/",
                self.admin_site.admin_view(self.move_view),
                name="claims_claim_move",
            ),
            *super().get_urls(),
        ]

    def move_view(
        self, request: HttpRequest, object_id: str, slug: str
    ) -> HttpResponse:
        """Take one review move from the claim page; report it as a message."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        move = MOVES.get(slug)
        claim = self.get_object(request, object_id)
        if (
            move is None
            or claim is None
            or not self.has_view_permission(request, claim)
        ):
            raise Http404("no such claim or move")
        # The page's version: a move made from a page someone else has since
        # changed loses (StaleClaim) instead of acting on what the reviewer did not see.
        version = request.POST.get("version", "")
        if version.isdigit():
            claim.version = int(version)
        try:
            move.run(claim, request.user, request.POST)
        except workflow.WorkflowError as error:
            reason = str(error)
            self.message_user(
                request,
                f"{move.label}: refused. {reason[:1].upper()}{reason[1:]}.",
                messages.ERROR,
            )
        else:
            done = move.done or (
                f"Claim assigned to {claim.assignee}."
                if claim.assignee
                else "Claim unassigned."
            )
            self.message_user(request, done, messages.SUCCESS)
        return redirect("admin:claims_claim_change", claim.pk)
