"""The queue: claims filtered, searched and sorted; bulk actions and CSV export."""

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import services
from ..forms import BulkForm, ClaimFilter
from ..models import Claim
from ..workflow import WorkflowError

PAGE_SIZE = 50
CSV_COLUMNS = [
    ("id", "id"),
    ("status", "status"),
    ("verdict", "verdict"),
    ("quote", "quote"),
    ("speaker", "speaker__name"),
    ("source", "source__title"),
    ("source_url", "source__url"),
    ("assignee", "assignee__username"),
    ("created_at", "created_at"),
    ("status_changed_at", "status_changed_at"),
]


def _filtered(request: HttpRequest) -> ClaimFilter:
    return ClaimFilter(request.GET, queryset=Claim.objects.for_lists())


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Show one page of the filtered queue with bulk controls."""
    filterset = _filtered(request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "claims/queue.html",
        {
            "filter": filterset,
            "page": page,
            "bulk": BulkForm(),
            "can_assign": request.user.has_perm("claims.assign_claim"),
            "can_dismiss": request.user.has_perm("claims.review_claim"),
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_rows(rows: Iterator[dict[str, object]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([name for name, _ in CSV_COLUMNS])
    for row in rows:
        yield writer.writerow([_cell(row[field]) for _, field in CSV_COLUMNS])


def _cell(value: object) -> object:
    # A cell starting with = + - @ is a formula to a spreadsheet; imported text
    # must stay data there too.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


@login_required
def queue_csv(request: HttpRequest) -> StreamingHttpResponse:
    """Export every claim of the current view (all pages) as CSV."""
    rows = (
        _filtered(request)
        .qs.values(*[field for _, field in CSV_COLUMNS])
        .iterator(chunk_size=2000)
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(_csv_rows(rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="claims-{stamp}.csv"'
    return response


@login_required
@require_POST
def queue_bulk(request: HttpRequest) -> HttpResponse:
    """Assign or dismiss the selected claims: all of them, or none on an error."""
    form = BulkForm(request.POST)
    # Back to the same filtered view; only a query string is accepted, never a URL.
    back = request.POST.get("next", "")
    back = back if back.startswith("?") else ""
    if not form.is_valid():
        messages.error(request, "Select at least one claim and an action.")
    else:
        claims = list(form.cleaned_data["claims"])
        action = form.cleaned_data["action"]
        try:
            with transaction.atomic():
                if action == "assign":
                    assignee = form.cleaned_data["assignee"]
                    services.assign_claims(
                        claims, actor=request.user, assignee=assignee
                    )
                    done = f"assigned to {assignee}" if assignee else "unassigned"
                else:
                    reason = form.cleaned_data["reason"]
                    if not reason:
                        raise WorkflowError("choose a reason to dismiss")
                    for claim in claims:
                        services.dismiss_claim(claim, actor=request.user, reason=reason)
                    done = "dismissed"
        except WorkflowError as exc:
            messages.error(request, f"Nothing changed: {exc}.")
        else:
            messages.success(request, f"{len(claims)} claim(s) {done}.")
    return redirect(reverse("dashboard:queue") + back)
