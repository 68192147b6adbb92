"""Documents the desk works from: articles, evidence, feeds and import jobs."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class SourceQuerySet(models.QuerySet["Source"]):
    def articles(self) -> "SourceQuerySet":
        return self.filter(kind=Source.Kind.ARTICLE)


class Source(models.Model):
    """One imported document; its text is data, never markup."""

    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        EVIDENCE = "evidence", "Evidence document"

    kind = models.CharField(max_length=16, choices=Kind, default=Kind.ARTICLE)
    url = models.URLField(max_length=2000, blank=True)
    canonical_url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    text = models.TextField()
    content_sha256 = models.CharField(max_length=64, unique=True)
    feed = models.ForeignKey(
        "Feed", null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Set once its claims are extracted; an import that finds the source again
    # re-sends extraction while this is empty (the first worker may have died).
    extracted_at = models.DateTimeField(null=True, blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Dedupe key of URL imports; pasted text has no URL, dedupes on the hash.
            models.UniqueConstraint(
                fields=["canonical_url"],
                condition=~Q(canonical_url=""),
                name="source_unique_canonical_url",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["article", "evidence"]), name="source_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.canonical_url or f"Source {self.pk}"


class Feed(models.Model):
    """An RSS or Atom feed polled by beat; each new entry becomes an import."""

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.title or self.url


class Import(models.Model):
    """One request to import an article, and how it went; the user watches this."""

    class Kind(models.TextChoices):
        URL = "url", "URL"
        TEXT = "text", "Pasted text"
        FILE = "file", "File"
        FEED = "feed", "Feed entry"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=8, choices=Kind)
    state = models.CharField(max_length=8, choices=State, default=State.QUEUED)
    url = models.URLField(max_length=2000, blank=True)
    filename = models.CharField(max_length=300, blank=True)
    # Pasted text or an uploaded file waits here until the task turns it into a Source.
    payload = models.TextField(blank=True)
    title = models.CharField(max_length=500, blank=True)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    feed = models.ForeignKey(
        Feed, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    duplicate = models.BooleanField(default=False)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The re-sender's scan: only unfinished jobs.
            models.Index(
                fields=["created_at"],
                condition=Q(state__in=["queued", "running"]),
                name="import_unfinished_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["queued", "running", "done", "failed"]),
                name="import_state_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.get_state_display()})"


class FailedTask(models.Model):
    """A task that failed after its last retry, kept for an editor to see and retry."""

    task_name = models.CharField(max_length=200)
    task_id = models.CharField(max_length=64, blank=True)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    error = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    retried_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.task_name} failed: {self.error[:60]}"
