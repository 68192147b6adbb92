"""Import jobs whose message was lost are published again; reruns are not duplicates."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim
from sources import services
from sources.models import Import, Source
from sources.tasks import resend_stale_imports
from tests.conftest import wait_for


def test_a_queued_job_whose_message_was_lost_is_imported_by_the_resender(
    celery_worker_process, seed_text
):
    # As after a broker restart: the row is queued, no message exists for it.
    job = Import.objects.create(kind=Import.Kind.TEXT, payload=seed_text)
    Import.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    fresh = Import.objects.create(
        kind=Import.Kind.TEXT, payload="“Too new,” Ann Lee said."
    )

    assert resend_stale_imports() == 1

    def imported():
        job.refresh_from_db()
        return job.state == Import.State.DONE and Claim.objects.count() == 4

    wait_for(imported, timeout=60)
    assert not job.duplicate and Source.objects.count() == 1
    fresh.refresh_from_db()
    assert fresh.state == Import.State.QUEUED  # not stale yet, left alone


@pytest.mark.django_db
def test_a_running_job_is_resent_only_after_redelivery_should_have_happened(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    old = Import.objects.create(kind=Import.Kind.TEXT, payload="x")
    recent = Import.objects.create(kind=Import.Kind.TEXT, payload="y")
    Import.objects.filter(pk=old.pk).update(
        state=Import.State.RUNNING, started_at=now - timedelta(minutes=30)
    )
    Import.objects.filter(pk=recent.pk).update(
        state=Import.State.RUNNING, started_at=now - timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks() as callbacks:
        ids = services.resend_stale_imports(
            queued_for=timedelta(minutes=2), running_for=timedelta(minutes=10)
        )
    assert ids == [old.pk] and len(callbacks) == 1


@pytest.mark.django_db
def test_a_rerun_that_finds_its_own_first_try_is_not_a_duplicate(seed_text):
    job = Import.objects.create(kind=Import.Kind.TEXT, payload=seed_text)
    # The first try stored the source, then its worker died before finishing.
    services.import_bytes(seed_text.encode())
    Import.objects.filter(pk=job.pk).update(state=Import.State.RUNNING)
    job.refresh_from_db()

    services.run_import(job)

    assert job.state == Import.State.DONE and not job.duplicate


@pytest.mark.django_db
def test_a_second_import_of_a_stored_article_is_a_duplicate(seed_text):
    first = services.run_import(
        Import.objects.create(kind=Import.Kind.TEXT, payload=seed_text)
    )
    again = Import.objects.create(kind=Import.Kind.TEXT, payload=seed_text)
    Import.objects.filter(pk=again.pk).update(state=Import.State.RUNNING)
    again.refresh_from_db()

    services.run_import(again)

    assert not first.duplicate and again.duplicate
    assert again.source_id == first.source_id
