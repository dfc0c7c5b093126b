"""The case files API: thin shells over the same selectors and services as the pages."""

from typing import Any

from django.db.models import Count, QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from . import selectors, services
from .archive.package import package_for_download
from .documents import document_for, index_row
from .models import CaseFile, CaseFileStatus, ItemKind, Rights


class ItemSerializer(serializers.Serializer):
    """A document in the file; one the caller may not read has `hidden` and nothing else."""

    ordinal = serializers.IntegerField()
    # Plain text here so that the kind enum has one home in the schema (AddItemInput).
    kind = serializers.CharField(help_text="incoming | outgoing | result")
    hidden = serializers.BooleanField()
    notation = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True)
    author = serializers.CharField(allow_blank=True)
    summary = serializers.CharField(allow_blank=True)
    pages = serializers.IntegerField()
    type_name = serializers.CharField(allow_blank=True)


class CaseFileSerializer(serializers.ModelSerializer):
    """One serializer for lists and single files (one schema component: `status` is an enum
    name other apps use too); `items` is filled only when the view asks for it."""

    responsible_unit_name = serializers.CharField(source="responsible_unit.name", read_only=True)
    responsible_user_name = serializers.CharField(source="responsible_user.__str__",
                                                  read_only=True, default=None)
    retention_label = serializers.CharField(read_only=True)
    item_count = serializers.IntegerField(read_only=True, default=None)
    items = serializers.SerializerMethodField(
        help_text="Văn bản trong hồ sơ theo thứ tự thời gian (khi xem một hồ sơ; null trong "
                  "danh sách)")

    class Meta:
        model = CaseFile
        fields = ["id", "code", "title", "year", "status", "retention_years", "retention_label",
                  "rights", "notes", "file_list", "heading", "responsible_unit",
                  "responsible_unit_name", "responsible_user", "responsible_user_name",
                  "opened_at", "closed_on", "archive_due_on", "handed_over_at", "item_count",
                  "items"]
        read_only_fields = ["code", "year", "status", "file_list", "heading", "responsible_unit",
                            "responsible_user", "opened_at", "closed_on", "archive_due_on",
                            "handed_over_at"]

    @extend_schema_field(ItemSerializer(many=True, allow_null=True))
    def get_items(self, case_file: CaseFile) -> list[dict[str, Any]] | None:
        if not self.context.get("with_items"):
            return None
        user = self.context["request"].user
        rows = [index_row(i) for i in selectors.casefile_items(user, case_file)]
        return ItemSerializer(rows, many=True).data  # type: ignore[return-value]


class AddItemInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ItemKind.choices)
    document = serializers.IntegerField(help_text="Mã (id) văn bản đến, văn bản đi hoặc công việc")


class CloseInput(serializers.Serializer):
    closed_on = serializers.DateField(required=False, allow_null=True, default=None)
    confirm_open_work = serializers.BooleanField(required=False, default=False)


class HandOverInput(serializers.Serializer):
    received_by = serializers.CharField(required=False, allow_blank=True, default="",
                                        max_length=150)


def _input(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


SCOPES = ("mine", "unit", "all")


class CaseFileViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Case files the caller may see: `scope=mine` (default), `unit`, `all`; `year`, `status`."""

    serializer_class = CaseFileSerializer
    queryset = CaseFile.objects.none()

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "with_items": self.action != "list"}

    def get_queryset(self) -> QuerySet[CaseFile]:
        user = self.request.user
        if self.action != "list":
            # item_count is in the schema as an integer: detail answers carry it too.
            return selectors.casefiles_visible_to(user).select_related(
                *selectors.LIST_RELATED).annotate(item_count=Count("items"))
        params = self.request.query_params
        scope = params.get("scope", "mine")
        # Every scope carries item_count (the schema's integer; "all" once answered null).
        qs = {"mine": selectors.casefiles_mine, "unit": selectors.casefiles_of_unit}.get(
            scope, lambda u: selectors.casefiles_visible_to(u).select_related(
                *selectors.LIST_RELATED).annotate(item_count=Count("items")))(user)
        if params.get("year", "").isdigit():
            qs = qs.filter(year=int(params["year"]))
        if params.get("status") in CaseFileStatus.values:
            qs = qs.filter(status=params["status"])
        return qs.order_by("-year", "code", "id")

    @extend_schema(parameters=[
        OpenApiParameter("scope", str, enum=list(SCOPES),
                         description="mine: hồ sơ tôi lập; unit: của đơn vị; "
                                     "all: mọi hồ sơ tôi xem được"),
        OpenApiParameter("year", int, description="Năm hình thành hồ sơ"),
        OpenApiParameter("status", str, enum=CaseFileStatus.values),
    ])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer: CaseFileSerializer) -> None:
        data = serializer.validated_data
        created = services.casefile_open_ad_hoc(
            actor=self.request.user, title=data["title"],
            retention_years=data.get("retention_years"), rights=data.get("rights", Rights.OPEN),
            notes=data.get("notes", ""))
        serializer.instance = self.get_queryset().get(pk=created.pk)

    def _detail(self, case_file: CaseFile) -> Response:
        case_file = self.get_queryset().get(pk=case_file.pk)
        return Response(CaseFileSerializer(case_file, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=CaseFileSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk: str | None = None) -> Response:
        case_file = services.casefile_open(actor=request.user, case_file=self.get_object())
        return self._detail(case_file)

    @extend_schema(request=AddItemInput, responses=CaseFileSerializer)
    @action(detail=True, methods=["post"], url_path="add-item")
    def add_item(self, request: Request, pk: str | None = None) -> Response:
        case_file = self.get_object()
        data = _input(AddItemInput, request)
        document = document_for(request.user, data["kind"], data["document"])
        if document is None:
            raise NotFound(_("Không tìm thấy văn bản, hoặc bạn không có quyền xem."))
        services.casefile_item_add(actor=request.user, case_file=case_file, document=document)
        return self._detail(case_file)

    @extend_schema(request=CloseInput, responses=CaseFileSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        case_file = services.casefile_close(actor=request.user, case_file=self.get_object(),
                                            **_input(CloseInput, request))
        return self._detail(case_file)

    @extend_schema(request=HandOverInput, responses=CaseFileSerializer)
    @action(detail=True, methods=["post"], url_path="hand-over")
    def hand_over(self, request: Request, pk: str | None = None) -> Response:
        handover = services.casefile_hand_over(actor=request.user, case_file=self.get_object(),
                                               **_input(HandOverInput, request))
        return self._detail(handover.case_file)

    @extend_schema(responses={(200, "application/zip"): OpenApiResponse(
        OpenApiTypes.BINARY, description="Gói nộp lưu: mục lục PDF và siêu dữ liệu XML")})
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str | None = None) -> HttpResponse:
        data, filename = package_for_download(request.user, self.get_object())
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
