"""Racing moves on PostgreSQL: ten threads, ten connections, one winner."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from claims import services, workflow
from claims.models import (
    Claim,
    ClaimAssignment,
    ClaimTransition,
    Event,
    Evidence,
    RatingRevision,
)
from tests.factories import ClaimFactory, UserFactory

THREADS = 10


def race(claim_id: int, user_ids: list[int], move: Callable[[Claim, Any, int], Any]):
    """Run `move` in one thread per user, all released at once; return the outcomes.

    Each thread reads its own copy of the claim and its user before the barrier,
    so every mover holds the same status and version when the race starts.
    """
    barrier = threading.Barrier(len(user_ids))
    outcomes: list[Any] = [None] * len(user_ids)

    def run(i: int) -> None:
        try:
            claim = Claim.objects.get(pk=claim_id)
            actor = get_user_model().objects.get(pk=user_ids[i])
            actor.has_perm("claims.view_claim")  # fill the permission cache now
            barrier.wait(timeout=30)
            outcomes[i] = move(claim, actor, i)
        except Exception as error:  # noqa: BLE001 - the outcome is what we check
            outcomes[i] = error
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(user_ids))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a mover hung"
    return outcomes


def winners_and_losers(outcomes: list[Any]) -> tuple[list[Any], list[Exception]]:
    losers = [o for o in outcomes if isinstance(o, Exception)]
    unexpected = [
        e
        for e in losers
        if not isinstance(e, workflow.StaleClaim | workflow.InvalidTransition)
    ]
    assert not unexpected, unexpected
    return [o for o in outcomes if not isinstance(o, Exception)], losers


@pytest.fixture
def editors(transactional_db: None, postgres: None) -> list[int]:
    return [UserFactory(username=f"racer{i}", role="editor").pk for i in range(THREADS)]


MOVES: dict[str, tuple[str, Callable[[Claim, Any, int], Any]]] = {
    "mark_sourced": (
        "pending",
        lambda c, a, i: services.mark_claim_sourced(c, actor=a),
    ),
    "rate": (
        "sourced",
        lambda c, a, i: services.rate_claim(
            c, actor=a, verdict=["false", "true"][i % 2], summary=f"Summary {i}."
        ),
    ),
    "correct": (
        "rated",
        lambda c, a, i: services.correct_rating(
            c, actor=a, verdict="half_true", summary=f"Correction {i}.", note="Fix"
        ),
    ),
    "dismiss_or_source": (
        "pending",
        lambda c, a, i: (
            services.dismiss_claim(c, actor=a, reason="opinion")
            if i % 2
            else services.mark_claim_sourced(c, actor=a)
        ),
    ),
}


@pytest.mark.parametrize("name", list(MOVES))
def test_workflow_race_has_exactly_one_winner(name, editors):
    start, move = MOVES[name]
    setup = UserFactory(username="setup", role="editor")
    claim = ClaimFactory(
        sourced=start != "pending", rated=start == "rated", actor=setup
    )
    if start == "pending":
        services.attach_evidence(claim, actor=setup, excerpt="Table 4 of the report.")
    assert Claim.objects.get(pk=claim.pk).status == start
    transitions = ClaimTransition.objects.filter(claim=claim).count()
    revisions = RatingRevision.objects.filter(claim=claim).count()
    events = Event.objects.filter(claim=claim).count()

    outcomes = race(claim.pk, editors, move)

    winners, losers = winners_and_losers(outcomes)
    assert len(winners) == 1 and len(losers) == THREADS - 1
    [won] = winners
    assert ClaimTransition.objects.filter(claim=claim).count() == transitions + 1
    assert ClaimTransition.objects.filter(claim=claim).latest("id") == won
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.status == won.to_status
    assert stored.version == claim.version + 1
    revised = won.action in {"claim.rate", "claim.correct"}
    assert RatingRevision.objects.filter(claim=claim).count() == revisions + revised
    emitted = won.action != "claim.mark_sourced"
    assert Event.objects.filter(claim=claim).count() == events + emitted
    if revised:
        revision = RatingRevision.objects.filter(claim=claim).latest("id")
        assert (revision.verdict, revision.summary) == (stored.verdict, stored.summary)


def test_workflow_race_to_take_a_claim_has_one_taker(transactional_db, postgres):
    reviewers = [
        UserFactory(username=f"taker{i}", role="reviewer").pk for i in range(THREADS)
    ]
    claim = ClaimFactory()

    outcomes = race(
        claim.pk,
        reviewers,
        lambda c, a, i: services.assign_claim(c, actor=a, assignee=a),
    )

    winners, losers = winners_and_losers(outcomes)
    assert len(winners) == 1
    assert all("took this claim first" in str(e) for e in losers)
    assert ClaimAssignment.objects.filter(claim=claim).count() == 1
    assert Claim.objects.get(pk=claim.pk).assignee_id == winners[0].assignee_id


def test_evidence_waits_for_a_rating_in_flight_and_is_refused(editors):
    """Evidence read against a stale "sourced" copy while a rating is uncommitted
    waits for the rating's row lock, then finds the claim rated and adds nothing."""
    editor = get_user_model().objects.get(pk=editors[0])
    claim = ClaimFactory(sourced=True, actor=editor)
    stale = Claim.objects.get(pk=claim.pk)
    outcome: list[Any] = []

    def attach() -> None:
        try:
            outcome.append(
                services.attach_evidence(stale, actor=editor, excerpt="Too late.")
            )
        except Exception as error:  # noqa: BLE001 - the outcome is what we check
            outcome.append(error)
        finally:
            connection.close()  # this thread's own connection

    with transaction.atomic():
        services.rate_claim(claim, actor=editor, verdict="false", summary="Wrong.")
        thread = threading.Thread(target=attach)
        thread.start()
        thread.join(timeout=1)
        assert thread.is_alive() and not outcome  # waiting on the claim's row lock
    thread.join(timeout=30)
    [error] = outcome
    assert isinstance(error, workflow.InvalidTransition) and "rated" in str(error)
    assert not Evidence.objects.filter(excerpt="Too late.").exists()
