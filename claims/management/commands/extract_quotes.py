"""`manage.py extract_quotes FILE… --format jsonl`: quotes per file, no database."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.extraction import extract


def read_text(path: str) -> str:
    """Return the file decoded as UTF-8, newlines untouched, or raise CommandError."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if b"\x00" in data:
        raise CommandError(f"{path}: binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: not UTF-8 (byte {exc.start})") from exc


class Command(BaseCommand):
    help = "Extract direct quotations and their speakers from text files."
    requires_system_checks: list[str] = []  # pure text in, JSON out: no database

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")
        parser.add_argument(
            "--writer",
            default="",
            metavar="NAME",
            help="the byline's one named person, who speaks the quotes given to 'I'",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Read every file first so that a bad one fails before any output.
        texts = [(path, read_text(path)) for path in options["files"]]
        for path, text in texts:
            quotes = [q.to_dict() for q in extract(text, options["writer"])]
            line = json.dumps({"file": path, "quotes": quotes}, ensure_ascii=False)
            self.stdout.write(line)
