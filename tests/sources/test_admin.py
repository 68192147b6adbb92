"""The sources admin: articles keep their text, imports are records, not forms."""

import pytest
from django.urls import reverse

from sources.models import Feed, Import, Source
from tests.factories import ClaimFactory, SourceFactory


@pytest.mark.django_db
def test_source_admin_edits_metadata_but_never_the_text(client, editor):
    claim = ClaimFactory()
    source = claim.source
    text = source.text
    client.force_login(editor)
    url = reverse("admin:sources_source_change", args=[source.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert set(page.context["adminform"].form.fields) == {
        "title",
        "publisher",
        "author",
        "published_at",
        "language",
    }
    response = client.post(
        url,
        {
            "title": "Corrected title",
            "publisher": "Example News",
            "author": "",
            "published_at_0": "",
            "published_at_1": "",
            "language": "en",
            "text": "Rewritten text that would move every quote.",
            "claims-TOTAL_FORMS": 1,
            "claims-INITIAL_FORMS": 1,
            "claims-MIN_NUM_FORMS": 0,
            "claims-MAX_NUM_FORMS": 1000,
            "claims-0-id": claim.pk,
            "claims-0-source": source.pk,
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    source.refresh_from_db()
    assert (source.title, source.language, source.text) == (
        "Corrected title",
        "en",
        text,
    )


@pytest.mark.django_db
def test_source_admin_refuses_adding_and_deleting(client, editor):
    source = SourceFactory()
    client.force_login(editor)
    assert client.get(reverse("admin:sources_source_add")).status_code == 403
    delete = reverse("admin:sources_source_delete", args=[source.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Source.objects.filter(pk=source.pk).exists()


@pytest.mark.django_db
def test_source_admin_escapes_the_article_text(client, reviewer):
    source = SourceFactory(text="He said <script>alert(1)</script> & left.")
    client.force_login(reviewer)
    html = client.get(
        reverse("admin:sources_source_change", args=[source.pk])
    ).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; left." in html
    assert "<script>alert(1)" not in html


@pytest.mark.django_db
def test_import_admin_is_a_read_only_record(client, editor):
    job = Import.objects.create(kind="text", payload="Secret pasted text " * 50)
    client.force_login(editor)
    page = client.get(reverse("admin:sources_import_change", args=[job.pk]))
    assert page.status_code == 200
    assert "Secret pasted text" not in page.content.decode()
    assert client.get(reverse("admin:sources_import_add")).status_code == 403
    delete = reverse("admin:sources_import_delete", args=[job.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


@pytest.mark.django_db
def test_sources_pages_keep_a_fixed_number_of_queries(client, editor, postgres):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    urls = [
        reverse("admin:sources_source_changelist"),
        reverse("admin:sources_import_changelist"),
        reverse("admin:sources_feed_changelist"),
    ]
    counts: dict[str, list[int]] = {url: [] for url in urls}
    for n in (2, 12):
        for i in range(n):
            claim = ClaimFactory()
            Import.objects.create(kind="url", url=claim.source.url, source=claim.source)
            Feed.objects.create(url=f"https://feeds.example.org/{n}/{i}.xml")
        for url in urls:
            client.get(url)  # warm caches
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts[url].append(len(queries))
    for url, (few, many) in counts.items():
        assert few == many, f"{url}: {few} queries for 2 rows, {many} for 14"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/feed", "http://[::1]/rss", "file:///etc/passwd"]
)
def test_the_feed_admin_refuses_a_url_the_fetcher_would_refuse(admin_client, url):
    response = admin_client.post(
        "/admin/sources/feed/add/", {"url": url, "title": "x", "active": "on"}
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Feed.objects.exists()
    assert "errorlist" in response.content.decode()


@pytest.mark.django_db
def test_the_feed_admin_adds_a_public_feed(admin_client):
    response = admin_client.post(
        "/admin/sources/feed/add/",
        {"url": "https://news.example.org/rss", "title": "News", "active": "on"},
    )
    assert response.status_code == 302
    assert Feed.objects.get().url == "https://news.example.org/rss"
