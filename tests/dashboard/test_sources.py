"""The sources page: imports by URL, text and file, their progress, and feeds."""

import pytest
from django.urls import reverse

from sources.models import Feed, Import
from tests.dashboard.conftest import JS_URL, page

pytestmark = pytest.mark.django_db


def test_import_by_pasted_text_queues_a_job_and_shows_its_progress(
    client, editor, seed_text, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            "/sources/import/", {"kind": "text", "text": seed_text, "title": ""}
        )
    job = Import.objects.get()
    assert response["Location"] == reverse("dashboard:import", args=[job.pk])
    assert job.kind == "text" and job.requested_by == editor and len(callbacks) == 1
    html = page(client, response["Location"])
    assert "Queued" in html and 'data-finished="0"' in html
    assert client.get(f"/sources/imports/{job.pk}/status/").json()["state"] == "queued"
    Import.objects.filter(pk=job.pk).update(state="failed", error="boom <b>")
    status = client.get(f"/sources/imports/{job.pk}/status/").json()
    assert status["finished"] and status["error"] == "boom <b>"
    assert 'Failed: <span dir="auto">boom &lt;b&gt;</span>' in page(
        client, response["Location"]
    )


def test_import_refuses_bad_input_and_keeps_the_text(client, editor, settings):
    settings.IMPORT_MAX_BYTES = 1024
    client.force_login(editor)
    response = client.post("/sources/import/", {"kind": "text", "text": "  "})
    assert (
        response.status_code == 400 and "Paste the article" in response.content.decode()
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("a.txt", b"x" * 2000, content_type="text/plain")
    response = client.post("/sources/import/", {"kind": "file", "file": big})
    assert (
        response.status_code == 400
        and "the limit is 1,024" in response.content.decode()
    )
    binary = SimpleUploadedFile("a.bin", b"\x00\x01\x02" * 10)
    response = client.post("/sources/import/", {"kind": "file", "file": binary})
    assert response.status_code == 400 and "binary data" in response.content.decode()
    response = client.post("/sources/import/", {"kind": "url", "url": JS_URL})
    assert response.status_code == 400
    response = client.post("/sources/import/", {"kind": "text", "text": "x" * 2000})
    html = response.content.decode()
    assert response.status_code == 400 and "too large" in html and "x" * 2000 in html
    assert not Import.objects.exists()


def test_import_of_an_uploaded_file(client, editor, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    upload = SimpleUploadedFile("story.txt", "“Quoted,” she said.".encode())
    with django_capture_on_commit_callbacks(execute=False):
        client.post("/sources/import/", {"kind": "file", "file": upload})
    job = Import.objects.get()
    assert job.kind == "file" and job.filename == "story.txt"
    assert job.payload == "“Quoted,” she said."


def test_feeds_are_added_and_paused_by_editors_only(client, editor, reviewer):
    client.force_login(reviewer)
    response = client.post("/sources/feeds/", {"url": "https://f.example.org/rss"})
    assert response.status_code == 403 and not Feed.objects.exists()
    client.force_login(editor)
    client.post("/sources/feeds/", {"url": "https://f.example.org/rss", "title": "F"})
    feed = Feed.objects.get()
    client.post(f"/sources/feeds/{feed.pk}/active/", {"active": "0"})
    feed.refresh_from_db()
    assert not feed.active
    html = page(client, "/sources/")
    assert "Paused" in html and "Resume" in html and "never" in html
    response = client.post("/sources/feeds/", {"url": "ftp://f.example.org/rss"})
    assert response.status_code == 400 and Feed.objects.count() == 1
