"""/api/v1/incoming/: the same selectors and services as the pages, the same rules."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from ..filters import IncomingFilter
from ..models import IncomingDocument
from ..selectors import LIST_RELATED, incoming_visible_to
from ..services import (
    incoming_direct,
    incoming_register,
    incoming_register_received,
    incoming_return,
    incoming_secret_opened,
    incoming_submit,
    incoming_update,
    incoming_void,
)
from .serializers import (
    DirectSerializer,
    IncomingDocumentSerializer,
    ReasonSerializer,
    SubmitSerializer,
)

EDITABLE = ("sender", "sender_notation", "document_date", "document_type", "summary", "signer",
            "urgency", "page_count", "copy_count", "reply_requested_by", "handling_deadline",
            "handling_days", "notes")


@extend_schema(tags=["incoming"])
class IncomingDocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                              mixins.CreateModelMixin, mixins.UpdateModelMixin,
                              viewsets.GenericViewSet):
    """Văn bản đến. Tạo mới là vào sổ (cấp số đến); chỉ văn thư của cơ quan."""

    serializer_class = IncomingDocumentSerializer
    queryset = IncomingDocument.objects.none()  # the schema's model; requests use get_queryset
    filter_backends = [DjangoFilterBackend]
    filterset_class = IncomingFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[IncomingDocument]:
        return incoming_visible_to(self.request.user).select_related(*LIST_RELATED, "register") \
            .order_by("-received_at", "-id")

    def get_object(self) -> IncomingDocument:
        document = super().get_object()
        if self.action == "retrieve":
            incoming_secret_opened(actor=self.request.user, document=document)
        return document

    def perform_create(self, serializer: IncomingDocumentSerializer) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = incoming_register(actor=self.request.user, **data)

    @extend_schema(request=IncomingDocumentSerializer(partial=True),
                   description="Sửa các trường được phép sửa; lịch sử ghi giá trị cũ → mới.")
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        document = self.get_object()
        serializer = self.get_serializer(document, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = {k: v for k, v in serializer.validated_data.items() if k in EDITABLE}
        document = incoming_update(actor=request.user, document=document, **changes)
        return Response(self.get_serializer(document).data)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not kwargs.get("partial"):
            raise Http404  # PATCH only: a registered document is corrected field by field
        return super().update(request, *args, **kwargs)

    def _answer(self, document: IncomingDocument) -> Response:
        document = self.get_queryset().get(pk=document.pk)
        return Response(self.get_serializer(document).data)

    @extend_schema(request=ReasonSerializer, responses=IncomingDocumentSerializer,
                   description="Hủy văn bản (giữ số đến, ghi lý do).")
    @action(detail=True, methods=["post"])
    def void(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()  # 404 for a document the caller may not see, before input
        payload = ReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = incoming_void(actor=request.user, document=target,
                                 reason=payload.validated_data["reason"])
        return self._answer(document)

    @extend_schema(request=ReasonSerializer, responses=IncomingDocumentSerializer,
                   description="Lãnh đạo trả lại văn bản cho văn thư, kèm lý do.")
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()  # 404 for a document the caller may not see, before input
        payload = ReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = incoming_return(actor=request.user, document=target,
                                   reason=payload.validated_data["reason"])
        return self._answer(document)

    @extend_schema(request=SubmitSerializer, responses=IncomingDocumentSerializer,
                   description="Văn thư trình văn bản cho một lãnh đạo của cơ quan.")
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()  # 404 for a document the caller may not see, before input
        payload = SubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = incoming_submit(actor=request.user, document=target,
                                   **payload.validated_data)
        return self._answer(document)

    @extend_schema(request=DirectSerializer, responses=IncomingDocumentSerializer,
                   description="Lãnh đạo cho ý kiến chỉ đạo: chủ trì, phối hợp, để biết, "
                               "mỗi bên một hạn (ngày, hoặc số ngày làm việc); tạo công việc.")
    @action(detail=True, methods=["post"])
    def direct(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()  # 404 for a document the caller may not see, before input
        payload = DirectSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = incoming_direct(actor=request.user, document=target,
                                   **payload.service_kwargs())
        return self._answer(document)

    @extend_schema(request=IncomingDocumentSerializer(partial=True),
                   responses=IncomingDocumentSerializer,
                   description="Vào sổ một văn bản đã nhận (liên thông, nội bộ): cấp số đến; "
                               "có thể sửa các trường trước khi vào sổ.")
    @action(detail=True, methods=["post"], url_path="register")
    def register_received(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        serializer = self.get_serializer(document, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        overrides = {k: v for k, v in serializer.validated_data.items()
                     if k in (*EDITABLE, "secrecy", "received_at")}
        document = incoming_register_received(actor=request.user, document=document,
                                              **overrides)
        return Response(self.get_serializer(self.get_queryset().get(pk=document.pk)).data,
                        status=status.HTTP_200_OK)
