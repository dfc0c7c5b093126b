from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from registry.access.services import access_roles_changed

from .models import Agency, CalendarDay, Correspondent, DocumentType, Position, Register, Unit, User


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "organ_id", "parent", "is_active"]
    search_fields = ["name", "abbreviation", "organ_id"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "agency", "parent", "head", "is_active"]
    list_filter = ["agency", "is_active"]
    search_fields = ["name", "abbreviation"]
    list_select_related = ["agency", "parent", "head"]
    raw_id_fields = ["head"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["name", "rank"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "agency", "unit", "position", "roles", "is_active"]
    list_filter = ["agency", "unit", "is_active"]
    search_fields = ["username", "full_name", "email"]
    list_select_related = ["agency", "unit", "position"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Công tác"), {"fields": ("full_name", "agency", "unit", "position", "roles", "phone",
                                   "email_notifications", "language")}),
    )

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        # A role changed here changes access to the secret registers: raise the alert.
        old_roles = list(User.objects.filter(pk=obj.pk).values_list("roles", flat=True).first()
                         or []) if change else []
        super().save_model(request, obj, form, change)
        access_roles_changed(actor=request.user, user=obj, old_roles=old_roles,
                             new_roles=obj.roles)


@admin.register(Correspondent)
class CorrespondentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "organ_id", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "organ_id", "name_folded"]


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "is_copy", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"


@admin.register(Register)
class RegisterAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "direction", "is_secret", "year", "series", "last_number"]
    list_filter = ["agency", "direction", "is_secret", "year"]
    readonly_fields = ["last_number"]
