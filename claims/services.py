"""Use cases of the review desk: each atomic, audited, with side effects on commit."""

import re
from collections.abc import Iterable
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from factcheck.celery import kick_on_commit
from sources.models import Source

from . import extraction, workflow
from .extraction.lexicon import PARTICLES
from .feed_etags import forget_feed_etags
from .models import (
    Claim,
    ClaimAssignment,
    ClaimTransition,
    Event,
    Evidence,
    Speaker,
    SpeakerAlias,
)
from .speakers import speaker_key

_EVIDENCE_URL = URLValidator(schemes=["http", "https"])


def extract_claims(source: Source) -> int:
    """Create a pending claim for every quote in `source`; return how many were new.

    Idempotent: the unique (source, start, end) key makes a second run, or a
    redelivered task, create nothing.
    """
    writer = byline_writer(source.author)
    quotes = [q for q in extraction.extract(source.text, writer) if q.quote.strip()]
    try:
        return _insert_claims(source, quotes)
    except IntegrityError:
        # A speaker looked up here was merged away before the claims went in
        # (`merge_speakers` removes it): its name is an alias now; look again.
        return _insert_claims(source, quotes)


def byline_writer(author: str) -> str:
    """Return the one person a byline names ("By Dana Cole" → "Dana Cole"), or ""
    for none, several ("Dana Cole and Tom Reyes") or an address."""
    name = _BY.sub("", author.strip())
    words = name.split()
    if not 2 <= len(words) <= 5 or any(sep in name for sep in _SEVERAL):
        return ""
    if any(c.isdigit() for c in name) or not all(
        w[:1].isupper() or w in PARTICLES for w in words
    ):
        return ""  # "Staff", "the editorial board", "Desk 2"; "Ana de la Cruz" is one
    return name


_BY = re.compile(r"^by\s+", re.IGNORECASE)
_SEVERAL = (",", ";", "&", "/", "@", "(", " and ", " And ", " AND ")


def _insert_claims(source: Source, quotes: list[extraction.Quote]) -> int:
    speakers = _speakers_for(quotes)
    claims = [
        Claim(
            source=source,
            speaker=speakers.get(speaker_key(q.speaker)) if q.speaker else None,
            quote=q.quote,
            start=q.start,
            end=q.end,
            context=q.context,
            context_start=q.context_start,
            speaker_mention=(
                source.text[q.speaker_start : q.speaker_end]
                if q.speaker_start is not None and q.speaker_end is not None
                else ""
            )[:300],
            speaker_role=q.role[:300],
            cue=q.cue[:100],
            kind=q.kind,
            utterance=q.group,
            confidence=q.confidence,
        )
        for q in quotes
    ]
    with transaction.atomic():
        before = Claim.objects.filter(source=source).count()
        Claim.objects.bulk_create(claims, ignore_conflicts=True, batch_size=500)
        created = Claim.objects.filter(source=source).count() - before
        Source.objects.filter(pk=source.pk).update(extracted_at=timezone.now())
    return created


def _speakers_for(quotes: Iterable[extraction.Quote]) -> dict[str, Speaker]:
    """Return the speakers of `quotes` by key, creating the new ones in bulk.

    A key left by a merge (`merge_speakers`) stands for the speaker kept.
    """
    wanted: dict[str, tuple[str, str]] = {}
    for q in quotes:
        if q.speaker and (key := speaker_key(q.speaker)):
            wanted.setdefault(key, (q.speaker[:200], q.role[:300]))
    if not wanted:
        return {}
    merged = dict(
        SpeakerAlias.objects.filter(key__in=wanted).values_list("key", "speaker_id")
    )
    new = {k: v for k, v in wanted.items() if k not in merged}
    Speaker.objects.bulk_create(
        [Speaker(key=k, name=name, role=role) for k, (name, role) in new.items()],
        ignore_conflicts=True,
    )
    found = Speaker.objects.filter(Q(key__in=new) | Q(pk__in=merged.values()))
    by_pk = {s.pk: s for s in found}
    speakers = {s.key: s for s in by_pk.values() if s.key in new}
    speakers.update((key, by_pk[pk]) for key, pk in merged.items() if pk in by_pk)
    return speakers


def merge_speakers(
    keep: Speaker, others: Iterable[Speaker], *, actor: workflow.Actor
) -> int:
    """File the claims of `others` under `keep` and remove `others`; return how
    many claims moved.

    Each removed speaker's name key (and any key that already stood for it)
    becomes an alias of `keep`, so later imports that write that name file their
    claims under `keep` too. The moved claims' `updated_at` moves, as after a
    speaker edit (`claims_shown_changed`); their workflow `version` stays.
    """
    workflow.require_permission(
        actor, "claims.change_speaker", "you may not merge speakers"
    )
    ids = {s.pk for s in others} - {keep.pk}
    if not ids:
        raise workflow.InvalidTransition("choose at least one other speaker to merge")
    with transaction.atomic():
        # Lock the rows: a concurrent merge or edit of the same speakers waits,
        # and so does an import whose new claims name one of them (its foreign
        # key check at commit needs the row), so those claims either committed
        # before, and move below, or commit after and find the alias
        # (`extract_claims` looks again).
        locked = list(
            Speaker.objects.select_for_update()
            .filter(pk__in=ids | {keep.pk})
            .order_by("pk")
        )
        gone = [s for s in locked if s.pk in ids]
        if keep.pk not in {s.pk for s in locked} or len(gone) != len(ids):
            raise workflow.StaleClaim("a speaker was merged or removed meanwhile")
        moved = Claim.objects.filter(speaker_id__in=ids).update(
            speaker=keep, updated_at=timezone.now()
        )
        forget_feed_etags()
        SpeakerAlias.objects.filter(speaker_id__in=ids).update(speaker=keep)
        SpeakerAlias.objects.bulk_create(
            [
                SpeakerAlias(key=s.key, speaker=keep, name=s.name, former_id=s.pk)
                for s in gone
            ],
            ignore_conflicts=True,
        )
        Speaker.objects.filter(pk__in=ids).delete()
    return moved


def attach_evidence(
    claim: Claim,
    *,
    actor: workflow.Actor,
    url: str = "",
    excerpt: str = "",
    stance: str = Evidence.Stance.CONTEXT,
    document: Source | None = None,
) -> Evidence:
    """Attach a piece of evidence to a claim in review."""
    user = workflow.require_permission(
        actor, "claims.add_evidence", "you may not add evidence"
    )
    url, excerpt = url.strip(), excerpt.strip()
    if not (url or excerpt or document):
        raise workflow.ClaimNotReady("evidence needs a URL, an excerpt or a document")
    if url:
        try:
            _EVIDENCE_URL(url)
        except ValidationError:
            raise workflow.ClaimNotReady(f"not an http(s) URL: {url[:200]!r}") from None
    if stance not in Evidence.Stance.values:
        raise workflow.ClaimNotReady(f"unknown stance {stance!r}")
    evidence = Evidence(
        claim=claim,
        url=url,
        excerpt=excerpt,
        stance=stance,
        document=document,
        added_by=user,
    )
    if not workflow.insert_evidence(evidence):
        status = Claim.objects.filter(pk=claim.pk).values_list("status", flat=True)
        raise workflow.InvalidTransition(
            f"evidence is added while a claim is in review, not when {status.first()}"
        )
    return evidence


def mark_claim_sourced(claim: Claim, *, actor: workflow.Actor) -> ClaimTransition:
    """Move a pending claim with evidence to sourced."""
    return workflow.move(claim, "claim.mark_sourced", actor=actor)


def send_back_claim(
    claim: Claim, *, actor: workflow.Actor, note: str
) -> ClaimTransition:
    """Send a sourced claim back to pending, saying why."""
    return workflow.move(claim, "claim.send_back", actor=actor, note=note)


def rate_claim(
    claim: Claim, *, actor: workflow.Actor, verdict: str, summary: str
) -> ClaimTransition:
    """Publish a verdict with its written summary (a revision and an event with it)."""
    return workflow.move(
        claim, "claim.rate", actor=actor, verdict=verdict, summary=summary
    )


def correct_rating(
    claim: Claim, *, actor: workflow.Actor, verdict: str, summary: str, note: str
) -> ClaimTransition:
    """Correct a published rating; the previous one stays visible as a revision."""
    return workflow.move(
        claim,
        "claim.correct",
        actor=actor,
        verdict=verdict,
        summary=summary,
        note=note,
    )


def reopen_claim(claim: Claim, *, actor: workflow.Actor, note: str) -> ClaimTransition:
    """Withdraw a published rating and put the claim back among the sourced."""
    return workflow.move(claim, "claim.reopen", actor=actor, note=note)


def dismiss_claim(
    claim: Claim, *, actor: workflow.Actor, reason: str, note: str = ""
) -> ClaimTransition:
    """Set aside a pending claim that will not be checked, with the reason."""
    return workflow.move(
        claim, "claim.dismiss", actor=actor, note=note, dismiss_reason=reason
    )


def restore_claim(claim: Claim, *, actor: workflow.Actor) -> ClaimTransition:
    """Bring a dismissed claim back to pending."""
    return workflow.move(claim, "claim.restore", actor=actor)


def assign_claim(
    claim: Claim, *, actor: workflow.Actor, assignee: workflow.Actor
) -> ClaimAssignment:
    """Give a claim to a reviewer (or nobody); the reviewer is emailed on commit.

    Editors assign anyone; a reviewer may only take an unassigned claim for
    themselves, and of two reviewers taking one claim at once only one gets it.
    """
    taking_it = (
        assignee is not None
        and assignee.pk == getattr(actor, "pk", None)
        and workflow.is_permitted(actor, "claims.review_claim")
    )
    editor = workflow.is_permitted(actor, "claims.assign_claim")
    if not (editor or taking_it):
        raise workflow.NotPermitted("you may not assign claims")
    user = cast(User, actor)
    if assignee is not None and not workflow.is_permitted(
        assignee, "claims.review_claim"
    ):
        raise workflow.ClaimNotReady(f"{assignee} is not an active reviewer")
    assignee = cast(User | None, assignee)
    rows = Claim.objects.filter(pk=claim.pk)
    if not editor:
        rows = rows.filter(assignee__isnull=True)
    with transaction.atomic():
        if not rows.update(assignee=assignee, updated_at=timezone.now()):
            if not editor and Claim.objects.filter(pk=claim.pk).exists():
                raise workflow.StaleClaim("someone else took this claim first")
            raise workflow.StaleClaim("the claim no longer exists")
        forget_feed_etags()
        claim.assignee = assignee
        assignment = ClaimAssignment.objects.create(
            claim=claim, assignee=assignee, assigned_by=user
        )
        if assignee is not None and assignee.pk != user.pk:
            _emit(Event.Kind.ASSIGNED, claim, assignee_id=assignee.pk)
    return assignment


def assign_claims(
    claims: Iterable[Claim],
    *,
    actor: workflow.Actor,
    assignee: workflow.Actor,
) -> int:
    """Assign several claims at once; all or none."""
    done = 0
    with transaction.atomic():
        for claim in claims:
            assign_claim(claim, actor=actor, assignee=assignee)
            done += 1
    return done


def claims_shown_changed(
    *, speaker: Speaker | None = None, source: Source | None = None
) -> int:
    """Move `updated_at` of the claims that show an edited speaker or article.

    Their representation changed: their ETags must change, and the ratings feed
    must deliver them again so that a consumer's copy gets the new name. Their
    workflow `version` stays: nothing of the review moved.
    """
    claims = Claim.objects.all()
    if speaker is not None:
        claims = claims.filter(speaker=speaker)
    if source is not None:
        claims = claims.filter(source=source)
    moved = claims.update(updated_at=timezone.now())
    forget_feed_etags()
    return moved


def reviewers() -> Any:
    """Return the active users who may review claims, for assignment choices."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=["reviewer", "editor"])
        .distinct()
        .order_by("username")
    )


def _emit(kind: str, claim: Claim, **payload: Any) -> Event:
    """Write an outbox row in the current transaction and kick the dispatcher.

    For events that are not moves (an assignment): a move's event is written by
    `workflow.move()` with its transition.
    """
    event = Event.objects.create(
        kind=kind,
        claim=claim,
        payload={
            "claim_id": claim.pk,
            "status": claim.status,
            "verdict": claim.verdict,
            "summary": claim.summary,
            "version": claim.version,
            **payload,
        },
    )
    # The dispatcher sends every due event it finds; beat runs it too, so a kick
    # lost with the broker delays a notification and loses nothing.
    kick_on_commit("claims.tasks.dispatch_events")
    return event
