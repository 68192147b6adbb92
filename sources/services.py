"""Use cases of the sources app: importing articles and recording import jobs."""

from dataclasses import replace

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from factcheck.celery import enqueue_on_commit

from . import parsing
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
    data: bytes, *, url: str = "", title: str = "", kind: str = Source.Kind.ARTICLE
) -> tuple[Source, bool]:
    """Import a document given as bytes (a file, an upload, a fetched page)."""
    article = parsing.parse_document(data, max_bytes=settings.IMPORT_MAX_BYTES, url=url)
    if title:
        article = replace(article, title=title)
    return import_article(article=article, url=url, kind=kind)


def request_import(
    *,
    kind: str,
    url: str = "",
    text: str = "",
    filename: str = "",
    title: str = "",
    requested_by: AbstractBaseUser | None = None,
    feed: Feed | None = None,
) -> Import:
    """Record an import job and schedule it on commit; the caller shows its status."""
    if kind == Import.Kind.URL or kind == Import.Kind.FEED:
        if not url:
            raise PermanentImportError("a URL is required")
    else:
        parsing.decode_text(text.encode(), max_bytes=settings.IMPORT_MAX_BYTES)
    job = Import.objects.create(
        kind=kind,
        url=url,
        payload=text,
        filename=filename[:300],
        title=title[:500],
        requested_by=requested_by,
        feed=feed,
    )
    enqueue_on_commit("sources.tasks.run_import", job.pk)
    return job


def run_import(job: Import) -> Import:
    """Carry out an import job; safe to run again after a crash (dedupe by hash)."""
    if job.state == Import.State.DONE:
        return job
    Import.objects.filter(pk=job.pk).update(state=Import.State.RUNNING)
    if job.kind in (Import.Kind.URL, Import.Kind.FEED):
        from . import fetching

        response = fetching.fetch(job.url)
        source, created = import_bytes(response.body, url=response.url, title=job.title)
    else:
        source, created = import_bytes(job.payload.encode(), title=job.title)
    job.state = Import.State.DONE
    job.source = source
    job.duplicate = not created
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
