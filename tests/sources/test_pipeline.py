"""The feed-to-claims pipeline through a real worker, real Redis and PostgreSQL."""

import pytest
from django.db import connection

from claims.models import Claim
from factcheck.celery import app
from sources import tasks
from sources.models import Feed, Import, Source
from tests.conftest import WorkerProcess, wait_for
from tests.sources.httpserver import conditional, respond

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Loopback desk</title>
<item><title>One</title><link>/one?utm_source=rss</link></item>
<item><title>Two</title><link>/two?utm_source=rss</link></item>
</channel></rss>"""


@pytest.fixture
def loopback_worker(transactional_db, postgres, redis_url, monkeypatch):
    """A real worker whose fetcher may reach the test's loopback server."""
    with app.connection_for_write() as conn:
        for queue in ("default", "imports", "notifications"):
            conn.default_channel.queue_purge(queue)
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "tests.sources.loopback_settings")
    worker = WorkerProcess(redis_url, connection.settings_dict["NAME"])
    yield worker
    worker.stop()


def test_a_polled_feed_becomes_sources_and_claims_through_a_real_worker(
    loopback, loopback_worker
):
    for n, path in enumerate(("/one", "/two"), 1):
        text = (
            f"Story {n}.\n\nThe minister said on Monday: “We will build {n} new "
            "bridges before the election.” Critics disagreed.\n"
        )
        loopback.route(path, respond(200, text.encode(), content_type="text/plain"))
    feed_url = loopback.route(
        "/feed.xml", conditional(RSS, etag='"v1"', content_type="application/rss+xml")
    )
    feed = Feed.objects.create(url=feed_url)

    tasks.poll_feeds.delay()

    def both_extracted():
        return Source.objects.filter(feed=feed, extracted_at__isnull=False).count() == 2

    wait_for(both_extracted, timeout=90)
    assert set(Import.objects.values_list("state", "error", "duplicate")) == {
        ("done", "", False)
    }
    assert Claim.objects.filter(source__feed=feed).count() >= 2
    assert sorted(Source.objects.values_list("canonical_url", flat=True)) == [
        loopback.url("/one"),
        loopback.url("/two"),
    ]

    feed.refresh_from_db()
    first_poll = feed.last_polled_at
    assert feed.etag == '"v1"'
    tasks.poll_feeds.delay()

    def polled_again():
        feed.refresh_from_db()
        return feed.last_polled_at > first_poll

    wait_for(polled_again, timeout=60)
    assert loopback.hits("/feed.xml")[-1].headers["If-None-Match"] == '"v1"'
    assert Import.objects.count() == 2 and Source.objects.count() == 2
