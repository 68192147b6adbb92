"""The editors' dashboard: the desk, a claim in context, a speaker's record."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..models import Claim, Speaker


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    """Show the newest claims with their status and speaker."""
    claims = Claim.objects.for_lists().order_by("-created_at", "-id")[:50]
    return render(request, "dashboard/desk.html", {"claims": claims})


@login_required
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one claim in its article context."""
    claim = get_object_or_404(Claim.objects.for_lists(), pk=pk)
    return render(request, "claims/claim_detail.html", {"claim": claim})


@login_required
def speaker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show every claim by one speaker."""
    speaker = get_object_or_404(Speaker, pk=pk)
    claims = Claim.objects.for_lists().filter(speaker=speaker)
    return render(
        request, "claims/speaker_detail.html", {"speaker": speaker, "claims": claims}
    )
