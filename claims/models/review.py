"""The review desk's records: speakers, claims, evidence, and the claim's history."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse

from sources.models import Source


class Speaker(models.Model):
    """A person or organisation quoted in an article, one row per normalised name."""

    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True)
    role = models.CharField(max_length=300, blank=True)
    affiliation = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("dashboard:speaker", args=[self.pk])


class SpeakerAlias(models.Model):
    """A name key that now stands for another speaker, left by a merge.

    Extraction looks keys up here first, so an article that still writes the
    merged name ("Donald J. Trump") files its claims under the one kept.
    """

    key = models.CharField(max_length=200, unique=True)
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(max_length=200, help_text="The name as it was shown.")
    former_id = models.BigIntegerField(
        null=True, db_index=True, help_text="The removed speaker's id, for old links."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["key"]
        verbose_name_plural = "speaker aliases"

    def __str__(self) -> str:
        return f"{self.name} → {self.speaker}"


class ClaimQuerySet(models.QuerySet["Claim"]):
    def pending(self) -> "ClaimQuerySet":
        return self.filter(status=Claim.Status.PENDING)

    def awaiting_rating(self) -> "ClaimQuerySet":
        return self.filter(status=Claim.Status.SOURCED)

    def published(self) -> "ClaimQuerySet":
        return self.filter(status=Claim.Status.RATED)

    def with_evidence_count(self) -> "ClaimQuerySet":
        return self.annotate(evidence_count=Count("evidence"))

    def for_lists(self) -> "ClaimQuerySet":
        """Join what every claim list shows, so a page costs the same for any size."""
        return self.select_related("speaker", "source", "assignee")


class Claim(models.Model):
    """A quoted assertion, tied to its speaker and article, moving through review."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SOURCED = "sourced", "Sourced"
        RATED = "rated", "Rated"
        DISMISSED = "dismissed", "Dismissed"

    class Verdict(models.TextChoices):
        TRUE = "true", "True"
        MOSTLY_TRUE = "mostly_true", "Mostly true"
        HALF_TRUE = "half_true", "Half true"
        MOSTLY_FALSE = "mostly_false", "Mostly false"
        FALSE = "false", "False"
        UNPROVEN = "unproven", "Unproven"

    class Kind(models.TextChoices):
        DIRECT = "direct", "Direct quote"
        PARTIAL = "partial", "Partial quote"
        SPLIT = "split", "Split quote"

    class DismissReason(models.TextChoices):
        OPINION = "opinion", "Opinion"
        NOT_CHECKABLE = "not_checkable", "Not checkable"
        DUPLICATE = "duplicate", "Duplicate"
        OTHER = "other", "Other"

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claims")
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    quote = models.TextField()
    start = models.PositiveIntegerField(
        help_text="Offset of the quote in the source text"
    )
    end = models.PositiveIntegerField()
    context = models.TextField(blank=True)
    context_start = models.PositiveIntegerField(default=0)
    speaker_mention = models.CharField(max_length=300, blank=True)
    speaker_role = models.CharField(max_length=300, blank=True)
    cue = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=8, choices=Kind, default=Kind.DIRECT)
    utterance = models.PositiveIntegerField(
        default=0, help_text="Split parts of one utterance share this number"
    )
    confidence = models.FloatField(default=1.0)
    checkworthiness = models.FloatField(null=True, blank=True)

    # Written only by claims.workflow.
    status = models.CharField(
        max_length=10, choices=Status, default=Status.PENDING, editable=False
    )
    verdict = models.CharField(
        max_length=16, choices=Verdict, blank=True, editable=False
    )
    summary = models.TextField(blank=True, editable=False)
    dismiss_reason = models.CharField(
        max_length=16, choices=DismissReason, blank=True, editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    rated_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set by the first rating and kept for good: the ratings feed shows every claim
    # ever rated, withdrawals included, down one partial index.
    first_rated_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # The idempotency key of extraction: one claim per quote position.
            models.UniqueConstraint(
                fields=["source", "start", "end"], name="claim_unique_span"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "sourced", "rated", "dismissed"]),
                name="claim_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    verdict__in=[
                        "",
                        "true",
                        "mostly_true",
                        "half_true",
                        "mostly_false",
                        "false",
                        "unproven",
                    ]
                ),
                name="claim_verdict_valid",
            ),
            # Rated if and only if a verdict (and its written summary) is present.
            models.CheckConstraint(
                condition=(Q(status="rated") & ~Q(verdict="") & ~Q(summary=""))
                | (~Q(status="rated") & Q(verdict="")),
                name="claim_rated_iff_verdict",
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="claim_span_not_empty"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="claim_queue_idx"),
            # The consumers' ratings feed walks claims ever rated in update order;
            # ClaimReview lists walk the rated ones.
            models.Index(
                fields=["updated_at", "id"],
                condition=Q(first_rated_at__isnull=False),
                name="claim_ever_rated_feed_idx",
            ),
            # `ratings/?verdict=false`: the same walk, for one verdict.
            models.Index(
                fields=["verdict", "updated_at", "id"],
                condition=Q(first_rated_at__isnull=False),
                name="claim_feed_verdict_idx",
            ),
            models.Index(
                fields=["updated_at", "id"],
                condition=Q(status="rated"),
                name="claim_ratings_feed_idx",
            ),
        ]
        permissions = [
            ("rate_claim", "Can rate, correct and reopen claims"),
            ("assign_claim", "Can assign claims to reviewers"),
            ("review_claim", "Can source, send back and dismiss claims"),
            ("restore_claim", "Can restore dismissed claims"),
        ]

    def __str__(self) -> str:
        return self.quote if len(self.quote) <= 80 else self.quote[:79] + "…"

    def get_absolute_url(self) -> str:
        return reverse("dashboard:claim", args=[self.pk])

    @property
    def rating_value(self) -> int | None:
        """Return the verdict on ClaimReview's scale (1 worst, 5 best), or None."""
        return VERDICT_SCALE.get(self.verdict)


VERDICT_SCALE: dict[str, int] = {
    Claim.Verdict.FALSE: 1,
    Claim.Verdict.MOSTLY_FALSE: 2,
    Claim.Verdict.HALF_TRUE: 3,
    Claim.Verdict.MOSTLY_TRUE: 4,
    Claim.Verdict.TRUE: 5,
}


class Evidence(models.Model):
    """A document or link that supports, refutes or gives context to a claim."""

    class Stance(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        REFUTES = "refutes", "Refutes"
        CONTEXT = "context", "Context"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=2000, blank=True)
    document = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    excerpt = models.TextField(blank=True)
    stance = models.CharField(max_length=10, choices=Stance, default=Stance.CONTEXT)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | Q(document__isnull=False) | ~Q(excerpt=""),
                name="evidence_has_content",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stance_display()}: {self.url or self.excerpt[:60]}"


class ClaimTransition(models.Model):
    """One status move of a claim; append-only, the claim's audit trail."""

    claim = models.ForeignKey(
        Claim, on_delete=models.PROTECT, related_name="transitions"
    )
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=10, choices=Claim.Status)
    to_status = models.CharField(max_length=10, choices=Claim.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            # Only a correction leaves the status where it was.
            models.CheckConstraint(
                condition=~Q(from_status=models.F("to_status"))
                | Q(action="claim.correct", from_status="rated"),
                name="transition_moves_or_corrects",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"


class ClaimAssignment(models.Model):
    """One assignment of a claim to a reviewer; the assignment log."""

    claim = models.ForeignKey(
        Claim, on_delete=models.PROTECT, related_name="assignments"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.claim_id} → {self.assignee_id}"


class RatingRevision(models.Model):
    """Every verdict ever published for a claim, so corrections stay visible."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="revisions")
    transition = models.OneToOneField(
        ClaimTransition, on_delete=models.PROTECT, related_name="revision"
    )
    verdict = models.CharField(max_length=16, choices=Claim.Verdict)
    summary = models.TextField()
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.verdict}"
