from django.contrib import admin

from .models import AccessChange


@admin.register(AccessChange)
class AccessChangeAdmin(admin.ModelAdmin):
    """Read only: alerts are raised by the services and confirmed on the Docflow page."""

    list_display = ["created_at", "change", "user", "target_label", "actor", "confirmed_by"]
    list_filter = ["change"]
    list_select_related = ["user", "actor", "confirmed_by"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
