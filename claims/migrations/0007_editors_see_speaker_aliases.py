"""Editors may look at the aliases that speaker merges leave (claims.roles)."""

from django.db import migrations

PERMISSION = "view_speakeralias"


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; make this one now.
    app_config = apps.get_app_config("claims")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="claims", codename=PERMISSION
    )
    for group in apps.get_model("auth", "Group").objects.filter(name="editor"):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name="editor"):
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="claims", codename=PERMISSION
            )
        )


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_speaker_alias")]

    operations = [migrations.RunPython(grant, revoke)]
