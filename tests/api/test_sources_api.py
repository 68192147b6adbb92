"""Sources and imports over the API: 202 with the job's address, its state, errors."""

import pytest
from rest_framework.test import APIClient

from sources.models import Import, Source
from tests.conftest import wait_for


@pytest.mark.django_db
def test_posting_a_url_queues_an_import_and_answers_202_with_its_address(
    reviewer_client, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = reviewer_client.post(
            "/api/v1/sources/", {"url": "https://news.example.org/a"}, format="json"
        )
    assert response.status_code == 202, response.content
    job = Import.objects.get()
    assert (job.kind, job.url, job.state, job.requested_by) == (
        "url",
        "https://news.example.org/a",
        "queued",
        reviewer,
    )
    assert response["Location"] == f"http://testserver/api/v1/imports/{job.pk}/"
    assert response.json()["status_url"] == response["Location"]
    assert len(callbacks) == 1, "the import task is sent once, on commit"
    status = reviewer_client.get(response["Location"]).json()
    assert (status["id"], status["state"]) == (job.pk, "queued")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {},
        {"url": "https://news.example.org/a", "text": "both given"},
        {"url": "javascript:alert(1)"},
        {"text": "   "},
    ],
)
def test_a_bad_import_request_is_400_and_queues_nothing(reviewer_client, body):
    response = reviewer_client.post("/api/v1/sources/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert not Import.objects.exists()


def test_pasted_text_is_imported_by_a_real_worker(
    celery_worker_process, reviewer, seed_text
):
    client = APIClient()
    client.force_login(reviewer)
    response = client.post(
        "/api/v1/sources/", {"title": "Seed", "text": seed_text}, format="json"
    )
    assert response.status_code == 202, response.content

    def finished() -> dict | None:  # type: ignore[type-arg]
        body = client.get(response["Location"]).json()
        return body if body["state"] in ("done", "failed") else None

    body = wait_for(finished, timeout=60)
    assert body["state"] == "done", body
    source = Source.objects.get(pk=body["source"])
    assert source.title == "Seed"
    listed = client.get("/api/v1/sources/").json()["results"]
    assert [s["id"] for s in listed] == [source.pk]
