"""Editors' admin for webhooks: endpoints, secret rotation, deliveries and attempts."""

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from sources.exceptions import ImportFailed

from .. import webhooks
from ..models import (
    WEBHOOK_EVENT_KINDS,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)

DELIVERY_FIELDS = (
    "event",
    "status",
    "attempts",
    "next_attempt_at",
    "updated_at",
)
ATTEMPT_FIELDS = (
    "at",
    "response_status",
    "error",
    "response_snippet",
    "duration_ms",
    "retry_at",
)


class WebhookEndpointForm(forms.ModelForm):
    url = forms.URLField(max_length=2000, assume_scheme="https")
    event_types = forms.MultipleChoiceField(
        choices=[(k.value, k.label) for k in WEBHOOK_EVENT_KINDS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave all unticked to receive every event.",
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "event_types", "active"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            webhooks.check_endpoint_url(url)
        except ImportFailed as exc:  # UnsafeURL, or a name that does not resolve
            raise forms.ValidationError(str(exc)) from None
        return url


@admin.action(description="Rotate the secret (the old one still signs for a while)")
def rotate_secret(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> None:
    rotated = [webhooks.rotate_secret(endpoint) for endpoint in queryset]
    if rotated:
        until = rotated[0].previous_secret_expires_at
        modeladmin.message_user(
            request,
            f"Rotated {len(rotated)} secret(s); the previous ones sign until "
            f"{until:%Y-%m-%d %H:%M} UTC.",
            messages.SUCCESS,
        )


rotate_secret.allowed_permissions = ("change",)  # type: ignore[attr-defined]


class DeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    fields = DELIVERY_FIELDS
    readonly_fields = DELIVERY_FIELDS
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    ordering = ["-id"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("event")


class WebhookEndpointAdmin(admin.ModelAdmin):
    form = WebhookEndpointForm
    list_display = ["url", "description", "active", "disabled_reason", "created_at"]
    list_filter = ["active"]
    search_fields = ["url", "description"]
    readonly_fields = [
        "secret",
        "previous_secret_expires_at",
        "disabled_reason",
        "created_by",
        "created_at",
    ]
    actions = [rotate_secret]
    inlines = [DeliveryInline]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if not change:
            obj.secret = webhooks.generate_secret()
            obj.created_by = request.user
        if obj.active and "active" in form.changed_data:
            obj.disabled_reason = ""
        super().save_model(request, obj, form, change)


# claims/admin.py registers a plain admin first; this one replaces it.
if admin.site.is_registered(WebhookEndpoint):
    admin.site.unregister(WebhookEndpoint)
admin.site.register(WebhookEndpoint, WebhookEndpointAdmin)


class AttemptInline(admin.TabularInline):
    model = WebhookAttempt
    fields = ATTEMPT_FIELDS
    readonly_fields = ATTEMPT_FIELDS
    extra = 0
    max_num = 0
    can_delete = False


@admin.action(description="Send again now")
def send_again(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> None:
    count = queryset.exclude(status=WebhookDelivery.Status.SUCCEEDED).update(
        status=WebhookDelivery.Status.PENDING, next_attempt_at=timezone.now()
    )
    modeladmin.message_user(
        request, f"{count} delivery(ies) due again; beat sends them within seconds."
    )


send_again.allowed_permissions = ("send_again",)  # type: ignore[attr-defined]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """Deliveries are written by the dispatcher only; editors read them."""

    list_display = [
        "webhook_id",
        "endpoint",
        "event",
        "status",
        "attempts",
        "next_attempt_at",
    ]
    list_filter = ["status", "endpoint"]
    list_select_related = ["endpoint", "event"]
    readonly_fields = (
        "webhook_id",
        "endpoint",
        "event",
        "status",
        "attempts",
        "next_attempt_at",
        "created_at",
        "updated_at",
    )
    fields = readonly_fields
    inlines = [AttemptInline]
    actions = [send_again]

    def has_send_again_permission(self, request: HttpRequest) -> bool:
        # Whoever manages endpoints may ask for a delivery to be sent again.
        return request.user.has_perm("claims.change_webhookendpoint")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(WebhookAttempt)
class WebhookAttemptAdmin(admin.ModelAdmin):
    list_display = ["delivery", "at", "response_status", "error", "retry_at"]
    list_filter = ["response_status"]
    list_select_related = ["delivery__endpoint"]
    readonly_fields = (
        "delivery",
        "at",
        "response_status",
        "response_snippet",
        "error",
        "duration_ms",
        "retry_at",
    )
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
