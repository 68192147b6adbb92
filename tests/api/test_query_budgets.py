"""Query budgets: every list endpoint costs the same for 1 row and 50, and at most 4."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from sources.models import Import
from tests.factories import ClaimFactory, SourceFactory, SpeakerFactory

BUDGET = 4


def _claims(n: int) -> None:
    ClaimFactory.create_batch(n, rated=True)


def _speakers(n: int) -> None:
    for _ in range(n):
        ClaimFactory(speaker=SpeakerFactory(), rated=True)


def _sources(n: int) -> None:
    SourceFactory.create_batch(n)


def _imports(n: int) -> None:
    Import.objects.bulk_create(
        Import(kind=Import.Kind.URL, url=f"https://news.example.org/{i}")
        for i in range(n)
    )


# (path, who asks, how to make rows, how many rows the page must show per unit)
ENDPOINTS = [
    ("/api/v1/claims/", "anonymous", _claims),
    ("/api/v1/claims/", "editor", _claims),
    ("/api/v1/claims/?format=csv", "editor", _claims),
    ("/api/v1/ratings/", "anonymous", _claims),
    ("/api/v1/ratings/?format=csv", "anonymous", _claims),
    ("/api/v1/claimreview/", "anonymous", _claims),
    ("/api/v1/speakers/", "editor", _speakers),
    ("/api/v1/sources/", "editor", _sources),
    ("/api/v1/imports/", "editor", _imports),
]


def _count(client: APIClient, path: str) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(queries), response.content


@pytest.mark.parametrize(("path", "who", "make"), ENDPOINTS)
def test_list_endpoint_query_count_does_not_grow_with_rows(
    postgres, db, path, who, make, editor
):
    client = APIClient()
    if who == "editor":
        # Authentication is measured apart (session and permission lookups,
        # once per request); what is counted here is the endpoint's own work.
        client.force_authenticate(editor)
    make(1)
    client.get(path)  # warm the user's permission cache
    one, small = _count(client, path)
    make(49)
    fifty, large = _count(client, path)
    assert len(large) > 10 * len(small) / 2, "the larger page did not show more rows"
    print(f"{path} as {who}: {one} queries for 1 row, {fifty} for 50")
    assert one == fifty, f"{path}: {one} queries for 1 row, {fifty} for 50"
    assert fifty <= BUDGET, f"{path}: {fifty} queries"


def test_claim_detail_and_claimreview_cost_a_fixed_few_queries(
    postgres, db, django_assert_max_num_queries
):
    claim = ClaimFactory(rated=True)
    client = APIClient()
    with django_assert_max_num_queries(4):
        assert client.get(f"/api/v1/claims/{claim.pk}/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(f"/api/v1/claims/{claim.pk}/claimreview/").status_code == 200
