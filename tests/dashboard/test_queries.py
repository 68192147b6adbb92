"""Every dashboard page runs the same number of queries for few rows and for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import services
from claims.models import Claim
from sources.models import Import
from tests.dashboard.conftest import make_desk
from tests.factories import ClaimFactory, EvidenceFactory, SpeakerFactory, UserFactory

SIZES = (4, 16)
# The most queries any page may run (session, user and permissions included).
BUDGET = 20


def build(size: int):  # type: ignore[no-untyped-def]
    """Fill the desk with `size` claims; one claim and speaker with `size` rows each."""
    editor = UserFactory(username="ed", role="editor")
    reviewer = UserFactory(username="rev", role="reviewer")
    claims = make_desk(size, editor, reviewer)
    speaker = SpeakerFactory(name="Many Claims", key="many")
    busy = ClaimFactory(speaker=speaker, sourced=True, actor=editor)
    for _ in range(size):
        ClaimFactory(speaker=speaker)
        EvidenceFactory(claim=busy)
        services.assign_claim(busy, actor=editor, assignee=reviewer)
    rated = next(c for c in claims if c.status == Claim.Status.RATED)
    job = Import.objects.create(kind="text", state="done", source=busy.source)
    return editor, {
        "desk": "/",
        "queue": "/claims/",
        "queue-filtered": "/claims/?status=pending&q=percent&sort=oldest",
        "csv": "/claims/export.csv",
        "claim-in-review": f"/claims/{busy.pk}/",
        "claim-rated": f"/claims/{rated.pk}/",
        "speaker": f"/speakers/{speaker.pk}/",
        "sources": "/sources/",
        "import": f"/sources/imports/{job.pk}/",
        "import-status": f"/sources/imports/{job.pk}/status/",
    }


def count_queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
def test_every_page_keeps_a_fixed_number_of_queries(client, postgres):
    counts: dict[str, list[int]] = {}
    for size in SIZES:
        editor, urls = build(size)
        client.force_login(editor)
        for name, url in urls.items():
            counts.setdefault(name, []).append(count_queries(client, url))
    for name, (small, large) in counts.items():
        assert small == large, f"{name}: {small} queries for few rows, {large} for many"
        assert large <= BUDGET, f"{name}: {large} queries"
