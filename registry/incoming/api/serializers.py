"""Serializers of /api/v1/incoming/: one shape for reading and writing, related objects by
id with a label beside them."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from registry.organisation.models import (
    Correspondent,
    DocumentType,
    Role,
    Secrecy,
    Unit,
    Urgency,
    User,
)

from ..models import SUMMARY_MAX_LENGTH, Channel, IncomingDocument
from ..services import Handler

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
BAD_DATE = _("Ngày không hợp lệ: dùng dạng YYYY-MM-DD hoặc dd/mm/yyyy.")


def _date(**kwargs: Any) -> serializers.DateField:
    return serializers.DateField(input_formats=DATE_FORMATS,
                                 error_messages={"invalid": BAD_DATE}, **kwargs)


class IncomingDocumentSerializer(serializers.ModelSerializer):
    sender = serializers.PrimaryKeyRelatedField(
        queryset=Correspondent.objects.filter(is_active=True), required=False, allow_null=True)
    sender_name = serializers.CharField(read_only=True)
    document_type = serializers.PrimaryKeyRelatedField(
        queryset=DocumentType.objects.filter(is_active=True))
    document_type_name = serializers.CharField(source="document_type.name", read_only=True)
    sender_agency_name = serializers.CharField(source="sender_agency.name", read_only=True,
                                               default=None, allow_null=True)
    summary = serializers.CharField(max_length=SUMMARY_MAX_LENGTH, error_messages={
        "max_length": _("Trích yếu dài quá {max_length} ký tự.")})
    document_date = _date()
    reply_requested_by = _date(required=False, allow_null=True)
    handling_deadline = _date(required=False, allow_null=True)
    handling_days = serializers.IntegerField(write_only=True, required=False, min_value=1,
                                             max_value=365,
                                             help_text="Hạn xử lý tính bằng ngày làm việc.")
    channel = serializers.ChoiceField(choices=[c for c in Channel.choices
                                               if c[0] != Channel.INTERNAL], required=False)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    secrecy = serializers.ChoiceField(choices=Secrecy.choices, required=False)
    number = serializers.IntegerField(read_only=True)
    register_name = serializers.CharField(source="register.name", read_only=True, default=None)
    lead_unit_name = serializers.CharField(source="lead_unit.name", read_only=True, default=None)
    submitted_to_name = serializers.StringRelatedField(source="submitted_to", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = IncomingDocument
        fields = [
            "id", "url", "register", "register_name", "number", "status", "received_at",
            "channel", "sender", "sender_name", "sender_agency", "sender_agency_name",
            "sender_notation", "document_date", "document_type", "document_type_name",
            "summary", "signer", "urgency", "secrecy", "page_count", "copy_count",
            "reply_requested_by", "handling_deadline", "handling_days", "notes", "to_unit",
            "submitted_to", "submitted_to_name", "submitted_at", "direction", "directed_at",
            "lead_unit", "lead_unit_name", "lead_user", "handler_label", "reply_label",
            "return_reason", "void_reason", "voided_at", "source_outgoing_id",
        ]
        read_only_fields = [
            "register", "status", "sender_agency", "to_unit", "submitted_to", "submitted_at",
            "direction", "directed_at", "lead_unit", "lead_user", "handler_label",
            "reply_label", "return_reason", "void_reason", "voided_at", "source_outgoing_id",
        ]
        extra_kwargs = {"received_at": {"required": False}}


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class SubmitSerializer(serializers.Serializer):
    leader = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True, roles__contains=[Role.LEADER]))
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class HandlerSerializer(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False,
                                              allow_null=True)
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True),
                                              required=False, allow_null=True)
    deadline = _date(required=False, allow_null=True)
    days = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=365)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("unit") and not attrs.get("user"):
            raise serializers.ValidationError(_("Chọn đơn vị hoặc người."))
        return attrs

    def to_handler(self, attrs: dict[str, Any]) -> Handler:
        return Handler(unit=attrs.get("unit"), user=attrs.get("user"),
                       deadline=attrs.get("deadline"), days=attrs.get("days"))


class DirectSerializer(serializers.Serializer):
    direction = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    lead = HandlerSerializer()
    co_handlers = HandlerSerializer(many=True, required=False)
    to_know = HandlerSerializer(many=True, required=False)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.validated_data
        convert = HandlerSerializer().to_handler
        return {"direction": data.get("direction", ""), "lead": convert(data["lead"]),
                "co_handlers": [convert(h) for h in data.get("co_handlers", [])],
                "to_know": [convert(h) for h in data.get("to_know", [])]}
