"""`manage.py evaluate_quotes --split dev`: score the extractor on PolNeAR."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.extraction import evaluation


class Command(BaseCommand):
    help = "Print quote P/R/F1 and speaker accuracy on a PolNeAR split."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--split", default="test", help="train, dev, test or all")
        parser.add_argument(
            "--json", action="store_true", help="one JSON row per split"
        )
        parser.add_argument("--misses", type=int, default=0)
        parser.add_argument(
            "--calibration",
            action="store_true",
            help="how often each attribution is right (the confidences' source)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        argv = ["--split", options["split"], "--misses", str(options["misses"])]
        if options["json"]:
            argv.append("--json")
        if options["calibration"]:
            argv.append("--calibration")
        if evaluation.main(argv, out=self.stdout.write, err=self.stderr.write):
            raise CommandError(f"corpus not found: {evaluation.corpus_path()}")
