"""Create the reviewer and editor groups with their model permissions."""

from django.db import migrations

# Frozen copy of claims.roles at this migration: a later role change comes with
# its own migration, so a fresh database replays history as it was.
REVIEWER = [
    "claims.view_claim",
    "claims.change_claim",
    "claims.review_claim",
    "claims.view_speaker",
    "claims.view_evidence",
    "claims.add_evidence",
    "claims.change_evidence",
    "claims.view_claimtransition",
    "claims.view_ratingrevision",
    "claims.view_claimassignment",
    "sources.view_source",
    "sources.add_source",
    "sources.view_import",
    "sources.add_import",
    "sources.view_feed",
]
EDITOR = REVIEWER + [
    "claims.rate_claim",
    "claims.assign_claim",
    "claims.restore_claim",
    "claims.change_speaker",
    "claims.view_event",
    "claims.view_webhookendpoint",
    "claims.add_webhookendpoint",
    "claims.change_webhookendpoint",
    "claims.view_webhookdelivery",
    "claims.view_webhookattempt",
    "claims.view_apikey",
    "claims.add_apikey",
    "claims.change_apikey",
    "sources.add_feed",
    "sources.change_feed",
    "sources.change_source",
    "sources.view_failedtask",
    "sources.change_failedtask",
]


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from claims.roles import ensure_groups

    # Permissions are normally made after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_groups(
        apps.get_model("auth", "Group"),
        apps.get_model("auth", "Permission"),
        {"reviewer": REVIEWER, "editor": EDITOR},
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["reviewer", "editor"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
