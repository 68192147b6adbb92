"""Emails the desk sends: assignment notices and the editors' daily digest."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Min
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


def send_daily_digest() -> int:
    """Email every editor what waits on the desk; return how many were sent."""
    waiting = (
        Claim.objects.filter(status__in=[Claim.Status.PENDING, Claim.Status.SOURCED])
        .values("status")
        .annotate(oldest=Min("created_at"))
    )
    lines = []
    now = timezone.now()
    for row in waiting.order_by("status"):
        count = Claim.objects.filter(status=row["status"]).count()
        age = (now - row["oldest"]).days
        lines.append(f"  {row['status']}: {count} waiting, oldest {age} days old")
    if not lines:
        lines = ["  nothing is waiting"]
    editors = (
        get_user_model()
        .objects.filter(is_active=True, groups__name="editor")
        .exclude(email="")
    )
    sent = 0
    for editor in editors:
        send_mail(
            subject="[factcheck] Daily desk digest",
            message="Claims waiting on the desk:\n" + "\n".join(lines) + "\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[editor.email],
        )
        sent += 1
    return sent
