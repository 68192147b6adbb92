"""`manage.py import_article PATH_OR_URL…`: import articles and print their claims."""

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

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

    def handle(self, *targets: str, **options: Any) -> None:
        kind = Source.Kind.EVIDENCE if options["evidence"] else Source.Kind.ARTICLE
        failures = 0
        for number, target in enumerate(options["targets"], 1):
            prefix = (
                f"[{number}/{len(options['targets'])}] "
                if len(options["targets"]) > 1
                else ""
            )
            try:
                source, created = self._import(target, kind)
            except ImportFailed as exc:
                failures += 1
                self.stderr.write(f"{prefix}error: {target}: {exc}")
                continue
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
        if failures:
            sys.exit(1)

    def _import(self, target: str, kind: str) -> tuple[Source, bool]:
        if target.startswith(("http://", "https://")):
            from sources import fetching

            response = fetching.fetch(target)
            return source_services.import_bytes(
                response.body, url=response.url, kind=kind
            )
        path = Path(target)
        if not path.is_file():
            raise ImportFailed("no such file")
        if path.stat().st_size > settings.IMPORT_MAX_BYTES:
            raise ImportFailed(
                f"too large: {path.stat().st_size:,} bytes "
                f"(the limit is {settings.IMPORT_MAX_BYTES:,})"
            )
        return source_services.import_bytes(path.read_bytes(), kind=kind)
