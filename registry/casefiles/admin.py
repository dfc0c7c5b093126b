from django.contrib import admin

from .models import CaseFile, CaseFileItem, FileHeading, FileList


class FileHeadingInline(admin.TabularInline):
    model = FileHeading
    extra = 0
    fields = ["title", "unit", "parent", "sort_order"]


@admin.register(FileList)
class FileListAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "year"]
    list_filter = ["agency", "year"]
    inlines = [FileHeadingInline]


class CaseFileItemInline(admin.TabularInline):
    model = CaseFileItem
    extra = 0
    fields = ["ordinal", "kind", "incoming", "outgoing", "assignment", "sort_date"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(CaseFile)
class CaseFileAdmin(admin.ModelAdmin):
    """Read-only here: files change only through the services (audit, freezing)."""

    list_display = ["code", "title", "year", "responsible_unit", "responsible_user", "status",
                    "archive_due_on"]
    list_filter = ["status", "year", "agency"]
    search_fields = ["code", "title"]
    inlines = [CaseFileItemInline]

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False
