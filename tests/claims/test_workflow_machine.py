"""A hypothesis state machine: random moves by random roles, invariants after each."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from claims import services, workflow
from claims.models import Claim, ClaimTransition, Event, Evidence, RatingRevision
from tests.factories import ClaimFactory, UserFactory

ROLES = ["anonymous", "inactive", "no_role", "reviewer", "editor"]
# The reference model: action -> (from, to, roles allowed), from the issue.
MODEL = {
    "claim.mark_sourced": ("pending", "sourced", {"reviewer", "editor"}),
    "claim.send_back": ("sourced", "pending", {"reviewer", "editor"}),
    "claim.rate": ("sourced", "rated", {"editor"}),
    "claim.correct": ("rated", "rated", {"editor"}),
    "claim.reopen": ("rated", "sourced", {"editor"}),
    "claim.dismiss": ("pending", "dismissed", {"reviewer", "editor"}),
    "claim.restore": ("dismissed", "pending", {"editor"}),
}
EMITS = {"claim.rate", "claim.correct", "claim.reopen", "claim.dismiss"}
# Weighted towards moves that succeed (hypothesis also favours the first element),
# so a run of 30 × 20 steps reaches every edge; refusals still come up often.
ACTORS = st.sampled_from(["editor"] * 6 + ["reviewer"] * 3 + ROLES)
VERDICTS = st.sampled_from([*Claim.Verdict.values, *Claim.Verdict.values, "", "bogus"])
# The deep-walking rule mostly acts as an editor, who may take every edge.
EAGER_ACTORS = st.sampled_from(["editor"] * 10 + ["reviewer"] * 2 + ROLES)
REASONS = st.sampled_from(Claim.DismissReason.values)
TEXTS = st.sampled_from(
    ["Because the census says so.", "<b>&amp;</b>", "Revised.", "", "  "]
)
REACHED: set[str] = set()


class WorkflowMachine(RuleBasedStateMachine):
    """Drive one claim; keep a model of what must have happened."""

    actors: dict[str, Any] = {}

    def __init__(self) -> None:
        super().__init__()
        self.claim = ClaimFactory()
        self.status = "pending"
        self.verdict = ""
        self.summary = ""
        self.moves = 0
        self.revisions = 0
        self.events = 0
        self.evidence = 0
        self.stale: Claim | None = None

    def call(self, action: str, actor: Any, verdict: str, text: str) -> Any:
        claim = self.claim
        if action == "claim.mark_sourced":
            return services.mark_claim_sourced(claim, actor=actor)
        if action == "claim.send_back":
            return services.send_back_claim(claim, actor=actor, note=text)
        if action == "claim.rate":
            return services.rate_claim(
                claim, actor=actor, verdict=verdict, summary=text
            )
        if action == "claim.correct":
            return services.correct_rating(
                claim, actor=actor, verdict=verdict, summary=text, note=text
            )
        if action == "claim.reopen":
            return services.reopen_claim(claim, actor=actor, note=text)
        if action == "claim.dismiss":
            return services.dismiss_claim(claim, actor=actor, reason=verdict)
        return services.restore_claim(claim, actor=actor)

    def expected_error(self, action: str, role: str, verdict: str, text: str) -> Any:
        """Return the error the model predicts, or None for a move that succeeds."""
        source, _, roles = MODEL[action]
        if role not in roles:
            return workflow.NotPermitted
        if self.status != source:
            return workflow.InvalidTransition
        filled = bool(text.strip())
        ready = {
            "claim.mark_sourced": self.evidence > 0,
            "claim.send_back": filled,
            "claim.rate": verdict in Claim.Verdict.values and filled,
            "claim.correct": verdict in Claim.Verdict.values
            and filled
            and (verdict, text.strip()) != (self.verdict, self.summary),
            "claim.reopen": filled,
            "claim.dismiss": verdict in Claim.DismissReason.values,
            "claim.restore": True,
        }[action]
        return None if ready else workflow.ClaimNotReady

    @rule(
        action=st.sampled_from(list(MODEL)),
        role=ACTORS,
        verdict=VERDICTS | REASONS,
        text=TEXTS,
    )
    def move(
        self, action: str, role: str, verdict: str, text: str, setup: bool = False
    ) -> None:
        expected = self.expected_error(action, role, verdict, text)
        before = Claim.objects.get(pk=self.claim.pk)
        if expected is not None:
            with pytest.raises(expected):
                self.call(action, self.actors[role], verdict, text)
            return
        self.call(action, self.actors[role], verdict, text)
        if not setup:
            REACHED.add(action)
        self.stale = before
        _, self.status, _ = MODEL[action]
        self.moves += 1
        self.revisions += action in {"claim.rate", "claim.correct"}
        self.events += action in EMITS
        if self.status == "rated":
            self.verdict, self.summary = verdict, text.strip()
        else:
            self.verdict = self.summary = ""

    @initialize(start=st.sampled_from(["pending", "sourced", "rated", "dismissed"]))
    def start_in(self, start: str) -> None:
        """Begin in any status, reached by an editor through the services."""
        path = {
            "pending": [],
            "sourced": ["claim.mark_sourced"],
            "rated": ["claim.mark_sourced", "claim.rate"],
            "dismissed": ["claim.dismiss"],
        }[start]
        for action in path:
            if action == "claim.mark_sourced":
                self.attach_evidence("editor")
            verdict = "opinion" if action == "claim.dismiss" else "mostly_false"
            self.move(action, "editor", verdict, "Set up by an editor.", setup=True)
        assert self.status == start

    @rule(data=st.data())
    def walk_from_here(self, data: st.DataObject) -> None:
        """Take up to three edges out of the current status, so runs go deep."""
        for _ in range(data.draw(st.integers(1, 3))):
            here = [a for a, (source, _, _) in MODEL.items() if source == self.status]
            action = data.draw(st.sampled_from(here))
            if action == "claim.mark_sourced" and not self.evidence:
                self.attach_evidence("reviewer")  # what a reviewer does first
            verdict = data.draw(REASONS if action == "claim.dismiss" else VERDICTS)
            self.move(action, data.draw(EAGER_ACTORS), verdict, data.draw(TEXTS))

    @rule(role=ACTORS)
    def attach_evidence(self, role: str) -> None:
        may = role in {"reviewer", "editor"}
        in_review = self.status in {"pending", "sourced"}
        if may and in_review:
            services.attach_evidence(
                self.claim, actor=self.actors[role], url="https://example.org/t"
            )
            self.evidence += 1
        else:
            with pytest.raises(workflow.WorkflowError):
                services.attach_evidence(
                    self.claim, actor=self.actors[role], excerpt="A table."
                )

    @rule(action=st.sampled_from(list(MODEL)))
    def move_a_stale_copy(self, action: str) -> None:
        if self.stale is None:
            return
        self.claim, live = self.stale, self.claim
        try:
            with pytest.raises(workflow.WorkflowError):
                self.call(action, self.actors["editor"], "half_true", "Stale text.")
        finally:
            self.claim = live

    @rule()
    def write_around_the_workflow(self) -> None:
        """The database refuses a rated claim without a verdict and vice versa."""
        rows = Claim.objects.filter(pk=self.claim.pk)
        bad = (
            {"status": "pending"}
            if self.status == "rated"
            else {"status": "rated", "verdict": "", "summary": ""}
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            rows.update(**bad)

    @invariant()
    def claim_matches_the_model(self) -> None:
        stored = Claim.objects.get(pk=self.claim.pk)
        assert stored.status == self.status
        assert (stored.verdict, stored.summary) == (self.verdict, self.summary)
        assert (stored.status == "rated") == (stored.verdict != "")
        assert (stored.status == "dismissed") == (stored.dismiss_reason != "")
        assert stored.version == 1 + self.moves
        assert (self.claim.status, self.claim.version) == (
            stored.status,
            stored.version,
        )

    @invariant()
    def history_matches_the_moves(self) -> None:
        transitions = list(ClaimTransition.objects.filter(claim=self.claim))
        assert len(transitions) == self.moves
        assert all(
            t.from_status != t.to_status or t.action == "claim.correct"
            for t in transitions
        )
        # Consecutive rows chain: each move starts where the previous one ended.
        pairs = zip(transitions, transitions[1:], strict=False)
        assert all(a.to_status == b.from_status for a, b in pairs)
        revisions = RatingRevision.objects.filter(claim=self.claim)
        assert revisions.count() == self.revisions
        if self.status == "rated":
            last = revisions.latest("id")
            assert (last.verdict, last.summary) == (self.verdict, self.summary)
        assert Event.objects.filter(claim=self.claim).count() == self.events
        assert Evidence.objects.filter(claim=self.claim).count() == self.evidence


@pytest.mark.django_db
def test_workflow_machine_keeps_its_invariants() -> None:
    WorkflowMachine.actors = {
        "anonymous": AnonymousUser(),
        "inactive": UserFactory(username="gone", role="editor", is_active=False),
        "no_role": UserFactory(username="nobody"),
        "reviewer": UserFactory(username="rev", role="reviewer"),
        "editor": UserFactory(username="ed", role="editor"),
    }
    run_state_machine_as_test(
        WorkflowMachine,
        settings=settings(
            max_examples=30,
            stateful_step_count=20,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    # The run must really have walked the table, not only collected refusals.
    assert set(MODEL) <= REACHED, sorted(set(MODEL) - REACHED)
