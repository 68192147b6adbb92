"""Tasks that fail after their last retry are recorded, and editors can retry them."""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import transaction
from django.test import RequestFactory

from factcheck.celery import app, record_failed_task
from sources.admin_failed import FailedTaskAdmin, retry_tasks
from sources.models import FailedTask
from tests.conftest import wait_for
from tests.pipeline import worker_app


def _admin_request(user):  # type: ignore[no-untyped-def]
    request = RequestFactory().post("/admin/sources/failedtask/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_task_failing_after_its_retries_is_recorded_once_and_can_be_retried(
    stack, editor
):
    redis, start_worker = stack
    worker = start_worker("failing")
    worker_app.always_fails.delay(7)

    def recorded():
        return FailedTask.objects.first()

    failed = wait_for(recorded, timeout=60)
    log = worker.output()
    assert log.count("Retry in") == 2  # max_retries=2: three runs, one record
    assert FailedTask.objects.count() == 1
    assert failed.task_name == "tests.pipeline.always_fails"
    assert failed.args == [7] and failed.kwargs == {}
    assert failed.error == "ConnectionError: receiver for item 7 unreachable"
    assert failed.task_id and failed.retried_at is None

    # An editor retries it from the admin: it runs (and fails) again.
    model_admin = FailedTaskAdmin(FailedTask, admin.site)
    request = _admin_request(editor)
    assert "retry_tasks" in model_admin.get_actions(request)
    with transaction.atomic():
        retry_tasks(model_admin, request, FailedTask.objects.filter(pk=failed.pk))

    def recorded_again():
        return FailedTask.objects.count() == 2

    wait_for(recorded_again, timeout=60)
    failed.refresh_from_db()
    assert failed.retried_at is not None
    newest = FailedTask.objects.exclude(pk=failed.pk).get()
    assert newest.args == [7] and newest.task_id != failed.task_id
    assert [str(m) for m in get_messages(request)] == ["Sent 1 task(s) again."]


def test_retrying_an_unknown_task_says_so_and_sends_nothing(
    db, editor, django_capture_on_commit_callbacks
):
    gone = FailedTask.objects.create(task_name="claims.tasks.renamed", error="x")
    model_admin = FailedTaskAdmin(FailedTask, admin.site)
    request = _admin_request(editor)
    with django_capture_on_commit_callbacks() as callbacks:
        retry_tasks(model_admin, request, FailedTask.objects.all())
    assert callbacks == []
    gone.refresh_from_db()
    assert gone.retried_at is None
    assert [str(m) for m in get_messages(request)] == [
        "Unknown task(s), not sent: claims.tasks.renamed"
    ]


def test_reviewers_may_not_retry_failed_tasks(db, reviewer):
    model_admin = FailedTaskAdmin(FailedTask, admin.site)
    assert "retry_tasks" not in model_admin.get_actions(_admin_request(reviewer))
    assert not model_admin.has_add_permission(_admin_request(reviewer))


def test_the_recorder_keeps_arguments_json_can_hold(db):
    task = app.tasks["tests.pipeline.always_fails"]
    record_failed_task(
        sender=task,
        task_id="abc",
        exception=ValueError("bad"),
        args=[object()],
        kwargs={"n": 1},
    )
    row = FailedTask.objects.get()
    assert row.args.startswith("[<object object")
    assert row.kwargs == {"n": 1}
    assert row.error == "ValueError: bad"


@pytest.mark.django_db
def test_eager_tasks_that_fail_are_recorded_too(settings):
    # The embedded demo runs tasks in-process; a failure is kept the same way.
    result = worker_app.always_fails.apply(args=[3])
    assert result.failed()
    assert FailedTask.objects.filter(
        task_name="tests.pipeline.always_fails", args=[3]
    ).exists()
