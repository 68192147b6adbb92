"""Admin for sources, feeds, import jobs and failed tasks."""

from django.contrib import admin

from .models import FailedTask, Feed, Import, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "kind", "created_at"]
    list_filter = ["kind", "publisher"]
    search_fields = ["title", "url", "canonical_url"]
    readonly_fields = ["content_sha256", "created_at", "extracted_at"]
    date_hierarchy = "created_at"


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "title", "active", "last_polled_at", "last_error"]
    list_filter = ["active"]
    readonly_fields = ["etag", "last_modified", "last_polled_at", "last_error"]


@admin.register(Import)
class ImportAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "state", "url", "source", "created_at"]
    list_filter = ["state", "kind"]
    list_select_related = ["source"]
    readonly_fields = [f.name for f in Import._meta.fields]


@admin.register(FailedTask)
class FailedTaskAdmin(admin.ModelAdmin):
    list_display = ["task_name", "error", "created_at", "retried_at"]
    readonly_fields = [f.name for f in FailedTask._meta.fields]
