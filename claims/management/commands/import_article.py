"""`manage.py import_article PATH_OR_URL…`: import articles and print their claims."""

import sys
import time
from argparse import BooleanOptionalAction
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser, OutputWrapper

from claims import services
from sources import services as source_services
from sources.exceptions import ImportFailed
from sources.models import Source


class Command(BaseCommand):
    help = "Import articles from files or URLs and extract their claims."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("targets", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument(
            "--evidence", action="store_true", help="import as evidence documents"
        )
        parser.add_argument(
            "--progress",
            action=BooleanOptionalAction,
            default=None,
            help="draw a progress bar on stderr (default: when it is a terminal)",
        )

    def handle(self, *targets: str, **options: Any) -> None:
        kind = Source.Kind.EVIDENCE if options["evidence"] else Source.Kind.ARTICLE
        targets = options["targets"]
        show = options["progress"]
        if show is None:
            show = len(targets) > 1 and self.stderr.isatty()
        progress = ProgressBar(self.stderr, len(targets)) if show else None
        failures = 0
        for number, target in enumerate(targets, 1):
            prefix = f"[{number}/{len(targets)}] " if len(targets) > 1 else ""
            if progress:
                progress.draw(number - 1, target)
            try:
                source, created = self._import(target, kind)
            except ImportFailed as exc:
                failures += 1
                if progress:
                    progress.clear()
                self.stderr.write(f"{prefix}error: {target}: {exc}")
                continue
            if progress:
                progress.clear()
            services.extract_claims(source)  # idempotent; usually done already
            claims = source.claims.select_related("speaker").order_by("start")
            verb = "imported" if created else "already imported"
            self.stdout.write(
                f"{prefix}{verb}: source #{source.pk} “{source.title}” "
                f"with {claims.count()} claims"
            )
            for claim in claims:
                who = claim.speaker.name if claim.speaker else "unknown speaker"
                self.stdout.write(f"  #{claim.pk} {who}: “{claim}”")
        if progress:
            progress.finish(failures)
        if failures:
            sys.exit(1)

    def _import(self, target: str, kind: str) -> tuple[Source, bool]:
        if target.startswith(("http://", "https://")):
            return source_services.fetch_and_import(target, kind=kind)
        path = Path(target)
        if not path.is_file():
            raise ImportFailed("no such file")
        if path.stat().st_size > settings.IMPORT_MAX_BYTES:
            raise ImportFailed(
                f"too large: {path.stat().st_size:,} bytes "
                f"(the limit is {settings.IMPORT_MAX_BYTES:,})"
            )
        return source_services.import_bytes(path.read_bytes(), kind=kind)


class ProgressBar:
    """A one-line progress bar on stderr, redrawn in place, cleared for messages."""

    WIDTH = 30

    def __init__(self, out: OutputWrapper, total: int) -> None:
        self.out = out
        self.total = total
        self.started = time.monotonic()

    def draw(self, done: int, current: str) -> None:
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        name = current if len(current) <= 40 else "…" + current[-39:]
        self.out.write(
            f"\r\x1b[K[{bar}] {done}/{self.total} {100 * done // self.total}% {name}",
            ending="",
        )
        self.out.flush()

    def clear(self) -> None:
        self.out.write("\r\x1b[K", ending="")

    def finish(self, failures: int) -> None:
        bar = "#" * self.WIDTH
        elapsed = time.monotonic() - self.started
        self.out.write(
            f"\r\x1b[K[{bar}] {self.total}/{self.total} 100% in {elapsed:.1f} s"
            f", {failures} failed"
        )
