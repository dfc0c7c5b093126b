from django.contrib import admin

from .models import Assignment, ExtensionRequest, ProgressReport, Reminder


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["content", "assigner", "assignee_user", "assignee_unit", "deadline", "status",
                    "completed_on_time"]
    list_filter = ["status", "role"]
    list_select_related = ["assigner", "assignee_user", "assignee_unit"]
    raw_id_fields = ["assigner", "assignee_user", "assignee_unit", "parent", "completed_by",
                     "tracking_unit"]
    search_fields = ["content", "source_label"]


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(admin.ModelAdmin):
    list_display = ["assignment", "requested_by", "requested_deadline", "status"]
    list_filter = ["status"]
    raw_id_fields = ["assignment", "requested_by", "decided_by"]


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["assignment", "author", "percent", "created_at"]
    raw_id_fields = ["assignment", "author"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["assignment", "kind", "date", "created_at"]
    list_filter = ["kind"]
    raw_id_fields = ["assignment"]
