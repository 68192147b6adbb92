"""`manage.py seed_demo`: import seeds/ and create the demo editor and reviewer."""

import os
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import BaseCommand

from claims.roles import ensure_groups


class Command(BaseCommand):
    help = "Import the seed articles and create demo users 'editor' and 'reviewer'."

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_groups(Group, Permission)
        seeds = sorted(Path(settings.BASE_DIR, "seeds").glob("*.txt"))
        if seeds:
            call_command("import_article", *map(str, seeds), stdout=self.stdout)
        password = os.environ.get("FACTCHECK_DEMO_PASSWORD") or secrets.token_urlsafe(
            12
        )
        users = get_user_model().objects
        for name in ("editor", "reviewer"):
            user, _ = users.get_or_create(
                username=name, defaults={"email": f"{name}@example.org"}
            )
            user.is_staff = True
            # An unchanged password keeps its hash, so a restart logs nobody out.
            if not user.check_password(password):
                user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=name)])
        self.stdout.write(
            "\nLog in at http://127.0.0.1:8000/ as 'editor' or 'reviewer' "
            f"with the password: {password}\n"
            "(set FACTCHECK_DEMO_PASSWORD to choose it)\n"
        )
