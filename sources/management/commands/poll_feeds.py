"""`manage.py poll_feeds [--add URL…]`: poll active feeds now, queue new entries."""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sources import fetching, services
from sources.exceptions import ImportFailed
from sources.models import Feed


class Command(BaseCommand):
    help = "Poll every active feed once (what beat does every five minutes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--add", action="append", default=[], metavar="URL", help="add a feed first"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        failures = 0
        for url in options["add"]:
            try:
                fetching.parse_url(url)
            except ImportFailed as exc:
                self.stderr.write(f"error: {url}: {exc}")
                failures += 1
                continue
            feed, created = Feed.objects.get_or_create(url=url)
            self.stdout.write(f"{'added' if created else 'already known'}: {feed.url}")
        for feed in Feed.objects.filter(active=True):
            try:
                queued = services.poll_feed(feed)
            except ImportFailed as exc:
                failures += 1
                self.stderr.write(f"error: {feed.url}: {exc}")
                continue
            self.stdout.write(f"{feed.url}: {queued} new entries queued for import")
        if failures:
            sys.exit(1)
