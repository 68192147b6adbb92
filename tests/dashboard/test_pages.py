"""The dashboard's pages: what they show, what they refuse, and that text stays text."""

import csv
import io
import re

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimTransition, RatingRevision
from sources.models import Feed, Import
from tests.dashboard.conftest import JS_URL, XSS_NAME, XSS_QUOTE, hostile_claim
from tests.factories import ClaimFactory, SpeakerFactory, UserFactory

pytestmark = pytest.mark.django_db


def page(client, url, status=200):  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def assert_inert(html: str) -> None:
    """No imported text became markup: no script, handler or javascript: link."""
    assert "<script>window.__xss" not in html
    assert "<img src=x" not in html
    assert "<b onmouseover" not in html
    assert not re.search(r"href=\"\s*javascript:", html, re.I)
    scripts = re.findall(r"<script[^>]*>", html)
    assert all("src=" in s for s in scripts), scripts


def test_pages_need_a_login(client):
    for url in ["/", "/claims/", "/sources/", "/claims/1/", "/speakers/1/"]:
        response = client.get(url)
        assert (
            response.status_code == 302 and "/accounts/login/" in response["Location"]
        )


def test_desk_shows_counts_ages_chart_workload_and_latest_ratings(
    client, desk_of, editor
):
    desk_of(8)
    client.force_login(editor)
    html = page(client, "/")
    assert re.search(r'<span class="n">2</span> <span class="what">Pending', html)
    assert re.search(r'<span class="n">2</span> <span class="what">Rated', html)
    assert "Oldest pending" in html and "waiting" in html
    assert html.count("<polyline") == 3
    # Eight claims created today, two marked sourced twice (sourced + rated
    # ones), two rated: the table's last row is today.
    today_row = re.findall(r"<tr><th scope=\"row\">[^<]+</th>(.*?)</tr>", html)[-1]
    assert re.findall(r'class="num">(\d+)<', today_row) == ["8", "4", "2"]
    assert "Workload per reviewer" in html and ">rev</bdi>" in html
    assert "Time in each status" in html and "Sourced" in html
    assert "Mostly false" in html or "False" in html


def test_desk_on_an_empty_database_says_so(client, editor):
    client.force_login(editor)
    html = page(client, "/")
    assert "the pending queue is empty" in html and "Nothing rated yet" in html


def test_every_page_renders_hostile_text_as_text(client, editor):
    claim = hostile_claim(rated=True, actor=editor)
    Import.objects.create(kind="url", url=JS_URL, state="failed", error=XSS_QUOTE)
    Feed.objects.create(
        url="https://f.example.org/x", title=XSS_NAME, last_error=XSS_QUOTE
    )
    job = Import.objects.create(kind="text", state="done", source=claim.source)
    client.force_login(editor)
    urls = [
        "/",
        "/claims/",
        f"/claims/?q={XSS_QUOTE}",
        f"/claims/{claim.pk}/",
        f"/speakers/{claim.speaker_id}/",
        "/sources/",
        f"/sources/imports/{job.pk}/",
    ]
    for url in urls:
        html = page(client, url)
        assert_inert(html)
    detail = page(client, f"/claims/{claim.pk}/")
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in detail
    # The quote is highlighted inside its paragraph, escaped.
    assert (
        "<mark>&lt;script&gt;window.__xss=1&lt;/script&gt; taxes doubled</mark>"
        in detail
    )
    assert "&quot;&gt;&lt;img src=x onerror=window.__xss=5&gt;" in detail
    # The javascript: address is shown, never linked; bidi text is isolated.
    assert "javascript:window.__xss=4" in detail
    title = "&lt;script&gt;window.__xss=3&lt;/script&gt;Title \u202egnp.exe\u202c"
    assert f"<bdi>{title}</bdi>" in detail


def test_claim_page_shows_context_speaker_evidence_history_and_claimreview(
    client, editor
):
    speaker = SpeakerFactory(name="Ada Lovelace", key="ada lovelace", role="analyst")
    claim = ClaimFactory(speaker=speaker, rated=True, actor=editor)
    client.force_login(editor)
    html = page(client, f"/claims/{claim.pk}/")
    assert "Ada Lovelace" in html and "analyst" in html
    assert 'href="https://news.example.org/a/' in html
    assert "stats.example.org/t1" in html  # the factory's evidence
    assert "mark sourced" in html and "rate" in html  # the timeline
    assert "ClaimReview preview" in html and "&quot;claimReviewed&quot;" in html
    assert "Track record" in html
    # Editors may correct and reopen a rated claim.
    assert (
        'data-action="claim.correct"' in html and 'data-action="claim.reopen"' in html
    )


def test_claim_walks_from_evidence_to_rating_through_the_forms(client, editor):
    claim = ClaimFactory()
    client.force_login(editor)
    url = f"/claims/{claim.pk}/"
    response = client.post(
        url + "evidence/",
        {"url": "https://stats.example.org/q", "stance": "refutes", "excerpt": ""},
        follow=True,
    )
    assert "Evidence added." in response.content.decode()
    response = client.post(
        url + "act/",
        {"action": "claim.mark_sourced", "version": claim.version},
        follow=True,
    )
    assert "Marked sourced." in response.content.decode()
    claim.refresh_from_db()
    response = client.post(
        url + "act/",
        {
            "action": "claim.rate",
            "version": claim.version,
            "verdict": "false",
            "summary": "No such rise.",
        },
        follow=True,
    )
    assert "Rated and published." in response.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.verdict) == ("rated", "false")


def test_reviewer_sees_no_rate_control_and_a_forged_rate_is_refused(client, reviewer):
    claim = ClaimFactory(sourced=True)
    client.force_login(reviewer)
    html = page(client, f"/claims/{claim.pk}/")
    assert 'data-action="claim.send_back"' in html
    assert 'data-action="claim.rate"' not in html and 'name="verdict"' not in html
    response = client.post(
        f"/claims/{claim.pk}/act/",
        {
            "action": "claim.rate",
            "version": claim.version,
            "verdict": "true",
            "summary": "forged",
        },
    )
    assert response.status_code == 403
    assert "Nothing changed: you may not rate claims." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "sourced" and claim.verdict == ""
    assert not RatingRevision.objects.filter(claim=claim).exists()
    assert not ClaimTransition.objects.filter(claim=claim, action="claim.rate").exists()


def test_an_invalid_move_keeps_the_input_and_says_why(client, editor):
    claim = ClaimFactory(sourced=True)
    client.force_login(editor)
    response = client.post(
        f"/claims/{claim.pk}/act/",
        {
            "action": "claim.rate",
            "version": claim.version,
            "verdict": "false",
            "summary": "",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert '<option value="false" selected>' in html
    claim.refresh_from_db()
    assert claim.status == "sourced"


def test_a_move_from_a_stale_page_is_refused(client, editor):
    claim = ClaimFactory(sourced=True)
    client.force_login(editor)
    seen = claim.version
    client.post(
        f"/claims/{claim.pk}/act/",
        {"action": "claim.send_back", "version": seen, "note": "more"},
    )
    response = client.post(
        f"/claims/{claim.pk}/act/",
        {"action": "claim.dismiss", "version": seen, "reason": "opinion"},
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "pending"


def test_marking_sourced_without_evidence_gives_a_clear_error(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)
    response = client.post(
        f"/claims/{claim.pk}/act/", {"action": "claim.mark_sourced", "version": 1}
    )
    assert response.status_code == 409
    assert "attach at least one piece of evidence first" in response.content.decode()


def test_evidence_refuses_a_javascript_link(client, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)
    response = client.post(
        f"/claims/{claim.pk}/evidence/", {"url": JS_URL, "stance": "context"}
    )
    assert response.status_code == 400
    assert not claim.evidence.exists()


def test_reviewer_takes_an_unassigned_claim_editor_assigns(client, editor, reviewer):
    claim = ClaimFactory()
    client.force_login(reviewer)
    html = page(client, f"/claims/{claim.pk}/")
    assert "Take this claim" in html and 'name="assignee"' not in html
    client.post(f"/claims/{claim.pk}/assign/", {"take": "1"})
    claim.refresh_from_db()
    assert claim.assignee == reviewer
    client.force_login(editor)
    client.post(f"/claims/{claim.pk}/assign/", {"assignee": editor.pk})
    claim.refresh_from_db()
    assert claim.assignee == editor
    html = page(client, f"/claims/{claim.pk}/")
    assert "assigned it to <bdi>ed</bdi>" in html


def test_queue_filters_searches_and_sorts(client, editor, reviewer):
    ada = SpeakerFactory(name="Ada Lovelace", key="ada")
    a = ClaimFactory(speaker=ada, quote="Bridges cost twice as much.")
    b = ClaimFactory(rated=True, actor=editor)
    c = ClaimFactory(quote="Nobody has seen this before.")
    from claims import services

    services.assign_claim(c, actor=editor, assignee=reviewer)
    client.force_login(editor)

    def ids(query: str) -> set[int]:
        html = page(client, "/claims/" + query)
        return {int(x) for x in re.findall(r'name="claims" value="(\d+)"', html)}

    assert ids("") == {a.pk, b.pk, c.pk}
    assert ids("?status=rated") == {b.pk}
    assert ids("?verdict=mostly_false") == {b.pk}
    assert ids("?speaker=lovelace") == {a.pk}
    assert ids(f"?speaker_id={ada.pk}") == {a.pk}
    assert ids(f"?source_id={a.source_id}") == {a.pk}
    assert ids(f"?assignee={reviewer.pk}") == {c.pk}
    assert ids("?assignee=none") == {a.pk, b.pk}
    assert ids("?q=bridges") == {a.pk}
    assert ids("?older_than=1") == set()
    html = page(client, "/claims/?sort=oldest")
    order = [int(x) for x in re.findall(r'name="claims" value="(\d+)"', html)]
    assert order == [a.pk, b.pk, c.pk]
    # A bad filter value is named, not silently turned into an empty queue.
    assert "Select a valid choice" in page(client, "/claims/?status=bogus")


def test_queue_exports_the_current_view_as_csv(client, editor):
    ClaimFactory(quote="=HYPERLINK(1) looks like a formula")
    ClaimFactory(rated=True, actor=editor)
    client.force_login(editor)
    response = client.get("/claims/export.csv?status=pending")
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["id", "status", "verdict", "quote"]
    assert len(rows) == 2 and rows[1][1] == "pending"
    assert rows[1][3].startswith("'=HYPERLINK")


def test_queue_bulk_assigns_and_dismisses_all_or_none(client, editor, reviewer):
    claims = ClaimFactory.create_batch(3)
    rated = ClaimFactory(rated=True, actor=editor)
    client.force_login(editor)
    response = client.post(
        "/claims/bulk/",
        {
            "claims": [c.pk for c in claims],
            "action": "assign",
            "assignee": reviewer.pk,
            "next": "?status=pending",
        },
    )
    assert response["Location"] == "/claims/?status=pending"
    assert Claim.objects.filter(assignee=reviewer).count() == 3
    # One claim cannot be dismissed: nothing is dismissed.
    response = client.post(
        "/claims/bulk/",
        {"claims": [claims[0].pk, rated.pk], "action": "dismiss", "reason": "opinion"},
        follow=True,
    )
    assert "Nothing changed" in response.content.decode()
    assert Claim.objects.filter(status="dismissed").count() == 0
    client.post(
        "/claims/bulk/",
        {"claims": [c.pk for c in claims], "action": "dismiss", "reason": "duplicate"},
    )
    assert Claim.objects.filter(status="dismissed").count() == 3


def test_queue_bulk_assign_by_a_reviewer_is_refused(client, reviewer):
    claims = ClaimFactory.create_batch(2)
    other = UserFactory(username="other", role="reviewer")
    client.force_login(reviewer)
    response = client.post(
        "/claims/bulk/",
        {"claims": [c.pk for c in claims], "action": "assign", "assignee": other.pk},
        follow=True,
    )
    assert "you may not assign claims" in response.content.decode()
    assert not Claim.objects.filter(assignee__isnull=False).exists()


def test_speaker_page_lists_claims_and_verdicts(client, editor):
    speaker = SpeakerFactory(name="Bo Diddley", key="bo")
    ClaimFactory.create_batch(2, speaker=speaker)
    ClaimFactory(speaker=speaker, rated=True, actor=editor)
    client.force_login(editor)
    html = page(client, f"/speakers/{speaker.pk}/")
    assert "Claims (3)" in html
    assert re.search(r"Mostly false</th><td class=\"num\">1<", html)
    assert re.search(r"Not rated</th><td class=\"num\">2<", html)


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


def test_auth_pages_are_styled_like_the_rest(client, editor):
    html = page(client, "/accounts/login/")
    assert "css/site.css" in html and 'for="id_username"' in html
    client.force_login(editor)
    html = page(client, "/accounts/password/")
    assert "Change your password" in html and 'for="id_new_password1"' in html
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "a-long-test-password",
            "new_password1": "another-long-pass-42",
            "new_password2": "another-long-pass-42",
        },
        follow=True,
    )
    assert "Password changed" in response.content.decode()
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
