"""Import and feed use cases against the loopback server, on the configured database."""

import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from django.db import connection

from claims import tasks as claims_tasks
from claims.extraction import extract
from claims.models import Claim
from sources import services
from sources.exceptions import PermanentImportError, UnsafeURL
from sources.models import Feed, Import, Source
from tests.conftest import SEED
from tests.sources.httpserver import conditional, redirect, respond

ARTICLE = (Path(__file__).parent / "data" / "article.html").read_bytes()
CANONICAL = "https://ledger.example.org/politics/2026/03/14/jobs-figures"


def url_job(url: str) -> Import:
    return Import.objects.create(kind=Import.Kind.URL, url=url)


@pytest.mark.django_db
def test_a_url_import_stores_text_and_metadata(loopback):
    url = loopback.route("/story", respond(200, ARTICLE))
    job = services.run_import(url_job(url + "?utm_source=newsletter&utm_medium=email"))
    assert (job.state, job.duplicate, job.error) == (Import.State.DONE, False, "")
    source = job.source
    assert source.title == "Minister defends jobs figures as critics cite survey"
    assert (source.author, source.publisher, source.language) == (
        "Maria Okafor",
        "The Daily Ledger",
        "en",
    )
    assert source.published_at.isoformat() == "2026-03-14T09:30:00+00:00"
    assert source.canonical_url == CANONICAL
    assert "picking the one quarter" in source.text


@pytest.mark.django_db
def test_the_same_article_by_url_with_and_without_tracking_is_one_source(loopback):
    plain = loopback.route(
        "/plain", respond(200, SEED.read_bytes(), content_type="text/plain")
    )
    first = services.run_import(url_job(plain + "?utm_source=x&fbclid=abc"))
    second = services.run_import(url_job(plain))
    third = services.run_import(url_job(plain + "?utm_campaign=y"))
    assert Source.objects.count() == 1
    assert first.source_id == second.source_id == third.source_id
    assert [first.duplicate, second.duplicate, third.duplicate] == [False, True, True]
    assert Source.objects.get().canonical_url == plain
    assert {j.error for j in (first, second, third)} == {""}


@pytest.mark.django_db
def test_an_updated_page_at_the_same_canonical_url_is_not_imported_again(loopback):
    loopback.route("/story", respond(200, ARTICLE))
    first = services.run_import(url_job(loopback.url("/story")))
    edited = ARTICLE.replace(b"next week", b"next Tuesday")
    loopback.route("/story", respond(200, edited))
    again = services.run_import(url_job(loopback.url("/story?utm_source=x")))
    assert again.duplicate and again.source_id == first.source_id
    assert Source.objects.count() == 1


@pytest.mark.django_db
def test_a_refused_url_import_fails_with_a_clear_message_and_no_source(loopback):
    url = loopback.route("/go", redirect("http://169.254.169.254/latest/meta-data/"))
    job = url_job(url)
    with pytest.raises(UnsafeURL) as refused:
        services.run_import(job)
    services.fail_import(job, refused.value)
    job.refresh_from_db()
    assert job.state == Import.State.FAILED
    assert job.error.startswith("refused: 169.254.169.254")
    assert Source.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("\x00\x01\x02 binary", "binary data"),
        ("x" * 3000, "too large: 3,000 bytes"),
    ],
)
def test_pasted_text_that_cannot_be_imported_is_refused_up_front(
    settings, text, message
):
    settings.IMPORT_MAX_BYTES = 2048
    with pytest.raises(PermanentImportError, match=message):
        services.request_import(kind=Import.Kind.TEXT, text=text)
    assert Import.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "a URL is required"),
        ("http://169.254.169.254/latest/", "link-local"),
        ("http://2130706433/", "unusual spelling of the address 127.0.0.1"),
        ("file:///etc/passwd", "scheme 'file'"),
        ("http://user@news.example.org/", "user name"),
    ],
)
def test_an_unsafe_url_import_is_refused_up_front(url, message):
    with pytest.raises(PermanentImportError, match=message):
        services.request_import(kind=Import.Kind.URL, url=url)
    assert Import.objects.count() == 0


@pytest.mark.django_db
def test_a_url_import_of_a_name_is_queued_without_a_lookup(monkeypatch):
    import socket

    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: pytest.fail("lookup"))
    job = services.request_import(
        kind=Import.Kind.URL, url="https://news.example.org/a"
    )
    assert job.state == Import.State.QUEUED


@pytest.mark.django_db
def test_fetched_plain_text_has_the_import_limit_and_html_the_fetch_limit(
    loopback, settings
):
    settings.IMPORT_MAX_BYTES = 2048
    settings.FETCH_MAX_BYTES = 64 * 1024
    text = b"He said: \xe2\x80\x9cYes.\xe2\x80\x9d " * 200  # 4.2 kB
    page = b"<html><body><article><p>" + text + b"</p></article></body></html>"
    loopback.route("/t", respond(200, text, content_type="text/plain"))
    loopback.route("/h", respond(200, page))
    with pytest.raises(PermanentImportError, match="too large"):
        services.run_import(url_job(loopback.url("/t")))
    assert services.run_import(url_job(loopback.url("/h"))).state == "done"


@pytest.mark.django_db
def test_a_file_import_beyond_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 1024
    with pytest.raises(PermanentImportError, match="too large"):
        services.import_bytes(b"word " * 400)
    assert Source.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_racing_imports_of_one_url_give_one_source_and_one_set_of_claims(
    postgres, loopback, monkeypatch
):
    """Two threads run two jobs for the same URL; the server answers both at once."""
    both_asked = threading.Barrier(2, timeout=10)
    seed = SEED.read_bytes()

    def together(req: BaseHTTPRequestHandler) -> None:
        both_asked.wait()
        respond(200, seed, content_type="text/plain; charset=utf-8")(req)

    url = loopback.route("/race", together)
    jobs = [url_job(url + "?utm_source=a"), url_job(url)]

    # Both look for an existing source before either inserts, so one insert must
    # lose on the unique key: the race the dedupe has to survive, every time.
    find_existing = services._find_existing
    both_looked = threading.Barrier(2, timeout=10)
    looked = threading.local()

    def look_then_wait(digest: str, canonical: str):  # type: ignore[no-untyped-def]
        found = find_existing(digest, canonical)
        if not getattr(looked, "once", False):
            looked.once = True
            both_looked.wait()
        return found

    monkeypatch.setattr(services, "_find_existing", look_then_wait)
    errors: list[BaseException] = []

    def run(job: Import) -> None:
        try:
            services.run_import(job)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len(loopback.hits("/race")) == 2
    source = Source.objects.get()
    for job in jobs:
        job.refresh_from_db()
        assert (job.state, job.error, job.source_id) == ("done", "", source.pk)
    assert sorted(j.duplicate for j in jobs) == [False, True]
    # Each import sent an extraction; run both, as the workers would.
    for job in jobs:
        claims_tasks.extract_claims(job.source_id)
    spans = {(q.start, q.end) for q in extract(source.text) if q.quote.strip()}
    assert len(spans) > 0
    assert Claim.objects.filter(source=source).count() == len(spans)
    source.refresh_from_db()
    assert source.extracted_at is not None


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Loopback desk</title>
{items}
</channel></rss>"""


def rss(*paths: str) -> bytes:
    items = "\n".join(
        f"<item><title>{p}</title><link>{p}?utm_source=rss</link></item>" for p in paths
    )
    return RSS.format(items=items).encode()


def serve_articles(loopback, *paths: str) -> None:
    for n, path in enumerate(paths):
        body = f"Story {n}.\n\nThe minister said: “We will build {n} bridges.”\n"
        loopback.route(path, respond(200, body.encode(), content_type="text/plain"))


@pytest.mark.django_db
def test_a_feed_poll_queues_new_entries_and_a_second_poll_gets_304(loopback):
    serve_articles(loopback, "/s1", "/s2")
    feed_url = loopback.route(
        "/feed.xml",
        conditional(rss("/s2", "/s1"), etag='"v1"', content_type="application/rss+xml"),
    )
    feed = Feed.objects.create(url=feed_url)

    assert services.poll_feed(feed) == 2
    feed.refresh_from_db()
    assert (feed.etag, feed.last_error, feed.title) == ('"v1"', "", "Loopback desk")
    assert feed.last_modified == "Sat, 28 Nov 2026 08:00:00 GMT"
    assert feed.last_polled_at is not None
    jobs = list(Import.objects.order_by("id"))
    assert [(j.kind, j.url, j.feed_id) for j in jobs] == [
        ("feed", loopback.url("/s1"), feed.pk),
        ("feed", loopback.url("/s2"), feed.pk),
    ]
    for job in jobs:
        services.run_import(job)
    assert Source.objects.filter(feed=feed).count() == 2

    first_polled = feed.last_polled_at
    assert services.poll_feed(feed) == 0
    assert loopback.hits("/feed.xml")[-1].headers["If-None-Match"] == '"v1"'
    assert Import.objects.count() == 2
    feed.refresh_from_db()
    assert feed.last_polled_at > first_polled and feed.etag == '"v1"'

    # The feed changes: only the entry not seen before is queued.
    serve_articles(loopback, "/s3")
    loopback.route(
        "/feed.xml",
        conditional(
            rss("/s3", "/s2", "/s1"), etag='"v2"', content_type="application/rss+xml"
        ),
    )
    assert services.poll_feed(feed) == 1
    assert Import.objects.latest("id").url == loopback.url("/s3")
    feed.refresh_from_db()
    assert feed.etag == '"v2"'

    # A 200 without validators clears the old ones, so no stale ETag is sent.
    loopback.route(
        "/feed.xml", respond(200, rss("/s3"), content_type="application/rss+xml")
    )
    assert services.poll_feed(feed) == 0
    feed.refresh_from_db()
    assert (feed.etag, feed.last_modified) == ("", "")


@pytest.mark.django_db
def test_an_entry_already_imported_by_hand_is_not_queued_from_a_feed(loopback):
    serve_articles(loopback, "/s1")
    services.run_import(url_job(loopback.url("/s1?utm_medium=social")))
    feed_url = loopback.route(
        "/feed.xml", respond(200, rss("/s1"), content_type="application/atom+xml")
    )
    assert services.poll_feed(Feed.objects.create(url=feed_url)) == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("handler", "message"),
    [
        (respond(404, b"gone"), "HTTP 404"),
        (respond(200, b"<html><p>hi</p></html>"), "content type 'text/html'"),
        (
            respond(
                200,
                b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]><rss/>',
                content_type="application/xml",
            ),
            "declares XML entities",
        ),
        (redirect("http://10.0.0.1/feed"), "refused: 10.0.0.1"),
    ],
)
def test_a_failed_poll_is_recorded_on_the_feed(loopback, handler, message):
    feed = Feed.objects.create(url=loopback.route("/feed.xml", handler))
    with pytest.raises(PermanentImportError, match=message):
        services.poll_feed(feed)
    feed.refresh_from_db()
    assert message in feed.last_error and feed.last_polled_at is not None
    assert Import.objects.count() == 0
