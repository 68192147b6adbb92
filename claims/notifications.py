"""Emails the desk sends: assignment notices and the editors' daily digest."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection, send_mail
from django.db.models import Count, Min
from django.utils import timezone

from .models import Claim


def send_assignment_email(claim: Claim, *, assignee_id: int) -> bool:
    """Tell a reviewer a claim was assigned to them; return whether a mail went out."""
    user = get_user_model().objects.filter(pk=assignee_id, is_active=True).first()
    if user is None or not user.email:
        return False
    link = settings.FACTCHECK_PUBLISHER_URL.rstrip("/") + claim.get_absolute_url()
    speaker = claim.speaker.name if claim.speaker else "an unnamed speaker"
    send_mail(
        subject=f"[factcheck] Claim #{claim.pk} assigned to you",
        message=(
            f"You have been assigned a claim by {speaker}:\n\n"
            f"  “{claim.quote[:500]}”\n\nFrom: {claim.source}\nOpen it: {link}\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
    return True


def digest_lines(now: datetime | None = None) -> list[str]:
    """Return one line per waiting status: how many claims and the oldest one's age."""
    now = now or timezone.now()
    waiting = (
        Claim.objects.filter(status__in=[Claim.Status.PENDING, Claim.Status.SOURCED])
        .values("status")
        .annotate(count=Count("id"), oldest=Min("created_at"))
        .order_by("status")
    )
    lines = [
        f"  {row['status']}: {row['count']} waiting, oldest {_age(now - row['oldest'])}"
        for row in waiting
    ]
    return lines or ["  nothing is waiting"]


def _age(delta: timedelta) -> str:
    if delta >= timedelta(days=1):
        return f"{delta.days} days old" if delta.days != 1 else "1 day old"
    hours = int(delta.total_seconds() // 3600)
    return f"{hours} hours old" if hours != 1 else "1 hour old"


def send_daily_digest() -> int:
    """Email every editor what waits on the desk; return how many were sent."""
    body = "Claims waiting on the desk:\n" + "\n".join(digest_lines()) + "\n"
    link = settings.FACTCHECK_PUBLISHER_URL.rstrip("/") + "/"
    editors = (
        get_user_model()
        .objects.filter(is_active=True, groups__name="editor")
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    messages = [
        EmailMessage(
            subject="[factcheck] Daily desk digest",
            body=body + f"\nThe desk: {link}\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email],
        )
        for email in editors
    ]
    if not messages:
        return 0
    # One connection for all; each editor gets a message of their own.
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
