"""Read-only admin pages over the desk's history: nobody changes or deletes it."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from ..models import ClaimAssignment, ClaimTransition, Event, Evidence, RatingRevision


class ReadOnlyAdmin(admin.ModelAdmin):
    """View permission only, whoever asks (superusers included)."""

    related: list[str] = []

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).select_related(*self.related)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ClaimTransition)
class ClaimTransitionAdmin(ReadOnlyAdmin):
    list_display = ["at", "claim", "action", "from_status", "to_status", "actor"]
    list_filter = ["action", "to_status"]
    related = ["claim", "actor"]
    date_hierarchy = "at"
    raw_id_fields = ["claim"]


@admin.register(RatingRevision)
class RatingRevisionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "claim", "verdict", "actor"]
    list_filter = ["verdict"]
    related = ["claim", "actor", "transition"]


@admin.register(ClaimAssignment)
class ClaimAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["at", "claim", "assignee", "assigned_by"]
    related = ["claim", "assignee", "assigned_by"]


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["id", "kind", "claim", "created_at", "dispatched_at"]
    list_filter = ["kind"]
    related = ["claim"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    """Every piece of evidence on the desk; it is added and edited on its claim."""

    list_display = ["created_at", "claim", "stance", "url", "added_by"]
    list_filter = ["stance"]
    search_fields = ["url", "excerpt"]
    related = ["claim", "added_by", "document"]
