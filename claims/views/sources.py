"""Sources: imported articles, the import form with its progress, and feeds."""

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sources import parsing
from sources import services as source_services
from sources.exceptions import ImportFailed
from sources.models import Feed, Import, Source

from ..forms import FeedForm, ImportForm
from ..models import Claim

PAGE_SIZE = 50
RECENT_IMPORTS = 20


def _count(claims: Any) -> Coalesce:
    """Return a subquery counting `claims` of the outer source."""
    per_source = (
        claims.filter(source=OuterRef("pk"))
        .order_by()
        .values("source")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(per_source), 0)


def _page(
    request: HttpRequest,
    *,
    import_form: ImportForm | None = None,
    feed_form: FeedForm | None = None,
    status: int = 200,
) -> HttpResponse:
    # Correlated counts, computed only for the page's rows; a GROUP BY would
    # aggregate every article before the LIMIT.
    articles = (
        Source.objects.articles()
        .annotate(
            claim_count=_count(Claim.objects.all()),
            pending_count=_count(Claim.objects.pending()),
        )
        .defer("text")
        .order_by("-created_at", "-id")
    )
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "imports": Import.objects.select_related("source", "requested_by")
        .defer("payload", "source__text")
        .order_by("-created_at", "-id")[:RECENT_IMPORTS],
        "feeds": Feed.objects.order_by("url"),
        "import_form": import_form or ImportForm(),
        "feed_form": feed_form or FeedForm(),
        "can_import": request.user.has_perm("sources.add_import"),
        "max_bytes": settings.IMPORT_MAX_BYTES,
        "can_add_feed": request.user.has_perm("sources.add_feed"),
        "can_change_feed": request.user.has_perm("sources.change_feed"),
    }
    return render(request, "sources/sources.html", context, status=status)


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    """Show imported articles, recent imports and feeds, with the import form."""
    return _page(request)


@login_required
@require_POST
def import_create(request: HttpRequest) -> HttpResponse:
    """Queue an import of a URL, pasted text or an uploaded file."""
    if not request.user.has_perm("sources.add_import"):
        messages.error(request, "Nothing imported: you may not import articles.")
        return _page(request, status=403)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Nothing imported: check the import form.")
        return _page(request, import_form=form, status=400)
    data = form.cleaned_data
    kind = data["kind"]
    user = cast(AbstractBaseUser, request.user)  # login_required: never anonymous
    try:
        if kind == "file":
            upload = data["file"]
            text = parsing.decode_text(
                upload.read(), max_bytes=settings.IMPORT_MAX_BYTES
            )
            job = source_services.request_import(
                kind="file",
                text=text,
                filename=upload.name,
                title=data["title"],
                requested_by=user,
            )
        elif kind == "text":
            job = source_services.request_import(
                kind="text",
                text=data["text"],
                title=data["title"],
                requested_by=user,
            )
        else:
            job = source_services.request_import(
                kind="url",
                url=data["url"],
                title=data["title"],
                requested_by=user,
            )
    except ImportFailed as exc:
        form.add_error(None, str(exc))
        messages.error(request, f"Nothing imported: {exc}.")
        return _page(request, import_form=form, status=400)
    messages.success(request, "Import queued; its claims appear below when ready.")
    return redirect("dashboard:import", pk=job.pk)


def _import_status(job: Import) -> dict[str, object]:
    source = job.source
    claims = source.claims.count() if source is not None else 0
    extracted = source is not None and source.extracted_at is not None
    return {
        "id": job.pk,
        "state": job.state,
        "state_display": job.get_state_display(),
        "error": job.error,
        "duplicate": job.duplicate,
        "source_id": job.source_id,
        "extracted": extracted,
        "claims": claims,
        "finished": job.state == Import.State.FAILED or extracted,
    }


def _load_import(pk: int) -> Import:
    return get_object_or_404(
        Import.objects.select_related("source").defer("payload", "source__text"), pk=pk
    )


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one import's progress, then the claims it produced."""
    job = _load_import(pk)
    claims = (
        Claim.objects.for_lists().filter(source_id=job.source_id).order_by("start")
        if job.source_id
        else Claim.objects.none()
    )
    return render(
        request,
        "sources/import_detail.html",
        {"job": job, "status": _import_status(job), "claims": claims},
    )


@login_required
def import_status(request: HttpRequest, pk: int) -> JsonResponse:
    """Return an import's state as JSON, for the page's poller."""
    return JsonResponse(_import_status(_load_import(pk)))


@login_required
@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    """Subscribe to a feed; beat polls it from now on."""
    if not request.user.has_perm("sources.add_feed"):
        messages.error(request, "Nothing added: only editors add feeds.")
        return _page(request, status=403)
    form = FeedForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Nothing added: check the feed form.")
        return _page(request, feed_form=form, status=400)
    form.save()
    messages.success(request, "Feed added; it is polled every few minutes.")
    return redirect("dashboard:sources")


@login_required
@require_POST
def feed_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """Pause or resume polling a feed."""
    feed = get_object_or_404(Feed, pk=pk)
    if not request.user.has_perm("sources.change_feed"):
        messages.error(request, "Nothing changed: only editors pause feeds.")
        return _page(request, status=403)
    active = request.POST.get("active") == "1"
    Feed.objects.filter(pk=feed.pk).update(active=active)
    messages.success(request, f"Feed {'resumed' if active else 'paused'}.")
    return redirect("dashboard:sources")
