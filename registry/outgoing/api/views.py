"""The outgoing viewset: drafts CRUD and the flow's actions, each one service call."""

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from registry.audit.services import event_record
from registry.files.services import file_store, sanitise_filename

from .. import events
from ..models import OutgoingDocument, OutgoingRecipient
from ..selectors import outgoing_visible_to
from ..services import (
    OutgoingForbidden,
    outgoing_approve,
    outgoing_dispatch_mark_sent,
    outgoing_draft_create,
    outgoing_draft_update,
    outgoing_draft_void,
    outgoing_issue,
    outgoing_recall,
    outgoing_return,
    outgoing_submit,
    outgoing_version_add,
)
from .serializers import (
    OutgoingDecisionSerializer,
    OutgoingDispatchMarkSerializer,
    OutgoingIssueSerializer,
    OutgoingReasonSerializer,
    OutgoingSerializer,
    OutgoingVersionSerializer,
    OutgoingVersionUploadSerializer,
)


def _refusal_as_403(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except OutgoingForbidden as exc:
        raise PermissionDenied(exc.message) from exc


def _stored(upload: Any) -> tuple[Any, str]:
    if not upload:
        return None, ""
    name = sanitise_filename(upload.name)
    return file_store(upload=upload, name=name, size=upload.size), name


class OutgoingViewSet(viewsets.ModelViewSet):
    serializer_class = OutgoingSerializer
    queryset = OutgoingDocument.objects.none()  # for the schema; requests use get_queryset
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[OutgoingDocument]:
        qs = outgoing_visible_to(self.request.user).select_related(
            "document_type", "drafting_unit", "drafter", "signer"
        ).prefetch_related(
            Prefetch("recipients", queryset=OutgoingRecipient.objects.order_by("id")),
            "tasks__unit", "versions__uploaded_by", "steps__approver", "dispatches__recipient",
        )
        state = self.request.query_params.get("status")
        return (qs.filter(status=state) if state else qs).order_by("-id")

    @extend_schema(parameters=[OpenApiParameter("status", str, description="Lọc theo trạng thái")])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        document = self.get_object()
        if document.is_secret:  # every opening of a secret document is logged (App. VI)
            event_record(actor=request.user, verb=events.OPENED_SECRET, target=document)
        return Response(self.get_serializer(document).data)

    def _reply(self, document: OutgoingDocument, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=document.pk)).data,
                        status=code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        document = outgoing_draft_create(actor=request.user,
                                         fields=serializer.draft_fields(request.user))
        return self._reply(document, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        document = self.get_object()
        data = request.data
        if kwargs.get("partial"):
            # PATCH: what is not sent stays as it is; the service always gets the whole draft.
            data = {**OutgoingSerializer(document).data, **request.data.dict()} if hasattr(
                request.data, "dict") else {**OutgoingSerializer(document).data, **request.data}
        serializer = self.get_serializer(document, data=data)
        serializer.is_valid(raise_exception=True)
        fields = serializer.draft_fields(request.user)
        _refusal_as_403(lambda: outgoing_draft_update(actor=request.user, document=document,
                                                      fields=fields))
        return self._reply(document)

    @extend_schema(request=OutgoingReasonSerializer, responses={204: None},
                   summary="Hủy dự thảo (không xóa: giữ lịch sử)")
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        document = self.get_object()
        reason = request.data.get("reason") or _("Hủy qua API")
        _refusal_as_403(lambda: outgoing_draft_void(actor=request.user, document=document,
                                                    reason=reason))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(methods=["GET"], responses=OutgoingVersionSerializer(many=True))
    @extend_schema(methods=["POST"],
                   request={"multipart/form-data": OutgoingVersionUploadSerializer},
                   responses={201: OutgoingVersionSerializer})
    @action(detail=True, methods=["get", "post"])
    def versions(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        if request.method == "GET":
            return Response(OutgoingVersionSerializer(document.versions.all(), many=True).data)
        serializer = OutgoingVersionUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        stored, name = _stored(serializer.validated_data["file"])
        version = _refusal_as_403(lambda: outgoing_version_add(
            actor=request.user, document=document, stored_file=stored, filename=name,
            note=serializer.validated_data.get("note", "")))
        return Response(OutgoingVersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=OutgoingSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        _refusal_as_403(lambda: outgoing_submit(actor=request.user, document=document))
        return self._reply(document)

    @extend_schema(request=OutgoingDecisionSerializer, responses=OutgoingSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        serializer = OutgoingDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _refusal_as_403(lambda: outgoing_approve(
            actor=request.user, document=document,
            comment=serializer.validated_data.get("comment", "")))
        return self._reply(document)

    @extend_schema(request=OutgoingDecisionSerializer, responses=OutgoingSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_to_drafter(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        serializer = OutgoingDecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _refusal_as_403(lambda: outgoing_return(
            actor=request.user, document=document,
            comment=serializer.validated_data.get("comment", "")))
        return self._reply(document)

    @extend_schema(request={"multipart/form-data": OutgoingIssueSerializer},
                   responses=OutgoingSerializer)
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        serializer = OutgoingIssueSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        stored, name = _stored(serializer.validated_data.get("signed_file"))
        fields = serializer.issue_fields(stored, name)
        _refusal_as_403(lambda: outgoing_issue(actor=request.user, document=document,
                                               fields=fields))
        return self._reply(document)

    @extend_schema(request=OutgoingDispatchMarkSerializer, responses=OutgoingSerializer)
    @action(detail=True, methods=["post"], url_path="dispatch")
    def dispatch_mark_sent(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        serializer = OutgoingDispatchMarkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        _refusal_as_403(lambda: outgoing_dispatch_mark_sent(
            actor=request.user, document=document, dispatch_ids=data["dispatches"],
            channel=data["channel"], sent_on=data["sent_on"]))
        return self._reply(document)

    @extend_schema(request=OutgoingReasonSerializer, responses=OutgoingSerializer)
    @action(detail=True, methods=["post"])
    def recall(self, request: Request, pk: str | None = None) -> Response:
        document = self.get_object()
        serializer = OutgoingReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _refusal_as_403(lambda: outgoing_recall(
            actor=request.user, document=document,
            reason=serializer.validated_data["reason"]))
        return self._reply(document)
