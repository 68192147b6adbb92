"""Review services: evidence, assignment and its email, roles, revision history."""

import socketserver
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import connection, transaction

from claims import services, tasks, workflow
from claims.models import Claim, ClaimAssignment, Event, Evidence, RatingRevision
from claims.roles import ROLES, ensure_groups
from factcheck.celery import app as celery_app
from tests.conftest import wait_for
from tests.factories import ClaimFactory, SourceFactory, UserFactory

# Roles ------------------------------------------------------------------------


@pytest.mark.django_db
def test_roles_groups_hold_exactly_the_listed_permissions():
    """The migration made the groups; a change to claims.roles needs a migration."""
    for name, dotted in ROLES.items():
        group = Group.objects.get(name=name)
        held = {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        assert held == set(dotted), name


@pytest.mark.django_db
def test_roles_give_reviewers_no_rating_and_nobody_history_deletion():
    assert not {"claims.rate_claim", "claims.assign_claim"} & set(ROLES["reviewer"])
    assert set(ROLES["reviewer"]) < set(ROLES["editor"])
    for perms in ROLES.values():
        assert not [p for p in perms if p.split(".")[1].startswith("delete_")]


@pytest.mark.django_db
def test_roles_ensure_groups_refuses_an_unknown_permission():
    with pytest.raises(LookupError, match="fly_claim"):
        ensure_groups(Group, Permission, {"pilot": ["claims.fly_claim"]})


# Evidence ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "needs a URL, an excerpt or a document"),
        ({"url": "   ", "excerpt": "\n"}, "needs a URL"),
        ({"url": "javascript:alert(1)"}, "not an http"),
        ({"url": "ftp://example.org/file"}, "not an http"),
        ({"url": "not a url"}, "not an http"),
        ({"excerpt": "x", "stance": "maybe"}, "unknown stance"),
    ],
    ids=["nothing", "blank", "javascript", "ftp", "garbage", "stance"],
)
def test_attach_evidence_refuses_bad_input_and_writes_nothing(
    kwargs, message, reviewer
):
    claim = ClaimFactory()
    with pytest.raises(workflow.ClaimNotReady, match=message):
        services.attach_evidence(claim, actor=reviewer, **kwargs)
    assert Evidence.objects.count() == 0


@pytest.mark.django_db
def test_attach_evidence_is_refused_to_outsiders(reviewer):
    claim = ClaimFactory()
    for outsider in (AnonymousUser(), UserFactory(username="nobody"), None):
        with pytest.raises(workflow.NotPermitted):
            services.attach_evidence(claim, actor=outsider, excerpt="Table 4.")
    assert Evidence.objects.count() == 0


@pytest.mark.django_db
def test_attach_evidence_reads_the_status_from_the_database(editor):
    """A stale copy still saying "sourced" cannot add evidence to a rated claim."""
    claim = ClaimFactory(sourced=True, actor=editor)
    stale = Claim.objects.get(pk=claim.pk)
    services.rate_claim(claim, actor=editor, verdict="false", summary="Wrong.")
    before = Evidence.objects.count()
    with pytest.raises(workflow.InvalidTransition, match="rated"):
        services.attach_evidence(stale, actor=editor, url="https://example.org/late")
    assert Evidence.objects.count() == before


@pytest.mark.django_db
def test_attach_evidence_stores_trimmed_values_and_the_actor(reviewer):
    claim = ClaimFactory()
    evidence = services.attach_evidence(
        claim,
        actor=reviewer,
        url="  https://stats.example.org/t1  ",
        excerpt=" <script>x</script> ",
        stance="refutes",
    )
    evidence.refresh_from_db()
    assert (evidence.url, evidence.excerpt, evidence.stance, evidence.added_by) == (
        "https://stats.example.org/t1",
        "<script>x</script>",
        "refutes",
        reviewer,
    )


# Assignment -------------------------------------------------------------------


@pytest.mark.django_db
def test_assign_claim_by_editor_emails_the_reviewer_on_commit(
    editor, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    claim = ClaimFactory(quote="Crime fell 40 percent in <b>two</b> years.")
    with django_capture_on_commit_callbacks(execute=False) as pending:
        assignment = services.assign_claim(claim, actor=editor, assignee=reviewer)
    # Nothing is sent before the transaction commits; the commit kicks the
    # dispatcher, run here as the worker would (the queue: the real-worker test).
    assert mailoutbox == [] and len(pending) == 1
    tasks.dispatch_events()
    assert len(mailoutbox) == 1
    [mail] = mailoutbox
    assert mail.subject == f"[factcheck] Claim #{claim.pk} assigned to you"
    assert mail.to == [reviewer.email]
    assert "Crime fell 40 percent in <b>two</b> years." in mail.body
    assert (assignment.assignee, assignment.assigned_by) == (reviewer, editor)
    assert Claim.objects.get(pk=claim.pk).assignee == reviewer
    event = Event.objects.get(claim=claim, kind=Event.Kind.ASSIGNED)
    assert event.payload["assignee_id"] == reviewer.pk and event.dispatched_at


@pytest.mark.django_db
def test_assign_claim_rolled_back_sends_nothing(
    editor, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks() as kicks:
        try:
            with transaction.atomic():
                services.assign_claim(claim, actor=editor, assignee=reviewer)
                raise RuntimeError("the request failed after assigning")
        except RuntimeError:
            pass
    assert kicks == []
    tasks.dispatch_events()
    assert mailoutbox == []
    assert ClaimAssignment.objects.count() == 0 and Event.objects.count() == 0
    assert Claim.objects.get(pk=claim.pk).assignee is None


@pytest.mark.django_db
def test_assign_claim_to_oneself_is_logged_but_not_emailed(
    reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks():
        services.assign_claim(claim, actor=reviewer, assignee=reviewer)
    tasks.dispatch_events()
    assert mailoutbox == []
    assert list(ClaimAssignment.objects.values_list("assignee", "assigned_by")) == [
        (reviewer.pk, reviewer.pk)
    ]


@pytest.mark.django_db
def test_assign_claim_rules_for_reviewers(reviewer, editor):
    other = UserFactory(username="other", role="reviewer")
    claim = ClaimFactory()
    with pytest.raises(workflow.NotPermitted):
        services.assign_claim(claim, actor=reviewer, assignee=other)
    stale = Claim.objects.get(pk=claim.pk)
    services.assign_claim(claim, actor=other, assignee=other)
    # The stale copy still shows no assignee; the database says otherwise.
    with pytest.raises(workflow.StaleClaim, match="took this claim first"):
        services.assign_claim(stale, actor=reviewer, assignee=reviewer)
    assert Claim.objects.get(pk=claim.pk).assignee == other
    # An editor may reassign, and unassign.
    services.assign_claim(claim, actor=editor, assignee=reviewer)
    services.assign_claim(claim, actor=editor, assignee=None)
    assert Claim.objects.get(pk=claim.pk).assignee is None
    assert ClaimAssignment.objects.filter(claim=claim).count() == 3


@pytest.mark.django_db
def test_assign_claim_only_to_active_reviewers(editor):
    claim = ClaimFactory()
    for bad in (
        UserFactory(username="outsider"),
        UserFactory(username="former", role="reviewer", is_active=False),
    ):
        with pytest.raises(workflow.ClaimNotReady, match="not an active reviewer"):
            services.assign_claim(claim, actor=editor, assignee=bad)
    with pytest.raises(workflow.NotPermitted):
        services.assign_claim(claim, actor=AnonymousUser(), assignee=editor)
    assert ClaimAssignment.objects.count() == 0


@pytest.mark.django_db
def test_assign_claims_is_all_or_nothing(editor, reviewer):
    claims = ClaimFactory.create_batch(3)
    services.assign_claims(claims, actor=editor, assignee=reviewer)
    assert Claim.objects.filter(assignee=reviewer).count() == 3
    rookie = UserFactory(username="rookie", role="reviewer")
    ghost = Claim(pk=10**9, source=claims[0].source, quote="x", start=0, end=1)
    with pytest.raises(workflow.StaleClaim):
        services.assign_claims([*claims, ghost], actor=editor, assignee=rookie)
    assert Claim.objects.filter(assignee=reviewer).count() == 3
    assert ClaimAssignment.objects.count() == 3


def test_reviewers_lists_active_reviewers_and_editors(db, editor, reviewer):
    UserFactory(username="outsider")
    UserFactory(username="gone", role="reviewer", is_active=False)
    assert [u.username for u in services.reviewers()] == ["ed", "rev"]


# The assignment email through a real worker, broker and SMTP connection ---------


class SmtpSink(socketserver.ThreadingTCPServer):
    """A minimal SMTP server on 127.0.0.1 that keeps every message it receives."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SmtpHandler)
        self.messages: list[dict[str, Any]] = []


class SmtpHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 sink ready")
        message: dict[str, Any] = {"to": []}
        for _ in range(1000):  # bounded: one short session per connection
            line = self.rfile.readline(10_000).decode(errors="replace").strip()
            verb = line[:4].upper()
            if not line or verb == "QUIT":
                self.reply("221 bye")
                return
            if verb == "RCPT":
                message["to"].append(line.split(":", 1)[1].strip(" <>"))
            if verb == "DATA":
                self.reply("354 go on")
                body = []
                while (data := self.rfile.readline(100_000)) not in (b".\r\n", b""):
                    body.append(data.decode(errors="replace"))
                message["data"] = "".join(body)
                self.server.messages.append(message)  # type: ignore[attr-defined]
                message = {"to": []}
            self.reply("250 ok")


@pytest.fixture
def smtp_sink(monkeypatch: pytest.MonkeyPatch) -> Iterator[SmtpSink]:
    """Start the sink and point the worker (started after this) at it."""
    sink = SmtpSink()
    thread = threading.Thread(target=sink.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("EMAIL_URL", f"smtp://127.0.0.1:{sink.server_address[1]}")
    yield sink
    sink.shutdown()
    sink.server_close()


def test_assign_claim_email_goes_out_through_a_real_worker(
    smtp_sink, celery_worker_process, editor, reviewer
):
    # Tasks must go through the broker here, not run in this process.
    assert not celery_app.conf.task_always_eager
    claim = ClaimFactory(quote="Crime fell 40 percent in two years.")
    with transaction.atomic():
        services.assign_claim(claim, actor=editor, assignee=reviewer)

    def mailed() -> list[dict[str, Any]]:
        return smtp_sink.messages

    try:
        [message] = wait_for(mailed, timeout=90)
    except pytest.fail.Exception:
        log = celery_worker_process.stop()
        pytest.fail(f"no mail reached the SMTP sink; worker log:\n{log[-4000:]}")
    assert message["to"] == [reviewer.email]
    assert f"Claim #{claim.pk} assigned to you" in message["data"]
    assert Event.objects.get(claim=claim).dispatched_at is not None


# Cost of a move -----------------------------------------------------------------

SUMMARY = "The official figures show the opposite."


def _pending_with_evidence(count: int, actor: Any) -> list[Claim]:
    claims = ClaimFactory.create_batch(count)
    for claim in claims:
        services.attach_evidence(claim, actor=actor, excerpt="Table 4.")
    return claims


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 5])
def test_moves_cost_a_fixed_number_of_queries(count, django_assert_num_queries):
    """On PostgreSQL a move is one statement: the UPDATE (evidence checked in its
    WHERE) with the transition, and for a rating the revision and the event, as
    data-modifying CTEs. Elsewhere (SQLite) the same rows are written one by one,
    with no savepoint (here nested in the test's transaction). Permissions are
    read once per user object, on its first move."""
    one_statement = connection.vendor == "postgresql"
    editor = UserFactory(username="counted", role="editor")
    claims = _pending_with_evidence(count, editor)
    actor = get_user_model().objects.get(pk=editor.pk)  # empty permission cache
    mark, rate = (1, 1) if one_statement else (2, 4)
    with django_assert_num_queries(2 + mark * count):  # the user's and groups' perms
        for claim in claims:
            services.mark_claim_sourced(claim, actor=actor)
    with django_assert_num_queries(rate * count):
        for claim in claims:
            services.rate_claim(claim, actor=actor, verdict="false", summary=SUMMARY)
    stored = Claim.objects.filter(pk__in=[c.pk for c in claims])
    assert set(stored.values_list("status", "version")) == {("rated", 3)}
    assert RatingRevision.objects.filter(claim__in=claims).count() == count
    assert Event.objects.filter(claim__in=claims).count() == count


def test_moves_and_evidence_cost_one_statement_and_no_transaction_of_their_own(
    transactional_db, postgres, django_assert_num_queries
):
    """Each move on its own, as in production: one statement in autocommit mode,
    so no BEGIN, COMMIT or SAVEPOINT round trip; so is adding evidence."""
    editor = UserFactory(username="counted", role="editor")
    claims = ClaimFactory.create_batch(3)
    editor.has_perm("claims.review_claim")  # fill the permission cache
    for claim in claims:
        with django_assert_num_queries(1):
            services.attach_evidence(claim, actor=editor, excerpt="Table 4.")
        with django_assert_num_queries(1) as captured:
            services.mark_claim_sourced(claim, actor=editor)
        with django_assert_num_queries(1) as rated:
            services.rate_claim(claim, actor=editor, verdict="false", summary=SUMMARY)
        [marking], [rating] = (q["sql"] for q in captured), (q["sql"] for q in rated)
        assert marking.startswith("WITH moved AS (UPDATE") and "EXISTS" in marking
        assert '"claims_ratingrevision"' in rating and '"claims_event"' in rating
    assert Event.objects.filter(kind=Event.Kind.RATED).count() == 3
    assert RatingRevision.objects.count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prepare", "error", "message"),
    [
        ("no-evidence", workflow.ClaimNotReady, "evidence"),
        ("stale", workflow.StaleClaim, "changed by someone else"),
        ("stale-no-evidence", workflow.ClaimNotReady, "evidence"),
    ],
)
def test_mark_sourced_tells_unready_from_stale_and_writes_nothing(
    prepare, error, message, editor
):
    claim = ClaimFactory()
    if prepare != "no-evidence":
        stale = Claim.objects.get(pk=claim.pk)
        services.attach_evidence(claim, actor=editor, excerpt="Table 4.")
        services.mark_claim_sourced(claim, actor=editor)
        services.send_back_claim(claim, actor=editor, note="Weak source.")
        if prepare == "stale-no-evidence":
            Evidence.objects.filter(claim=claim).delete()
        claim = stale
    before = (Claim.objects.values().get(pk=claim.pk), Event.objects.count())
    transitions = claim.transitions.count()
    with pytest.raises(error, match=message):
        services.mark_claim_sourced(claim, actor=editor)
    assert (Claim.objects.values().get(pk=claim.pk), Event.objects.count()) == before
    assert claim.transitions.count() == transitions


@pytest.mark.django_db
def test_a_refused_move_leaves_the_callers_transaction_usable(editor, reviewer):
    """A refusal inside a caller's transaction rolls back nothing of the caller's."""
    claim, other = ClaimFactory.create_batch(2)
    with transaction.atomic():
        services.assign_claim(other, actor=editor, assignee=reviewer)
        with pytest.raises(workflow.ClaimNotReady, match="evidence"):
            services.mark_claim_sourced(claim, actor=editor)
        services.attach_evidence(claim, actor=editor, excerpt="Table 4.")
        services.mark_claim_sourced(claim, actor=editor)
        stale = Claim.objects.get(pk=claim.pk)
        services.send_back_claim(claim, actor=editor, note="Weak source.")
        services.mark_claim_sourced(claim, actor=editor)
        with pytest.raises(workflow.StaleClaim):
            services.rate_claim(stale, actor=editor, verdict="false", summary="x")
        services.rate_claim(claim, actor=editor, verdict="false", summary=SUMMARY)
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.status, stored.version, stored.revisions.count()) == ("rated", 5, 1)
    assert Claim.objects.get(pk=other.pk).assignee == reviewer
    assert Event.objects.count() == 2  # the assignment and the one rating


@pytest.mark.django_db
def test_events_kick_the_dispatcher_only_once_committed(
    editor, reviewer, django_capture_on_commit_callbacks
):
    claims = ClaimFactory.create_batch(2)
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            services.assign_claim(claims[0], actor=editor, assignee=reviewer)
            raise RuntimeError("rolled back")
        services.assign_claim(claims[1], actor=editor, assignee=reviewer)
    assert Event.objects.filter(kind=Event.Kind.ASSIGNED).count() == 1
    assert len(callbacks) == 1


@pytest.mark.parametrize(
    ("author", "writer"),
    [
        ("Dana Cole", "Dana Cole"),
        ("By Dana M. Cole", "Dana M. Cole"),
        ("Ana de la Cruz", "Ana de la Cruz"),
        ("Desk 2 Staff", ""),
        ("", ""),
        ("Dana Cole and Tom Reyes", ""),
        ("Dana Cole; Tom Reyes", ""),
        ("desk@news.example.org (Dana Cole)", ""),
        ("Staff", ""),
        ("the editorial board", ""),
    ],
)
def test_the_byline_names_one_writer_or_none(author, writer):
    assert services.byline_writer(author) == writer


@pytest.mark.django_db
def test_first_person_quotes_go_to_the_one_named_writer():
    text = (
        "The hearing ran long. “Your Honor,” I said, “I regret it.”\n\n"
        "“Noted,” said Judge Ann Lee.\n"
    )
    source = SourceFactory(text=text, author="By Dana Cole")
    assert services.extract_claims(source) == 3
    names = [c.speaker.name for c in source.claims.order_by("start")]
    assert names == ["Dana Cole", "Dana Cole", "Ann Lee"]
    two_writers = SourceFactory(text=text + "\n", author="Dana Cole and Tom Reyes")
    services.extract_claims(two_writers)
    first = two_writers.claims.order_by("start").first()
    assert first is not None and first.speaker is None
