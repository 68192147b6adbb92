"""Use cases of the sources app: importing articles and recording import jobs."""

from dataclasses import replace
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from factcheck.celery import enqueue_on_commit

from . import feeds, fetching, parsing
from .exceptions import ImportFailed, PermanentImportError
from .models import Feed, Import, Source
from .signals import source_imported


def import_article(
    *,
    article: parsing.ParsedArticle,
    url: str = "",
    kind: str = Source.Kind.ARTICLE,
    feed: Feed | None = None,
) -> tuple[Source, bool]:
    """Store an article once, schedule its claim extraction; return (source, created).

    Dedupes on the content hash and on the canonical URL, so the same article
    imported twice, by URL with or without tracking parameters, or by two racing
    tasks, yields one source.
    """
    if not article.text.strip():
        raise PermanentImportError("empty: there is no text to import")
    canonical = parsing.canonicalize_url(article.canonical_url or url)
    digest = parsing.content_sha256(article.text)
    existing = _find_existing(digest, canonical)
    if existing is None:
        try:
            with transaction.atomic():
                source = Source.objects.create(
                    kind=kind,
                    url=url,
                    canonical_url=canonical,
                    title=article.title or parsing.guess_title(article.text),
                    publisher=article.publisher,
                    author=article.author,
                    published_at=article.published_at,
                    language=article.language,
                    text=article.text,
                    content_sha256=digest,
                    feed=feed,
                )
                source_imported.send(sender=Source, source_id=source.pk)
            return source, True
        except IntegrityError:
            # Another task stored it between our look-up and our insert.
            existing = _find_existing(digest, canonical)
            if existing is None:
                raise
    if existing.extracted_at is None:
        # The first import committed but its extraction may never have run.
        with transaction.atomic():
            source_imported.send(sender=Source, source_id=existing.pk)
    return existing, False


def _find_existing(digest: str, canonical: str) -> Source | None:
    match = Q(content_sha256=digest)
    if canonical:
        match |= Q(canonical_url=canonical)
    return Source.objects.filter(match).order_by("id").first()


def import_bytes(
    data: bytes,
    *,
    url: str = "",
    title: str = "",
    kind: str = Source.Kind.ARTICLE,
    encoding: str = "",
    max_bytes: int | None = None,
    feed: Feed | None = None,
) -> tuple[Source, bool]:
    """Import a document given as bytes (a file, an upload, a fetched page)."""
    article = parsing.parse_document(
        data,
        max_bytes=max_bytes or settings.IMPORT_MAX_BYTES,
        url=url,
        encoding=encoding,
    )
    if title:
        article = replace(article, title=title)
    return import_article(article=article, url=url, kind=kind, feed=feed)


def fetch_and_import(
    url: str,
    *,
    title: str = "",
    kind: str = Source.Kind.ARTICLE,
    feed: Feed | None = None,
) -> tuple[Source, bool]:
    """Fetch an article through the guarded fetcher and import it."""
    response = fetching.fetch(url, accept=fetching.ARTICLE_TYPES)
    return import_bytes(
        response.body,
        url=response.url,
        title=title,
        kind=kind,
        encoding=response.charset,
        # An HTML page is much larger than its text: the fetcher's cap is its limit.
        max_bytes=(
            settings.IMPORT_MAX_BYTES
            if response.content_type == "text/plain"
            else max(settings.FETCH_MAX_BYTES, settings.IMPORT_MAX_BYTES)
        ),
        feed=feed,
    )


def request_import(
    *,
    kind: str,
    url: str = "",
    text: str = "",
    filename: str = "",
    title: str = "",
    requested_by: "AbstractBaseUser | None" = None,
    feed: Feed | None = None,
) -> Import:
    """Record an import job and schedule it on commit; the caller shows its status."""
    if kind == Import.Kind.URL or kind == Import.Kind.FEED:
        if not url:
            raise PermanentImportError("a URL is required")
        # Refuse what is refused without a DNS lookup now, while the user waits;
        # the fetch checks everything again when the job runs.
        fetching.check_url(url, resolve=False)
    else:
        parsing.decode_text(text.encode(), max_bytes=settings.IMPORT_MAX_BYTES)
    job = Import.objects.create(
        kind=kind,
        url=url,
        payload=text,
        filename=filename[:300],
        title=title[:500],
        requested_by=requested_by,  # type: ignore[misc]  # AUTH_USER_MODEL
        feed=feed,
    )
    enqueue_on_commit("sources.tasks.run_import", job.pk)
    return job


def run_import(job: Import) -> Import:
    """Carry out an import job; safe to run again after a crash (dedupe by hash)."""
    if job.state == Import.State.DONE:
        return job
    rerun = job.state == Import.State.RUNNING
    Import.objects.filter(pk=job.pk).update(
        state=Import.State.RUNNING, started_at=timezone.now()
    )
    if job.kind in (Import.Kind.URL, Import.Kind.FEED):
        source, created = fetch_and_import(job.url, title=job.title, feed=job.feed)
    else:
        source, created = import_bytes(job.payload.encode(), title=job.title)
    job.state = Import.State.DONE
    job.source = source
    # Finding the article already stored is a duplicate only if another import
    # stored it: a rerun after a crash may find the source its own first try made.
    job.duplicate = not created and (
        not rerun
        or Import.objects.filter(source=source, state=Import.State.DONE)
        .exclude(pk=job.pk)
        .exists()
    )
    job.error = ""
    job.payload = ""
    job.finished_at = timezone.now()
    job.save(
        update_fields=[
            "state",
            "source",
            "duplicate",
            "error",
            "payload",
            "finished_at",
        ]
    )
    return job


def fail_import(job: Import, error: ImportFailed | str) -> None:
    """Record that an import job failed for good, with a message for the user."""
    Import.objects.filter(pk=job.pk).update(
        state=Import.State.FAILED, error=str(error)[:2000], finished_at=timezone.now()
    )


def poll_feed(feed: Feed) -> int:
    """Poll a feed with a conditional GET and queue each new entry; return how many.

    Entries already imported or queued (by canonical URL) are skipped. Failures are
    recorded on the feed (`last_error`) and raised.
    """
    conditional = {}
    if feed.etag:
        conditional["If-None-Match"] = feed.etag
    if feed.last_modified:
        conditional["If-Modified-Since"] = feed.last_modified
    try:
        response = fetching.fetch(
            feed.url, accept=fetching.FEED_TYPES, headers=conditional
        )
        parsed = (
            None
            if response.status == 304
            else feeds.parse_feed(response.body, url=response.url)
        )
    except ImportFailed as exc:
        Feed.objects.filter(pk=feed.pk).update(
            last_polled_at=timezone.now(), last_error=str(exc)[:2000]
        )
        raise
    with transaction.atomic():
        # Two polls of one feed (a slow one overlapping the next beat) queue each
        # entry once: the second waits here and then finds the first one's jobs.
        feed = Feed.objects.select_for_update().get(pk=feed.pk)
        queued = 0
        if parsed is not None:
            queued = _queue_new_entries(feed, parsed)
            feed.title = feed.title or parsed.title
        # A 200 replaces the validators (none sent: none kept); a 304 may refresh them.
        kept = response.status == 304
        headers = response.headers
        feed.etag = headers.get("etag", feed.etag if kept else "")[:300]
        feed.last_modified = headers.get(
            "last-modified", feed.last_modified if kept else ""
        )[:100]
        feed.last_polled_at = timezone.now()
        feed.last_error = ""
        feed.save(
            update_fields=[
                "title",
                "etag",
                "last_modified",
                "last_polled_at",
                "last_error",
            ]
        )
    return queued


def _queue_new_entries(feed: Feed, parsed: feeds.ParsedFeed) -> int:
    links: dict[str, feeds.FeedEntry] = {}
    for entry in reversed(parsed.entries):  # oldest first
        link = parsing.canonicalize_url(entry.link)
        if len(link) <= 2000:
            links.setdefault(link, entry)
    known = set(
        Import.objects.filter(url__in=links).values_list("url", flat=True)
    ) | set(
        Source.objects.filter(canonical_url__in=links).values_list(
            "canonical_url", flat=True
        )
    )
    new = [link for link in links if link not in known]
    for link in new:
        request_import(kind=Import.Kind.FEED, url=link, feed=feed)
    return len(new)


def resend_stale_imports(*, queued_for: timedelta, running_for: timedelta) -> list[int]:
    """Send again the jobs whose message was lost; return their ids.

    The `Import` row, not the broker, is the record of the job: a job still
    queued after `queued_for` (its message lost with a broker restart) or
    running after `running_for` (its worker gone beyond redelivery) is
    published again. Running a job twice is safe (`run_import`).
    """
    now = timezone.now()
    stale = Import.objects.filter(
        Q(state=Import.State.QUEUED, created_at__lt=now - queued_for)
        | Q(state=Import.State.RUNNING, started_at__lt=now - running_for)
    ).values_list("pk", flat=True)
    ids = list(stale[:500])
    for job_id in ids:
        enqueue_on_commit("sources.tasks.run_import", job_id)
    return ids
