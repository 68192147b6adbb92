"""The public page of a published fact check: what search engines and readers see."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import condition

from .. import claimreview
from ..models import Claim, RatingRevision
from .claim import quote_paragraph


def _version(request: HttpRequest, pk: int) -> str | None:
    """The page's ETag: every rating, correction or speaker or article edit moves
    the claim's `updated_at` (to the microsecond, unlike Last-Modified)."""
    changed = (
        Claim.objects.published()
        .filter(pk=pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    return None if changed is None else f"fact-check-{pk}-{changed.isoformat()}"


@condition(etag_func=_version)
def fact_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a rated claim with its verdict, explanation and corrections, to anyone.

    The page carries the claim's schema.org ClaimReview as JSON-LD, and it is the
    address that ClaimReview gives as its `url`. A rating since withdrawn answers
    410 Gone, so that search engines drop it; any other claim is not found.
    Three queries: when it last changed (a crawler that has the page gets a 304
    after that one), the claim with its speaker and article, and its revisions.
    """
    revisions = RatingRevision.objects.order_by("created_at", "id")
    claim = (
        Claim.objects.for_lists()
        .prefetch_related(Prefetch("revisions", queryset=revisions))
        .filter(pk=pk)
        .first()
    )
    if claim is None:
        raise Http404("no published fact check has this number")
    published = list(claim.revisions.all())
    if claim.status != Claim.Status.RATED:
        if published:
            return render(request, "claims/fact_check_gone.html", status=410)
        raise Http404("no published fact check has this number")
    context = {
        "claim": claim,
        "canonical": claimreview.review_url(claim),
        "publisher_name": settings.FACTCHECK_PUBLISHER_NAME,
        "paragraph": quote_paragraph(claim),
        "corrections": published[1:],
        "json_ld": claimreview.json_ld_script(claim),
    }
    return render(request, "claims/fact_check.html", context)


def fact_checks(request: HttpRequest) -> HttpResponse:
    """List the published fact checks, newest rating first, 50 a page, to anyone."""
    ratings = (
        Claim.objects.published().select_related("speaker").order_by("-rated_at", "-id")
    )
    page = Paginator(ratings, 50).get_page(request.GET.get("page"))
    return render(request, "claims/fact_checks.html", {"page": page})
