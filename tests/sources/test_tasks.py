"""The feed tasks: beat's `poll-feeds` entry, fan-out per feed, failures kept."""

import pytest
from django.conf import settings

from factcheck.celery import app
from sources import tasks
from sources.models import Feed, Import
from tests.sources.httpserver import respond

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
<item><title>One</title><link>/one</link></item>
<item><title>Two</title><link>/two</link></item></channel></rss>"""


def test_beat_polls_feeds_through_the_registered_task():
    entry = settings.CELERY_BEAT_SCHEDULE["poll-feeds"]
    assert entry["task"] == tasks.poll_feeds.name == "sources.tasks.poll_feeds"
    assert entry["task"] in app.tasks


@pytest.fixture
def worker_runs_sent_polls(monkeypatch):
    """Record the polls `poll_feeds` sends and run each as a worker would.

    The queue itself is exercised by the real-worker feed test in test_services.
    """
    sent: list[int] = []
    monkeypatch.setattr(tasks.poll_feed, "delay", sent.append)

    def run() -> None:
        for feed_id in sent:
            tasks.poll_feed(feed_id)

    return run


@pytest.mark.django_db
def test_poll_feeds_polls_each_active_feed_and_skips_inactive_ones(
    loopback, worker_runs_sent_polls
):
    url = loopback.route(
        "/feed.xml", respond(200, RSS, content_type="application/rss+xml")
    )
    Feed.objects.create(url=url)
    Feed.objects.create(url=loopback.route("/off.xml", respond(200, RSS)), active=False)
    assert tasks.poll_feeds() == 1
    worker_runs_sent_polls()
    assert sorted(Import.objects.values_list("url", flat=True)) == [
        loopback.url("/one"),
        loopback.url("/two"),
    ]
    assert loopback.hits("/off.xml") == []


@pytest.mark.django_db
def test_a_failing_feed_is_recorded_and_does_not_stop_the_others(
    loopback, worker_runs_sent_polls
):
    good = Feed.objects.create(
        url=loopback.route("/good.xml", respond(200, RSS, content_type="text/xml"))
    )
    bad = Feed.objects.create(url=loopback.route("/bad.xml", respond(500, b"oops")))
    assert tasks.poll_feeds() == 2
    worker_runs_sent_polls()
    bad.refresh_from_db()
    good.refresh_from_db()
    assert "HTTP 500" in bad.last_error and good.last_error == ""
    assert Import.objects.filter(feed=good).count() == 2
    assert tasks.poll_feed(bad.pk) == 0
