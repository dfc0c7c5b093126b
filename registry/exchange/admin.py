"""Administration: trust roots (upload PEM/DER), the agency code list (upload CSV/XLSX),
the quarantine and the outbox (send failed rows again). Writes go through the services."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .forms import AgencyCodesForm, TrustRootForm
from .models import AgencyCode, Outbound, ReceivedPacket, RecipientState, TrustRoot
from .services import agency_codes_import, outbound_retry, trust_roots_install


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TrustRoot)
class TrustRootAdmin(admin.ModelAdmin):
    list_display = ["name", "subject", "not_after", "is_active", "installed_at"]
    readonly_fields = ["subject", "fingerprint", "not_after", "installed_by", "installed_at"]
    fields = ["name", "is_active", *readonly_fields]

    def add_view(self, request: HttpRequest, form_url: str = "",
                 extra_context: Any = None) -> HttpResponse:
        """Installing a root is an upload of its certificate file, through the service."""
        form = TrustRootForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["certificate"]
            try:
                roots = trust_roots_install(actor=request.user, data=upload.read(),
                                            name=form.cleaned_data["name"])
            except ValidationError as error:
                form.add_error("certificate", error.message_dict.get("certificate"))
            else:
                self.message_user(request, _("Đã cài %(n)s chứng thư gốc.") % {"n": len(roots)})
                return redirect("admin:exchange_trustroot_changelist")
        return render(request, "exchange/admin_upload.html", {
            **self.admin_site.each_context(request), "form": form, "opts": self.model._meta,
            "title": _("Cài đặt chứng thư gốc tin cậy")})


@admin.register(AgencyCode)
class AgencyCodeAdmin(admin.ModelAdmin):
    list_display = ["organ_id", "name", "status", "valid_from", "valid_to", "code_2020"]
    list_filter = ["status"]
    search_fields = ["organ_id", "name", "code_2020"]
    change_list_template = "exchange/admin_codes_changelist.html"

    def get_urls(self) -> list[Any]:
        extra = [path("nhap/", self.admin_site.admin_view(self.import_view),
                      name="exchange_agencycode_import")]
        return extra + super().get_urls()

    def import_view(self, request: HttpRequest) -> HttpResponse:
        form = AgencyCodesForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            stored, errors = agency_codes_import(actor=request.user, data=upload.read(),
                                                 filename=upload.name)
            level = messages.SUCCESS if stored else messages.ERROR
            self.message_user(request, _("Đã nhập %(n)s dòng, %(e)s lỗi.") % {
                "n": stored, "e": len(errors)}, level)
            for error in errors[:50]:
                self.message_user(request, error, messages.WARNING)
            return redirect("admin:exchange_agencycode_changelist")
        return render(request, "exchange/admin_upload.html", {
            **self.admin_site.each_context(request), "form": form, "opts": self.model._meta,
            "title": _("Nhập danh mục mã định danh (CSV/XLSX)")})


@admin.register(ReceivedPacket)
class ReceivedPacketAdmin(ReadOnly):
    list_display = ["received_at", "state", "filename", "sender_organ_id", "notation",
                    "signature", "reason"]
    list_filter = ["state", "signature", "business_type"]
    search_fields = ["filename", "edxml_document_id", "notation", "sender_name"]


@admin.action(description=gettext_lazy("Gửi lại các thư gửi lỗi"))
def retry_failed(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: Any) -> None:
    count = outbound_retry(ids=list(queryset.values_list("pk", flat=True)))
    modeladmin.message_user(request, _("Đã đưa %(n)s thư vào hàng chờ gửi.") % {"n": count})


@admin.register(Outbound)
class OutboundAdmin(ReadOnly):
    list_display = ["created_at", "kind", "status_code", "business_type", "to_organ_id",
                    "state", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["state", "kind", "status_code"]
    actions = [retry_failed]


@admin.register(RecipientState)
class RecipientStateAdmin(ReadOnly):
    list_display = ["document", "organ_id", "stage", "sent_at", "reported_at"]
    list_filter = ["stage"]
