"""The workflow: every (from, action) pair by every role, guards, stale copies."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from claims import services, workflow
from claims.models import (
    Claim,
    ClaimAssignment,
    ClaimTransition,
    Event,
    Evidence,
    RatingRevision,
)
from claims.workflow import writes
from tests.factories import ClaimFactory, UserFactory

STATUSES = ["pending", "sourced", "rated", "dismissed"]
ROLES = ["anonymous", "inactive", "no_role", "reviewer", "editor"]

# The issue's table, written out again here rather than read from TRANSITIONS, so
# a wrong edit to the table fails these tests: action -> (from, to).
EDGES = {
    "claim.mark_sourced": ("pending", "sourced"),
    "claim.send_back": ("sourced", "pending"),
    "claim.rate": ("sourced", "rated"),
    "claim.correct": ("rated", "rated"),
    "claim.reopen": ("rated", "sourced"),
    "claim.dismiss": ("pending", "dismissed"),
    "claim.restore": ("dismissed", "pending"),
}
MAY = {
    "reviewer": {"claim.mark_sourced", "claim.send_back", "claim.dismiss"},
    "editor": set(EDGES),
}
NOTES = {
    "claim.send_back": "The figure comes from a partisan blog.",
    "claim.correct": "The agency revised its figures.",
    "claim.reopen": "New figures are due next week.",
    "claim.dismiss": "",
}

Call = Callable[[Claim, Any], Any]
CALLS: dict[str, Call] = {
    "claim.mark_sourced": lambda c, a: services.mark_claim_sourced(c, actor=a),
    "claim.send_back": lambda c, a: services.send_back_claim(
        c, actor=a, note=NOTES["claim.send_back"]
    ),
    "claim.rate": lambda c, a: services.rate_claim(
        c, actor=a, verdict="false", summary="The statistics show the opposite."
    ),
    "claim.correct": lambda c, a: services.correct_rating(
        c,
        actor=a,
        verdict="half_true",
        summary="Revised figures show half of it.",
        note=NOTES["claim.correct"],
    ),
    "claim.reopen": lambda c, a: services.reopen_claim(
        c, actor=a, note=NOTES["claim.reopen"]
    ),
    "claim.dismiss": lambda c, a: services.dismiss_claim(c, actor=a, reason="opinion"),
    "claim.restore": lambda c, a: services.restore_claim(c, actor=a),
}
EMITS = {"claim.rate", "claim.correct", "claim.reopen", "claim.dismiss"}


def make_actor(role: str) -> Any:
    if role == "anonymous":
        return AnonymousUser()
    if role == "inactive":
        # An editor who has left: the group is still there, the account is not.
        return UserFactory(username="left", role="editor", is_active=False)
    if role == "no_role":
        return UserFactory(username="visitor")
    return UserFactory(username=f"the-{role}", role=role)


def make_claim(status: str, setup: Any) -> Claim:
    """Return a claim in `status`, moved there by `setup`, ready for any next move."""
    if status == "pending":
        claim = ClaimFactory()
        services.attach_evidence(
            claim, actor=setup, url="https://stats.example.org/t1", stance="refutes"
        )
        return claim
    if status == "sourced":
        return ClaimFactory(sourced=True, actor=setup)
    if status == "rated":
        return ClaimFactory(rated=True, actor=setup)
    claim = ClaimFactory()
    services.dismiss_claim(claim, actor=setup, reason="duplicate")
    return claim


def snapshot(claim: Claim) -> dict[str, Any]:
    """Return everything a refused move must leave as it was."""
    return {
        "claim": Claim.objects.filter(pk=claim.pk).values().get(),
        "transitions": ClaimTransition.objects.count(),
        "revisions": RatingRevision.objects.count(),
        "events": Event.objects.count(),
        "assignments": ClaimAssignment.objects.count(),
        "evidence": Evidence.objects.count(),
    }


@pytest.fixture
def setup_editor(db: None) -> Any:
    return UserFactory(username="setup-editor", role="editor")


def test_workflow_table_matches_the_issue():
    assert {a: (e.source, e.target) for a, e in workflow.TRANSITIONS.items()} == EDGES


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(EDGES))
@pytest.mark.parametrize("from_status", STATUSES)
def test_workflow_every_move_by_every_role(from_status, action, role, setup_editor):
    claim = make_claim(from_status, setup_editor)
    actor = make_actor(role)
    source, target = EDGES[action]
    before = snapshot(claim)

    if source == from_status and action in MAY.get(role, set()):
        transition = CALLS[action](claim, actor)
        after = snapshot(claim)
        assert after["transitions"] == before["transitions"] + 1
        row = ClaimTransition.objects.filter(claim=claim).latest("id")
        assert row == transition
        assert (row.action, row.from_status, row.to_status, row.actor) == (
            action,
            from_status,
            target,
            actor,
        )
        assert row.note == NOTES.get(action, "")
        stored = Claim.objects.get(pk=claim.pk)
        version = before["claim"]["version"]
        assert (stored.status, stored.version) == (target, version + 1)
        assert (claim.status, claim.version) == (stored.status, stored.version)
        revised = action in {"claim.rate", "claim.correct"}
        assert after["revisions"] == before["revisions"] + revised
        assert after["events"] == before["events"] + (action in EMITS)
        assert after["assignments"] == before["assignments"]
        assert (stored.verdict != "") == (target == "rated")
        assert (stored.dismiss_reason != "") == (target == "dismissed")
    else:
        expected = (
            workflow.NotPermitted
            if action not in MAY.get(role, set())
            else workflow.InvalidTransition
        )
        with pytest.raises(expected) as caught:
            CALLS[action](claim, actor)
        assert isinstance(caught.value, workflow.WorkflowError)
        assert snapshot(claim) == before
        assert claim.status == from_status  # the caller's copy is untouched too


def test_workflow_allowed_actions_follow_role_and_status(db, setup_editor):
    reviewer = make_actor("reviewer")
    for status in STATUSES:
        claim = make_claim(status, setup_editor)
        offered = {a for a, (src, _) in EDGES.items() if src == status}
        assert set(workflow.allowed_actions(claim, setup_editor)) == offered
        by_reviewer = set(workflow.allowed_actions(claim, reviewer))
        assert by_reviewer == offered & MAY["reviewer"]
        assert workflow.allowed_actions(claim, AnonymousUser()) == []
        assert workflow.allowed_actions(claim, None) == []


# Each guard, broken: (claim status, the call, what the message says).
GUARDS = [
    (
        "pending-without-evidence",
        lambda c, a: services.mark_claim_sourced(c, actor=a),
        "evidence",
    ),
    (
        "sourced",
        lambda c, a: services.send_back_claim(c, actor=a, note="   "),
        "note",
    ),
    (
        "sourced",
        lambda c, a: services.rate_claim(c, actor=a, verdict="", summary="Text."),
        "verdict",
    ),
    (
        "sourced",
        lambda c, a: services.rate_claim(
            c, actor=a, verdict="pants_on_fire", summary="Text."
        ),
        "verdict",
    ),
    (
        "sourced",
        lambda c, a: services.rate_claim(c, actor=a, verdict="false", summary=" \n"),
        "summary",
    ),
    (
        "rated",
        lambda c, a: services.correct_rating(
            c, actor=a, verdict="half_true", summary="New text.", note=""
        ),
        "note",
    ),
    (
        "rated",
        # The factory rated it mostly false with this very summary: nothing changes.
        lambda c, a: services.correct_rating(
            c,
            actor=a,
            verdict="mostly_false",
            summary="The official statistics show a smaller fall.",
            note="Typo",
        ),
        "change",
    ),
    ("rated", lambda c, a: services.reopen_claim(c, actor=a, note=""), "note"),
    (
        "pending",
        lambda c, a: services.dismiss_claim(c, actor=a, reason=""),
        "reason",
    ),
    (
        "pending",
        lambda c, a: services.dismiss_claim(c, actor=a, reason="boring"),
        "reason",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "call", "message"),
    GUARDS,
    ids=[f"{s}-{m}-{i}" for i, (s, _, m) in enumerate(GUARDS)],
)
def test_workflow_broken_guard_is_refused_and_writes_nothing(
    status, call, message, setup_editor
):
    claim = (
        ClaimFactory()
        if status == "pending-without-evidence"
        else make_claim(status, setup_editor)
    )
    before = snapshot(claim)
    with pytest.raises(workflow.ClaimNotReady, match=message):
        call(claim, setup_editor)
    assert snapshot(claim) == before


@pytest.mark.django_db
@pytest.mark.parametrize("action", list(EDGES))
def test_workflow_stale_copy_loses(action, setup_editor):
    source, _ = EDGES[action]
    claim = make_claim(source, setup_editor)
    stale = Claim.objects.get(pk=claim.pk)
    # Someone else moves the claim and, for a round trip, moves it back.
    if action == "claim.correct":
        CALLS["claim.correct"](claim, setup_editor)
    else:
        CALLS[action](claim, setup_editor)
        back = next(a for a, (s, t) in EDGES.items() if (t, s) == EDGES[action])
        if back == "claim.mark_sourced" and not claim.evidence.exists():
            services.attach_evidence(claim, actor=setup_editor, excerpt="A table.")
        CALLS[back](claim, setup_editor)
    assert Claim.objects.get(pk=claim.pk).status == stale.status == source
    before = snapshot(claim)
    with pytest.raises(workflow.StaleClaim):
        CALLS[action](stale, setup_editor)
    assert snapshot(claim) == before


@pytest.mark.django_db
def test_workflow_unknown_action_and_foreign_fields_are_refused(setup_editor):
    claim = make_claim("sourced", setup_editor)
    before = snapshot(claim)
    with pytest.raises(workflow.InvalidTransition, match="unknown action"):
        workflow.move(claim, "claim.publish", actor=setup_editor)
    with pytest.raises(workflow.InvalidTransition, match="does not set"):
        workflow.move(claim, "claim.send_back", actor=setup_editor, note="x", quote="y")
    assert snapshot(claim) == before


@pytest.mark.django_db
def test_workflow_correction_keeps_every_revision(setup_editor):
    claim = make_claim("rated", setup_editor)
    first_rated_at = Claim.objects.get(pk=claim.pk).rated_at
    services.correct_rating(
        claim, actor=setup_editor, verdict="false", summary="Worse.", note="New data"
    )
    services.correct_rating(
        claim, actor=setup_editor, verdict="true", summary="Better.", note="Retracted"
    )
    revisions = list(claim.revisions.values_list("verdict", "summary", "note"))
    assert revisions == [
        ("mostly_false", "The official statistics show a smaller fall.", ""),
        ("false", "Worse.", "New data"),
        ("true", "Better.", "Retracted"),
    ]
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.verdict, stored.summary, stored.version) == ("true", "Better.", 5)
    assert stored.rated_at == first_rated_at  # first publication stays the date


@pytest.mark.django_db
def test_workflow_reopen_and_restore_clear_what_the_status_no_longer_holds(
    setup_editor,
):
    rated = make_claim("rated", setup_editor)
    services.reopen_claim(rated, actor=setup_editor, note="Checking again")
    stored = Claim.objects.get(pk=rated.pk)
    assert (stored.status, stored.verdict, stored.summary, stored.rated_at) == (
        "sourced",
        "",
        "",
        None,
    )
    assert rated.revisions.count() == 1  # the withdrawn verdict stays in history
    # It was rated once, and stays in the ratings feed as withdrawn.
    assert stored.first_rated_at <= rated.revisions.get().created_at
    services.rate_claim(stored, actor=setup_editor, verdict="true", summary="Yes.")
    again = Claim.objects.get(pk=rated.pk)
    assert again.rated_at > again.first_rated_at == stored.first_rated_at
    assert stored.first_rated_at == again.first_rated_at  # the caller's copy too
    dismissed = make_claim("dismissed", setup_editor)
    services.restore_claim(dismissed, actor=setup_editor)
    stored = Claim.objects.get(pk=dismissed.pk)
    assert (stored.status, stored.dismiss_reason) == ("pending", "")


WORKFLOW_FIELDS = ["status", "version", "verdict", "summary", "dismiss_reason"]
TIMESTAMPS = ["updated_at", "status_changed_at", "rated_at", "first_rated_at"]
# Columns that differ between two claims moved alike: ids, references, times.
VARY = {"id", "at", "_id", "_at"}


@pytest.mark.parametrize("action", sorted(EDGES))
def test_workflow_one_statement_and_steps_write_the_same_rows(
    action, setup_editor, postgres, monkeypatch
):
    """PostgreSQL writes a move in one statement, SQLite row by row: same result,
    and the caller's copy and the returned transition match what was stored."""

    def move(one_statement: bool) -> dict[str, Any]:
        monkeypatch.setattr(writes, "one_statement", lambda using: one_statement)
        claim = make_claim(EDGES[action][0], setup_editor)
        last = {
            m: m.objects.order_by("-id").values_list("id", flat=True).first() or 0
            for m in (ClaimTransition, RatingRevision, Event)
        }
        transition = CALLS[action](claim, setup_editor)
        stored = Claim.objects.get(pk=claim.pk)
        for name in WORKFLOW_FIELDS + TIMESTAMPS:
            assert getattr(claim, name) == getattr(stored, name), name
        assert ClaimTransition.objects.values().get(pk=transition.pk) == {
            f.attname: getattr(transition, f.attname)
            for f in ClaimTransition._meta.concrete_fields
        }
        new = {
            m.__name__: [
                {k: v for k, v in row.items() if k not in VARY and k[-3:] not in VARY}
                for row in m.objects.filter(id__gt=last[m]).order_by("id").values()
            ]
            for m in (ClaimTransition, RatingRevision, Event)
        }
        for event in new["Event"]:
            assert event["payload"].pop("claim_id") == claim.pk
        return {
            "claim": [getattr(stored, name) for name in WORKFLOW_FIELDS],
            "set": [getattr(stored, name) is not None for name in TIMESTAMPS],
            **new,
        }

    assert move(one_statement=True) == move(one_statement=False)
