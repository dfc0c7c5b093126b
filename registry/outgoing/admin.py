from django.contrib import admin

from .models import ApprovalStepTemplate


@admin.register(ApprovalStepTemplate)
class ApprovalStepTemplateAdmin(admin.ModelAdmin):
    """Each agency's approval chain (quy trình duyệt văn bản đi) is configured here."""

    list_display = ["agency", "order", "name", "rule", "user", "is_active"]
    list_filter = ["agency", "is_active"]
    list_select_related = ["agency", "user"]
    autocomplete_fields = ["user"]
    ordering = ["agency", "order"]
