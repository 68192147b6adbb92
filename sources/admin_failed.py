"""Admin for tasks that failed after their last retry: read them, send them again."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from .models import FailedTask


def retry_failed_task(failed: FailedTask) -> None:
    """Publish the recorded task again, with its arguments, once this commits.

    Only tasks the worker knows by name are sent; the row is kept, stamped
    with when it was retried, so the history of a flaky task stays visible.
    """
    from factcheck.celery import app, publish_on_commit

    task = app.tasks.get(failed.task_name)
    if task is None:
        raise LookupError(f"no task named {failed.task_name!r} is registered")
    if failed.kwargs:
        transaction.on_commit(
            lambda: task.apply_async(args=failed.args, kwargs=failed.kwargs)
        )
    else:
        publish_on_commit(task, *failed.args)
    FailedTask.objects.filter(pk=failed.pk).update(retried_at=timezone.now())


@admin.action(description="Retry the selected tasks")
def retry_tasks(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> None:
    sent, unknown = 0, []
    with transaction.atomic():
        for failed in queryset:
            try:
                retry_failed_task(failed)
            except LookupError:
                unknown.append(failed.task_name)
            else:
                sent += 1
    if sent:
        modeladmin.message_user(
            request, f"Sent {sent} task(s) again.", messages.SUCCESS
        )
    if unknown:
        modeladmin.message_user(
            request, f"Unknown task(s), not sent: {', '.join(unknown)}", messages.ERROR
        )


retry_tasks.allowed_permissions = ("change",)  # type: ignore[attr-defined]


class FailedTaskAdmin(admin.ModelAdmin):
    """Read-only rows with one action: send the task again."""

    list_display = ["task_name", "args", "error", "created_at", "retried_at"]
    list_filter = ["task_name"]
    search_fields = ["task_name", "error"]
    readonly_fields = [f.name for f in FailedTask._meta.fields]
    actions = [retry_tasks]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


# sources/admin.py registers a plain admin first; this one replaces it.
if admin.site.is_registered(FailedTask):
    admin.site.unregister(FailedTask)
admin.site.register(FailedTask, FailedTaskAdmin)
