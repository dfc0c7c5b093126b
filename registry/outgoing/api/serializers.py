"""Serializers: the same JSON names for reading and writing; related objects by id + label."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from registry.organisation.models import (
    Agency,
    Correspondent,
    DocumentType,
    Register,
    Secrecy,
    Unit,
    Urgency,
    User,
)

from ..models import (
    Amendment,
    ApprovalStep,
    Dispatch,
    DispatchChannel,
    DraftVersion,
    OutgoingDocument,
    OutgoingRecipient,
    OutgoingTask,
    SigningAuthority,
)
from ..services import DraftFields, IssueFields, TaskSpec


# Read-only states are plain strings in the schema: "status", "kind" and "channel" name other
# choice sets in other apps, and drf-spectacular would warn about the colliding enum names.
class OutgoingRecipientSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True)

    class Meta:
        model = OutgoingRecipient
        fields = ["id", "kind", "unit", "agency", "correspondent", "name"]


class OutgoingTaskSerializer(serializers.ModelSerializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False,
                                              allow_null=True)

    class Meta:
        model = OutgoingTask
        fields = ["unit", "unit_name", "user", "content", "deadline", "deadline_days",
                  "assignment_id"]
        read_only_fields = ["assignment_id"]


class OutgoingVersionSerializer(serializers.ModelSerializer):
    uploaded_by_name = serializers.CharField(source="uploaded_by.__str__", read_only=True)

    class Meta:
        model = DraftVersion
        fields = ["number", "filename", "uploaded_by", "uploaded_by_name", "uploaded_at", "note"]


class OutgoingStepSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True)
    approver_name = serializers.CharField(source="approver.__str__", read_only=True)

    class Meta:
        model = ApprovalStep
        fields = ["order", "name", "approver", "approver_name", "status", "decided_at",
                  "comment"]


class OutgoingDispatchSerializer(serializers.ModelSerializer):
    recipient_name = serializers.CharField(source="recipient.name", read_only=True)
    status = serializers.CharField(read_only=True)
    channel = serializers.CharField(read_only=True)
    is_late = serializers.BooleanField(read_only=True)

    class Meta:
        model = Dispatch
        fields = ["id", "recipient", "recipient_name", "channel", "status", "due_date",
                  "sent_on", "is_late", "incoming_document_id"]


class OutgoingSerializer(serializers.ModelSerializer):
    """A draft written by its drafter, read by anyone who may see it."""

    document_type = serializers.PrimaryKeyRelatedField(queryset=DocumentType.objects.all())
    document_type_name = serializers.CharField(source="document_type.name", read_only=True)
    status = serializers.CharField(read_only=True)
    drafting_unit_name = serializers.CharField(source="drafting_unit.name", read_only=True)
    drafter_name = serializers.CharField(source="drafter.__str__", read_only=True)
    signer = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False,
                                                allow_null=True)
    signing_authority = serializers.ChoiceField(SigningAuthority.choices, required=False,
                                                allow_blank=True)
    urgency = serializers.ChoiceField(Urgency.choices, default=Urgency.NORMAL)
    secrecy = serializers.ChoiceField(Secrecy.choices, default=Secrecy.NORMAL)
    # Written as id lists; read back as the same id lists (see to_representation).
    recipient_units = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(), many=True, required=False, write_only=True)
    recipient_agencies = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(), many=True, required=False, write_only=True)
    recipient_correspondents = serializers.PrimaryKeyRelatedField(
        queryset=Correspondent.objects.all(), many=True, required=False, write_only=True)
    answers = serializers.ListField(child=serializers.IntegerField(), required=False,
                                    write_only=True)
    amends = serializers.PrimaryKeyRelatedField(queryset=OutgoingDocument.objects.all(),
                                                required=False, allow_null=True)
    amendment = serializers.ChoiceField(Amendment.choices, required=False, allow_blank=True)
    recipients = OutgoingRecipientSerializer(many=True, read_only=True)
    tasks = OutgoingTaskSerializer(many=True, required=False)
    versions = OutgoingVersionSerializer(many=True, read_only=True)
    steps = OutgoingStepSerializer(many=True, read_only=True)
    dispatches = OutgoingDispatchSerializer(many=True, read_only=True)

    class Meta:
        model = OutgoingDocument
        fields = [
            "id", "status", "document_type", "document_type_name", "summary", "content_notes",
            "drafting_unit", "drafting_unit_name", "drafter", "drafter_name", "signer",
            "signer_name", "signing_authority", "urgency", "secrecy", "recipient_units",
            "recipient_agencies", "recipient_correspondents", "recipients", "answers", "tasks",
            "amends", "amendment", "register", "number", "document_date", "notation",
            "versions", "steps", "dispatches", "created_at", "updated_at",
        ]
        read_only_fields = ["status", "drafting_unit", "drafter", "signer_name", "register",
                            "number", "document_date", "notation", "created_at", "updated_at"]

    def to_representation(self, instance: OutgoingDocument) -> dict[str, Any]:
        data = super().to_representation(instance)
        recipients = list(instance.recipients.all())
        data["recipient_units"] = [r.unit_id for r in recipients if r.unit_id]
        data["recipient_agencies"] = [r.agency_id for r in recipients if r.agency_id]
        data["recipient_correspondents"] = [r.correspondent_id for r in recipients
                                            if r.correspondent_id]
        data["answers"] = [a.pk for a in instance.answers.all()]
        return data

    def draft_fields(self, user: Any) -> DraftFields:
        data = self.validated_data
        answers: list[Any] = []
        if data.get("answers"):
            from registry.incoming.selectors import incoming_visible_to

            answers = list(incoming_visible_to(user).filter(pk__in=data["answers"]))
            if len(answers) != len(set(data["answers"])):
                raise serializers.ValidationError({"answers": [_("Không tìm thấy văn bản đến.")]})
        return DraftFields(
            document_type=data["document_type"], summary=data.get("summary", ""),
            content_notes=data.get("content_notes", ""), signer=data.get("signer"),
            signing_authority=data.get("signing_authority", ""),
            urgency=data.get("urgency", Urgency.NORMAL),
            secrecy=data.get("secrecy", Secrecy.NORMAL), drafting_unit=user.unit,
            recipient_units=data.get("recipient_units", []),
            recipient_agencies=data.get("recipient_agencies", []),
            recipient_correspondents=data.get("recipient_correspondents", []),
            tasks=[TaskSpec(**t) for t in data.get("tasks", [])], answers=answers,
            amends=data.get("amends"), amendment=data.get("amendment", ""),
        )


class OutgoingVersionUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)


class OutgoingDecisionSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True)


class OutgoingReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class OutgoingIssueSerializer(serializers.Serializer):
    register = serializers.PrimaryKeyRelatedField(queryset=Register.objects.all())
    document_date = serializers.DateField()
    signed_file = serializers.FileField(required=False)
    with_unit_symbol = serializers.BooleanField(default=False)
    page_count = serializers.IntegerField(min_value=0, default=0)
    copies = serializers.IntegerField(min_value=0, default=0)
    file_copy_keeper = serializers.CharField(required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")

    def issue_fields(self, stored: Any, filename: str) -> IssueFields:
        data = dict(self.validated_data)
        data.pop("signed_file", None)
        return IssueFields(signed_file=stored, signed_filename=filename, **data)


class OutgoingDispatchMarkSerializer(serializers.Serializer):
    dispatches = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    channel = serializers.ChoiceField([c for c in DispatchChannel.choices
                                       if c[0] != DispatchChannel.INTERNAL])
    sent_on = serializers.DateField()
