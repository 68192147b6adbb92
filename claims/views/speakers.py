"""A speaker's page: every claim they made and how their verdicts fall."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ..models import Claim, Speaker, SpeakerAlias
from . import charts

PAGE_SIZE = 100


def verdict_distribution(claims: object) -> list[charts.Bar]:
    """Return one bar per verdict (and the unrated) from one grouped count."""
    found = {
        row["verdict"]: row["n"]
        for row in claims.values("verdict").annotate(n=Count("id")).order_by()  # type: ignore[attr-defined]
    }
    items = [
        (label, found.get(value, 0), value) for value, label in Claim.Verdict.choices
    ]
    items.append(("Not rated", found.get("", 0), "none"))
    return charts.bars(items)


@login_required
def speaker_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show every claim by one speaker, paginated, with the verdicts' distribution."""
    speaker = Speaker.objects.filter(pk=pk).first()
    if speaker is None:
        # A speaker merged into another: old links lead to the one kept.
        alias = get_object_or_404(SpeakerAlias.objects.only("speaker"), former_id=pk)
        return redirect("dashboard:speaker", alias.speaker_id, permanent=True)
    claims = Claim.objects.filter(speaker=speaker)
    page = Paginator(
        claims.select_related("source", "assignee").order_by("-created_at", "-id"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "claims/speaker_detail.html",
        {
            "speaker": speaker,
            "aliases": speaker.aliases.values_list("name", flat=True),
            "page": page,
            "verdicts": verdict_distribution(claims),
        },
    )
