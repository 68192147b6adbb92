"""A claim in its article: evidence, history, and the moves the viewer may take."""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import services
from ..forms import (
    AssignForm,
    CorrectForm,
    DismissForm,
    EmptyForm,
    EvidenceForm,
    NoteForm,
    RateForm,
)
from ..models import Claim, ClaimAssignment
from ..workflow import NotPermitted, WorkflowError, allowed_actions
from .claimreview import claimreview_preview
from .speakers import verdict_distribution

# How much of the quote's paragraph to show on each side of it.
CONTEXT_CHARS = 1200


@dataclass(frozen=True)
class Move:
    label: str
    form: type[forms.Form]
    run: Callable[[Claim, Any, dict[str, Any]], object]
    done: str


MOVES: dict[str, Move] = {
    "claim.mark_sourced": Move(
        "Mark sourced",
        EmptyForm,
        lambda c, u, d: services.mark_claim_sourced(c, actor=u),
        "Marked sourced.",
    ),
    "claim.send_back": Move(
        "Send back to pending",
        NoteForm,
        lambda c, u, d: services.send_back_claim(c, actor=u, note=d["note"]),
        "Sent back to pending.",
    ),
    "claim.dismiss": Move(
        "Dismiss",
        DismissForm,
        lambda c, u, d: services.dismiss_claim(
            c, actor=u, reason=d["reason"], note=d["note"]
        ),
        "Dismissed.",
    ),
    "claim.rate": Move(
        "Rate and publish",
        RateForm,
        lambda c, u, d: services.rate_claim(
            c, actor=u, verdict=d["verdict"], summary=d["summary"]
        ),
        "Rated and published.",
    ),
    "claim.correct": Move(
        "Correct the rating",
        CorrectForm,
        lambda c, u, d: services.correct_rating(
            c, actor=u, verdict=d["verdict"], summary=d["summary"], note=d["note"]
        ),
        "Rating corrected; the previous one stays in the history.",
    ),
    "claim.reopen": Move(
        "Reopen (withdraw the rating)",
        NoteForm,
        lambda c, u, d: services.reopen_claim(c, actor=u, note=d["note"]),
        "Rating withdrawn; the claim is sourced again.",
    ),
    "claim.restore": Move(
        "Restore to pending",
        EmptyForm,
        lambda c, u, d: services.restore_claim(c, actor=u),
        "Restored to pending.",
    ),
}


def quote_paragraph(claim: Claim) -> tuple[str, str, str, bool, bool] | None:
    """Return the text before, of and after the quote within its paragraph.

    The slices are plain text; the template escapes each one, so the highlight
    never needs `|safe`.
    """
    text = claim.source.text
    start, end = claim.start, claim.end
    if not (0 <= start < end <= len(text)):
        return None
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last == -1 else last
    cut_before = start - first > CONTEXT_CHARS
    cut_after = last - end > CONTEXT_CHARS
    first = max(first, start - CONTEXT_CHARS)
    last = min(last, end + CONTEXT_CHARS)
    return text[first:start], text[start:end], text[end:last], cut_before, cut_after


def _timeline(claim: Claim) -> list[dict[str, Any]]:
    """Merge transitions (with their rating revisions) and assignments by time."""
    events: list[dict[str, Any]] = []
    for t in claim.transitions.select_related("actor", "revision"):
        revision = getattr(t, "revision", None)
        events.append(
            {
                "at": t.at,
                "kind": "correction" if t.action == "claim.correct" else "transition",
                "action": t.action.removeprefix("claim.").replace("_", " "),
                "from": t.get_from_status_display(),
                "to": t.get_to_status_display(),
                "actor": t.actor,
                "note": t.note,
                "revision": revision,
            }
        )
    for a in ClaimAssignment.objects.filter(claim=claim).select_related(
        "assignee", "assigned_by"
    ):
        events.append(
            {
                "at": a.at,
                "kind": "assignment",
                "actor": a.assigned_by,
                "assignee": a.assignee,
            }
        )
    events.sort(key=lambda e: e["at"])
    return events


def _page(
    request: HttpRequest,
    claim: Claim,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    user = request.user
    # A correction starts from the published verdict and summary.
    initial = {"verdict": claim.verdict, "summary": claim.summary}
    actions = [
        (
            name,
            MOVES[name],
            bound.get(name)
            or MOVES[name].form(auto_id=_auto_id(name), initial=initial),
        )
        for name in allowed_actions(claim, user)
        if name in MOVES
    ]
    in_review = claim.status in (Claim.Status.PENDING, Claim.Status.SOURCED)
    can_assign = user.has_perm("claims.assign_claim")
    may_take = (
        not can_assign
        and claim.assignee_id is None
        and user.has_perm("claims.review_claim")
    )
    context = {
        "claim": claim,
        "paragraph": quote_paragraph(claim),
        "evidence": list(claim.evidence.select_related("added_by", "document")),
        "timeline": _timeline(claim),
        "track_record": (
            verdict_distribution(Claim.objects.filter(speaker_id=claim.speaker_id))
            if claim.speaker_id
            else []
        ),
        "actions": actions,
        "evidence_form": bound.get("evidence")
        or (
            EvidenceForm()
            if in_review and user.has_perm("claims.add_evidence")
            else None
        ),
        "assign_form": bound.get("assign")
        or (
            AssignForm(initial={"assignee": claim.assignee_id}) if can_assign else None
        ),
        "may_take": may_take,
        "claimreview_json": (
            claimreview_preview(claim) if claim.status == Claim.Status.RATED else ""
        ),
    }
    return render(request, "claims/claim_detail.html", context, status=status)


def _auto_id(action: str) -> str:
    """Return the id pattern of one action's fields: several forms share names."""
    return "id_" + action.removeprefix("claim.") + "_%s"


def _load(pk: int) -> Claim:
    return get_object_or_404(Claim.objects.for_lists(), pk=pk)


@login_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one claim in its article context."""
    return _page(request, _load(pk))


def _seen_version(request: HttpRequest, claim: Claim) -> None:
    # The version the viewer's page showed: a move made on a stale page fails
    # (StaleClaim) instead of overwriting what someone else just did.
    with contextlib.suppress(ValueError):
        claim.version = int(request.POST.get("version", claim.version))


def _refused(request: HttpRequest, exc: WorkflowError) -> int:
    messages.error(request, f"Nothing changed: {exc}.")
    return 403 if isinstance(exc, NotPermitted) else 409


@login_required
@require_POST
def claim_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Take one workflow move on a claim through its service."""
    claim = _load(pk)
    name = request.POST.get("action", "")
    move = MOVES.get(name)
    if move is None:
        messages.error(request, "Nothing changed: unknown action.")
        return _page(request, claim, status=400)
    form = move.form(request.POST, auto_id=_auto_id(name))
    if not form.is_valid():
        messages.error(request, f"Nothing changed: check the “{move.label}” form.")
        return _page(request, claim, bound={name: form}, status=400)
    _seen_version(request, claim)
    try:
        move.run(claim, request.user, form.cleaned_data)
    except WorkflowError as exc:
        status = _refused(request, exc)
        return _page(request, _load(pk), bound={name: form}, status=status)
    messages.success(request, move.done)
    return redirect(claim)


@login_required
@require_POST
def claim_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a piece of evidence to a claim."""
    claim = _load(pk)
    form = EvidenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Nothing added: check the evidence form.")
        return _page(request, claim, bound={"evidence": form}, status=400)
    try:
        services.attach_evidence(claim, actor=request.user, **form.cleaned_data)
    except WorkflowError as exc:
        status = _refused(request, exc)
        return _page(request, claim, bound={"evidence": form}, status=status)
    messages.success(request, "Evidence added.")
    return redirect(claim)


@login_required
@require_POST
def claim_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign a claim (editors), or take an unassigned one (reviewers)."""
    claim = _load(pk)
    if request.POST.get("take"):
        assignee = request.user
    else:
        form = AssignForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Nothing changed: choose a reviewer.")
            return _page(request, claim, bound={"assign": form}, status=400)
        assignee = form.cleaned_data["assignee"]
    try:
        services.assign_claim(claim, actor=request.user, assignee=assignee)
    except WorkflowError as exc:
        return _page(request, claim, status=_refused(request, exc))
    messages.success(
        request,
        f"Assigned to {assignee.get_username()}." if assignee else "Unassigned.",
    )
    return redirect(claim)
