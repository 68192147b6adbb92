"""Data migrations, run forward on a database holding rows of the older schema."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from claims import services
from claims.models import Claim
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(target: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def test_first_rated_at_is_backfilled_from_the_first_rating_revision(editor):
    rated = ClaimFactory(rated=True, actor=editor)
    withdrawn = ClaimFactory(rated=True, actor=editor)
    services.reopen_claim(withdrawn, actor=editor, note="Checking again")
    never = ClaimFactory(sourced=True, actor=editor)
    first = {
        c.pk: c.revisions.order_by("created_at").first() for c in (rated, withdrawn)
    }
    try:
        migrate([("claims", "0003_webhook_attempt_retry_at")])
        migrate([("claims", "0004_claim_first_rated_at")])
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    stored = {c.pk: c.first_rated_at for c in Claim.objects.all()}
    assert stored[rated.pk] == first[rated.pk].created_at
    assert stored[withdrawn.pk] == first[withdrawn.pk].created_at
    assert stored[never.pk] is None
