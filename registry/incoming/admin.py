"""Read-mostly admin: documents change only through the services (history, numbering)."""

from django.contrib import admin

from registry.access.models import ChangeKind
from registry.access.services import access_change_record

from .models import IncomingAccessGrant, IncomingAttachment, IncomingDocument


class AttachmentInline(admin.TabularInline):
    model = IncomingAttachment
    extra = 0
    fields = ["filename", "stored_file", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(IncomingDocument)
class IncomingDocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "register", "received_at", "sender_name", "sender_notation",
                    "status", "urgency", "secrecy"]
    list_filter = ["status", "urgency", "secrecy", "channel", "register"]
    search_fields = ["sender_notation", "sender_name", "summary"]
    list_select_related = ["register"]
    date_hierarchy = "received_at"
    inlines = [AttachmentInline]

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(IncomingAccessGrant)
class IncomingAccessGrantAdmin(admin.ModelAdmin):
    list_display = ["document", "user", "granted_by", "granted_at"]
    raw_id_fields = ["document", "user", "granted_by"]
    readonly_fields = ["granted_at"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    # Grants made or removed here are access changes like any other: each raises the alert.
    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        obj.granted_by = obj.granted_by or request.user
        super().save_model(request, obj, form, change)
        access_change_record(actor=request.user, user=obj.user, target=obj.document,
                             change=ChangeKind.GRANTED)

    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        access_change_record(actor=request.user, user=obj.user, target=obj.document,
                             change=ChangeKind.REVOKED)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        for grant in queryset.select_related("user", "document"):
            self.delete_model(request, grant)
