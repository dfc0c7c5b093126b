from django.contrib import admin

from .models import StoredFile


@admin.register(StoredFile)
class StoredFileAdmin(admin.ModelAdmin):
    list_display = ["sha256", "content_type", "size", "created_at"]
    readonly_fields = ["sha256", "content_type", "size", "created_at"]
