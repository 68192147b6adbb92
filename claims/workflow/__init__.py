"""The claim review state machine: the transition table and the one status writer.

    pending ──mark_sourced──▶ sourced ──rate──▶ rated ──correct──▶ rated
       │  ▲                      │                │
       │  └──────send_back───────┘                └──reopen──▶ sourced
       └──dismiss──▶ dismissed ──restore──▶ pending

Nothing else assigns `Claim.status`. `move()` checks the table, the actor's
permission and the edge's guard, then writes with a compare-and-set
`UPDATE … WHERE status = <expected> AND version = <seen>` and appends exactly one
`ClaimTransition` row in the same transaction (a guard on other rows, such as
"has evidence", rides in that UPDATE's WHERE clause), with the rating revision
and the outbox event the table asks of the edge; `writes.py` holds the
statements (one per move on PostgreSQL). A move that is illegal, unpermitted,
unready or stale raises a `WorkflowError` and writes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model, QuerySet
from django.utils import timezone

from factcheck.celery import kick_on_commit

from ..feed_etags import forget_feed_etags
from ..models import Claim, ClaimTransition, Event, Evidence, RatingRevision
from .writes import compare_and_set, insert_evidence, write_move

__all__ = ["insert_evidence"]  # the rest is used as workflow.<name>

Status = Claim.Status
# Who asks for a move: a request's user, or nobody (a task, a script).
Actor = User | AnonymousUser | None


class WorkflowError(Exception):
    """A claim move that cannot happen; nothing was written."""


class InvalidTransition(WorkflowError):
    """The move does not start from the claim's status."""


class NotPermitted(WorkflowError):
    """The actor may not take this move."""


class ClaimNotReady(WorkflowError):
    """The move's guard failed: evidence, verdict, summary, note or reason missing."""


class StaleClaim(WorkflowError):
    """The claim changed since the caller read it; reload and try again."""


def _has_note(claim: Claim, fields: dict[str, Any], note: str) -> str:
    return "" if note.strip() else "a note saying why is required"


def _has_rating(claim: Claim, fields: dict[str, Any], note: str) -> str:
    if fields.get("verdict") not in Claim.Verdict.values:
        return "a verdict is required"
    if not str(fields.get("summary", "")).strip():
        return "a written summary is required"
    return ""


def _is_correction(claim: Claim, fields: dict[str, Any], note: str) -> str:
    if problem := _has_rating(claim, fields, note) or _has_note(claim, fields, note):
        return problem
    if (fields["verdict"], fields["summary"].strip()) == (claim.verdict, claim.summary):
        return "a correction must change the verdict or the summary"
    return ""


def _has_reason(claim: Claim, fields: dict[str, Any], note: str) -> str:
    if fields.get("dismiss_reason") not in Claim.DismissReason.values:
        return "a reason is required (opinion, not checkable, duplicate or other)"
    return ""


def _always(claim: Claim, fields: dict[str, Any], note: str) -> str:
    return ""


@dataclass(frozen=True)
class RowGuard:
    """A guard on other rows, checked inside the compare-and-set's WHERE clause.

    `rows(claim)` must exist for the move; `problem` is the refusal when it does
    not. The check costs no round trip of its own: the UPDATE carries `sql`, the
    same check as a condition on the `claims_claim` row, and `rows` is queried
    only when the UPDATE matched nothing, to tell an unready claim from a stale
    copy.
    """

    sql: str
    rows: Callable[[Claim], "QuerySet[Any]"]
    problem: str


def _evidence_of(claim: Claim) -> "QuerySet[Evidence]":
    return Evidence.objects.filter(claim_id=claim.pk)


HAS_EVIDENCE = RowGuard(
    'EXISTS (SELECT 1 FROM "claims_evidence" '
    'WHERE "claims_evidence"."claim_id" = "claims_claim"."id")',
    _evidence_of,
    "attach at least one piece of evidence first",
)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    permission: str
    guard: Callable[[Claim, dict[str, Any], str], str]
    # Fields the move may set on the claim; anything else is refused.
    fields: frozenset[str] = frozenset()
    row_guard: RowGuard | None = None
    # What the move records beside its transition: a `RatingRevision` (the
    # verdict it published) and an outbox `Event` of this kind.
    revision: bool = False
    event: str = ""


# Who may take each edge: reviewers hold claims.review_claim; editors hold that
# and claims.rate_claim and claims.restore_claim (see the roles migration).
TRANSITIONS: dict[str, Edge] = {
    "claim.mark_sourced": Edge(
        Status.PENDING,
        Status.SOURCED,
        "claims.review_claim",
        _always,
        row_guard=HAS_EVIDENCE,
    ),
    "claim.send_back": Edge(
        Status.SOURCED, Status.PENDING, "claims.review_claim", _has_note
    ),
    "claim.rate": Edge(
        Status.SOURCED,
        Status.RATED,
        "claims.rate_claim",
        _has_rating,
        frozenset({"verdict", "summary"}),
        revision=True,
        event=Event.Kind.RATED,
    ),
    "claim.correct": Edge(
        Status.RATED,
        Status.RATED,
        "claims.rate_claim",
        _is_correction,
        frozenset({"verdict", "summary"}),
        revision=True,
        event=Event.Kind.CORRECTED,
    ),
    "claim.reopen": Edge(
        Status.RATED,
        Status.SOURCED,
        "claims.rate_claim",
        _has_note,
        event=Event.Kind.REOPENED,
    ),
    "claim.dismiss": Edge(
        Status.PENDING,
        Status.DISMISSED,
        "claims.review_claim",
        _has_reason,
        frozenset({"dismiss_reason"}),
        event=Event.Kind.DISMISSED,
    ),
    "claim.restore": Edge(
        Status.DISMISSED, Status.PENDING, "claims.restore_claim", _always
    ),
}

# What a claim keeps of its rating and dismissal in each status; the database's
# `claim_rated_iff_verdict` constraint holds the same rule.
_CLEARED_ON_ENTRY = {
    Status.PENDING: {"verdict": "", "summary": "", "dismiss_reason": ""},
    Status.SOURCED: {"verdict": "", "summary": "", "dismiss_reason": ""},
    Status.DISMISSED: {"verdict": "", "summary": ""},
    Status.RATED: {"dismiss_reason": ""},
}


def is_permitted(actor: Actor, perm: str) -> bool:
    """Return whether `actor` is an active user holding the permission `perm`."""
    return bool(
        actor is not None
        and actor.is_authenticated
        and actor.is_active
        and actor.has_perm(perm)
    )


def require_permission(actor: Actor, perm: str, refusal: str) -> User:
    """Return `actor` as a user holding `perm`, or raise `NotPermitted(refusal)`."""
    if not is_permitted(actor, perm):
        raise NotPermitted(refusal)
    return cast(User, actor)


def allowed_actions(claim: Claim, actor: Actor) -> list[str]:
    """Return the actions `actor` may try on `claim` now (guards not checked)."""
    return [
        action
        for action, edge in TRANSITIONS.items()
        if edge.source == claim.status and is_permitted(actor, edge.permission)
    ]


def move(
    claim: Claim,
    action: str,
    *,
    actor: Actor,
    note: str = "",
    **fields: Any,
) -> ClaimTransition:
    """Take `action` on `claim` as `actor`; return the transition row written.

    `claim` is the caller's copy: its `status` and `version` are what the caller
    saw, and the write succeeds only if the row still has both. The edge's
    revision and event rows are written with the transition; the dispatcher is
    kicked once the transaction commits.
    """
    edge = TRANSITIONS.get(action)
    if edge is None:
        raise InvalidTransition(f"unknown action {action!r}")
    user = require_permission(
        actor, edge.permission, f"you may not {_label(action)} claims"
    )
    if claim.status != edge.source:
        raise InvalidTransition(
            f"cannot {_label(action)} a {claim.status} claim (only a {edge.source} one)"
        )
    if unknown := set(fields) - edge.fields:
        raise InvalidTransition(f"{_label(action)} does not set {sorted(unknown)}")
    fields = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if problem := edge.guard(claim, fields, note):
        raise ClaimNotReady(problem)
    now = timezone.now()
    values: dict[str, Any] = {**_CLEARED_ON_ENTRY[Status(edge.target)], **fields}
    if edge.target != edge.source:
        values["status_changed_at"] = now
        # A correction keeps the first publication date; `updated_at` moves.
        if edge.target == Status.RATED:
            values["rated_at"] = now
            values["first_rated_at"] = now  # if still empty: see writes.SET_ONCE
        elif edge.source == Status.RATED:
            values["rated_at"] = None
    transition = ClaimTransition(
        claim=claim,
        action=action,
        from_status=edge.source,
        to_status=edge.target,
        actor=user,
        note=note.strip(),
    )
    records: list[Model] = []
    if edge.revision:
        records.append(
            RatingRevision(
                claim=claim,
                transition=transition,
                verdict=values["verdict"],
                summary=values["summary"],
                note=transition.note,
                actor=user,
            )
        )
    if edge.event:
        payload = _event_payload(claim, edge, values, transition.note)
        records.append(Event(kind=edge.event, claim=claim, payload=payload))
    update = compare_and_set(
        claim,
        source=edge.source,
        target=edge.target,
        values={"updated_at": now, **values},
        guard=edge.row_guard.sql if edge.row_guard is not None else "",
    )
    if not write_move(update, transition, records):
        # The failure path only: the guard is checked first, as it always was.
        if edge.row_guard is not None and not edge.row_guard.rows(claim).exists():
            raise ClaimNotReady(edge.row_guard.problem)
        raise StaleClaim("the claim was changed by someone else; reload and retry")
    if edge.target == Status.RATED or claim.first_rated_at is not None:
        forget_feed_etags()  # the ratings feed shows the claims ever rated
    if edge.event:
        kick_on_commit("claims.tasks.dispatch_events")
    if "first_rated_at" in values:
        values["first_rated_at"] = claim.first_rated_at or now
    for name, value in values.items():
        setattr(claim, name, value)
    claim.status = edge.target  # the caller's copy follows the row it just wrote
    claim.version += 1
    claim.updated_at = now
    return transition


def _event_payload(
    claim: Claim, edge: Edge, values: dict[str, Any], note: str
) -> dict[str, Any]:
    """Return what an outbox event keeps of the claim as this move leaves it."""
    return {
        "claim_id": claim.pk,
        "status": edge.target,
        "verdict": values["verdict"],
        "summary": values["summary"],
        "version": claim.version + 1,
        "note": note,
    }


def _label(action: str) -> str:
    return action.removeprefix("claim.").replace("_", " ")
