"""The thin faces answer: dashboard at / behind login, claims in the API."""

import pytest

from tests.factories import ClaimFactory


@pytest.mark.django_db
def test_the_desk_needs_a_login(client):
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_the_desk_lists_claims_with_status_and_speaker(client, editor):
    claim = ClaimFactory(quote="<script>window.__xss=1</script> taxes doubled")
    client.force_login(editor)
    html = client.get("/").content.decode()
    assert claim.speaker.name in html and "Pending" in html
    assert "<script>window.__xss" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html


@pytest.mark.django_db
def test_the_api_lists_claims_paginated(client, editor):
    ClaimFactory.create_batch(3)
    client.force_login(editor)
    body = client.get("/api/v1/claims/").json()
    assert body["count"] == 3 and len(body["results"]) == 3
