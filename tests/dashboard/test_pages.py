"""The dashboard's pages: what they show, what they refuse, and that text stays text."""

import re

import pytest

from sources.models import Feed, Import
from tests.dashboard.conftest import JS_URL, XSS_NAME, XSS_QUOTE, hostile_claim, page
from tests.factories import ClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


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


def test_speaker_page_lists_claims_and_verdicts(client, editor):
    speaker = SpeakerFactory(name="Bo Diddley", key="bo")
    ClaimFactory.create_batch(2, speaker=speaker)
    ClaimFactory(speaker=speaker, rated=True, actor=editor)
    client.force_login(editor)
    html = page(client, f"/speakers/{speaker.pk}/")
    assert "Claims (3)" in html
    assert re.search(r"Mostly false</th><td class=\"num\">1<", html)
    assert re.search(r"Not rated</th><td class=\"num\">2<", html)


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
