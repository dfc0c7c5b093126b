"""/api/v1/exchange/: the electronic inbox (a hub may POST packets), recipients' states, and
/api/v1/outgoing/{id}/edxml/ (the packet we send). Same selectors and services as the pages."""

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from registry.outgoing.selectors import outgoing_visible_to

from .config import accept_days, exchange_limits
from .edxml import write_document
from .models import PacketState, ReceivedPacket, RecipientState, SignatureBadge
from .selectors import packets_visible_to, recipient_states_for, recipients_not_accepted
from .services import packet_accept, packet_receive, packet_refuse
from .services.messages import document_message, electronic_recipients


class XmlParser(BaseParser):
    """A packet POSTed as the body (application/xml), read up to the packet limit."""

    media_type = "application/xml"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> bytes:
        limit = exchange_limits().max_packet_bytes
        data = stream.read(limit + 1) if stream is not None else b""
        return data


class PacketSerializer(serializers.ModelSerializer):
    incoming_document_url = serializers.SerializerMethodField()
    # "" until the signature is checked: declared so the schema's enum admits it.
    signature = serializers.ChoiceField(choices=SignatureBadge.choices, allow_blank=True,
                                        read_only=True)

    class Meta:
        model = ReceivedPacket
        fields = ["id", "state", "reason", "filename", "received_at", "edxml_document_id",
                  "business_type", "sender_organ_id", "sender_name", "notation",
                  "document_date", "incoming_document", "incoming_document_url",
                  "duplicate_of", "signature", "signature_detail", "signature_signer"]
        read_only_fields = fields

    def get_incoming_document_url(self, packet: ReceivedPacket) -> str:
        document = packet.incoming_document
        return document.get_absolute_url() if document is not None else ""


class PacketUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="Gói tin edXML (văn bản hoặc thông điệp trạng thái).")


class ReceivedSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["document", "status"])
    id = serializers.IntegerField()
    state = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)


class RefuseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class RecipientStateSerializer(serializers.ModelSerializer):
    document_notation = serializers.CharField(source="document.notation", read_only=True)
    recipient_name = serializers.CharField(source="dispatch.recipient.name", read_only=True)

    class Meta:
        model = RecipientState
        fields = ["id", "document", "document_notation", "dispatch", "recipient_name", "organ_id",
                  "stage", "description", "sent_at", "reported_at", "accepted_at"]
        read_only_fields = fields


def _read_upload(request: Request) -> tuple[bytes, str]:
    if isinstance(request.data, bytes):
        return request.data, request.headers.get("X-Filename", "")[:255]
    upload = request.data.get("file")
    if upload is None or not hasattr(upload, "read"):
        raise serializers.ValidationError({"file": [_("Gửi kèm tệp gói tin edXML.")]})
    return upload.read(exchange_limits().max_packet_bytes + 1), upload.name


@extend_schema(tags=["exchange"])
class PacketViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Hộp văn bản điện tử: gói tin nhận, cách ly, tiếp nhận, từ chối."""

    serializer_class = PacketSerializer
    queryset = ReceivedPacket.objects.none()  # for the schema; requests use get_queryset
    parser_classes = [MultiPartParser, XmlParser]

    def get_queryset(self) -> QuerySet[ReceivedPacket]:
        qs = packets_visible_to(self.request.user).select_related("incoming_document")
        state = self.request.query_params.get("state")
        return (qs.filter(state=state) if state else qs).order_by("-received_at", "-id")

    @extend_schema(parameters=[OpenApiParameter("state", str, enum=PacketState.values)])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": PacketUploadSerializer,
                 "application/xml": OpenApiTypes.BINARY},
        responses={201: ReceivedSerializer, 200: ReceivedSerializer, 422: ReceivedSerializer},
        description="Nhận một gói tin như trục liên thông chuyển đến: 201 vào hộp văn bản "
                    "điện tử, 200 đã nhận trước đó hoặc là thông điệp trạng thái, 422 bị cách ly.")
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = request.user
        if not (user.is_clerk or user.is_administrator):
            raise PermissionDenied(_("Chỉ văn thư hoặc quản trị được nộp gói tin."))
        data, filename = _read_upload(request)
        seen = ReceivedPacket.objects.filter(sha256=hashlib.sha256(data).hexdigest()).exists()
        taken = packet_receive(data=data, filename=filename, transport_id="api")
        if not isinstance(taken, ReceivedPacket):
            body = {"kind": "status", "id": taken.pk, "state": "received", "reason": ""}
            return Response(body, status=status.HTTP_200_OK)
        body = {"kind": "document", "id": taken.pk, "state": taken.state, "reason": taken.reason}
        if taken.state == PacketState.QUARANTINED:
            return Response(body, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        created = not seen and taken.state != PacketState.DUPLICATE
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(request=None, responses={200: PacketSerializer},
                   description="Tiếp nhận: vào sổ văn bản đến (cấp số đến), báo cơ quan gửi 03.")
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: Any = None) -> Response:
        packet = self.get_object()
        packet_accept(actor=request.user, packet=packet)
        packet.refresh_from_db()
        return Response(self.get_serializer(packet).data)

    @extend_schema(request=RefuseSerializer, responses={200: PacketSerializer},
                   description="Từ chối nhận, có lý do; báo cơ quan gửi 02.")
    @action(detail=True, methods=["post"])
    def refuse(self, request: Request, pk: Any = None) -> Response:
        packet = self.get_object()
        serializer = RefuseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        packet = packet_refuse(actor=request.user, packet=packet,
                               reason=serializer.validated_data["reason"])
        return Response(self.get_serializer(packet).data)


@extend_schema(tags=["exchange"])
class RecipientStateViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Tình trạng văn bản đi tại từng nơi nhận (theo trạng thái nơi nhận báo về)."""

    serializer_class = RecipientStateSerializer
    queryset = RecipientState.objects.none()

    def get_queryset(self) -> QuerySet[RecipientState]:
        params = self.request.query_params
        if params.get("late") == "1":
            qs = recipients_not_accepted(self.request.user, days=accept_days())
        else:
            qs = recipient_states_for(self.request.user)
        document = params.get("document", "")
        return qs.filter(document_id=int(document)) if document.isdigit() else qs

    @extend_schema(parameters=[
        OpenApiParameter("document", int, description="Chỉ văn bản đi này"),
        OpenApiParameter("late", str, enum=["1"],
                         description="Chỉ nơi nhận chưa tiếp nhận sau N ngày làm việc")])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)


class OutgoingPacketView(APIView):
    """The edXML packet of an issued outgoing document, to its electronic recipients."""

    @extend_schema(tags=["exchange"], operation_id="outgoing_edxml",
                   responses={(200, "application/xml"): OpenApiResponse(
                       response=OpenApiTypes.BINARY, description="Gói tin edXML")},
                   description="Gói tin edXML của văn bản đi đã ban hành (như gửi qua trục).")
    def get(self, request: Request, pk: int) -> HttpResponse:
        document = outgoing_visible_to(request.user).select_related(
            "agency", "document_type", "drafting_unit", "drafter", "signer__position",
            "signed_file").filter(pk=pk).first()
        if document is None:
            raise Http404
        if not document.notation or document.is_secret or not document.agency.organ_id:
            raise ValidationError(_("Văn bản chưa ban hành, là văn bản mật, hoặc cơ quan chưa "
                                    "có mã định danh: không có gói tin."))
        recipients = electronic_recipients(document)
        data = write_document(document_message(document, recipients=recipients))
        response = HttpResponse(data, content_type="application/xml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="edxml-{document.pk}.xml"'
        return response
