"""App configuration for claims; connects to the sources app's signal."""

from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self) -> None:
        from sources.signals import source_imported

        from . import receivers

        source_imported.connect(
            receivers.schedule_extraction, dispatch_uid="claims.schedule_extraction"
        )
