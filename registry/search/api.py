"""GET /api/v1/search/: the page's search, the same rules, as JSON with a keyset cursor."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from registry.organisation.models import Correspondent, DocumentType, Urgency

from .forms import registers_searchable
from .params import KINDS, SearchParams
from .presenters import hit_views
from .query import query_parse
from .selectors import STATUSES, search_documents

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 50, 200
ALL_STATUSES = sorted(STATUSES["incoming"] | STATUSES["outgoing"])


class SearchInputSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=300,
                              help_text="Từ khóa (có dấu hoặc không dấu) hoặc số, ký hiệu.")
    kind = serializers.CharField(required=False, allow_blank=True,
                                 help_text="incoming | outgoing; trống: cả hai.")
    register = serializers.IntegerField(required=False, help_text="Mã sổ đăng ký.")
    year = serializers.IntegerField(required=False, min_value=1945, max_value=2100)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    document_type = serializers.IntegerField(required=False)
    sender = serializers.IntegerField(required=False, help_text="Mã cơ quan gửi (văn bản đến).")
    status = serializers.CharField(required=False, allow_blank=True,
                                   help_text=", ".join(ALL_STATUSES))
    urgency = serializers.CharField(required=False, allow_blank=True,
                                    help_text=", ".join(Urgency.values))
    cursor = serializers.CharField(required=False, allow_blank=True)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def _choice(self, value: str, allowed: Any, message: str) -> str:
        if value and value not in allowed:
            raise serializers.ValidationError(message)
        return value

    def validate_kind(self, value: str) -> str:
        return self._choice(value, KINDS, _("Loại phải là incoming hoặc outgoing."))

    def validate_status(self, value: str) -> str:
        return self._choice(value, ALL_STATUSES, _("Trạng thái không hợp lệ."))

    def validate_urgency(self, value: str) -> str:
        return self._choice(value, Urgency.values, _("Độ khẩn không hợp lệ."))

    def params(self, user: Any) -> SearchParams:
        data = self.validated_data
        register = None
        if data.get("register"):
            register = registers_searchable(user).filter(pk=data["register"]).first()
            if register is None:
                raise DjangoValidationError({"register": _("Không có sổ này.")})
        for name, model in (("document_type", DocumentType), ("sender", Correspondent)):
            if data.get(name) and not model.objects.filter(pk=data[name]).exists():
                raise DjangoValidationError({name: _("Không có mã này.")})
        return SearchParams(
            query=query_parse(data.get("q", "")), kind=data.get("kind", ""), register=register,
            year=data.get("year"), date_from=data.get("date_from"), date_to=data.get("date_to"),
            document_type_id=data.get("document_type"), sender_id=data.get("sender"),
            status=data.get("status", ""), urgency=data.get("urgency", ""))


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="incoming | outgoing")
    id = serializers.IntegerField(source="pk")
    url = serializers.CharField()
    notation = serializers.CharField(help_text="Số, ký hiệu (của nơi gửi với văn bản đến).")
    number = serializers.CharField(help_text="Số đến (văn bản đến).")
    date = serializers.DateField(allow_null=True)
    document_type = serializers.CharField()
    summary = serializers.CharField()
    summary_highlighted = serializers.CharField(source="summary_html",
                                                help_text="HTML đã thoát; từ khớp trong <mark>.")
    party_label = serializers.CharField()
    party = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    urgency = serializers.CharField()
    match = serializers.CharField(help_text="notation | text | assignment | partial")


class SearchPageSerializer(serializers.Serializer):
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = SearchHitSerializer(many=True)


class SearchView(APIView):
    """Tìm văn bản đến và đi người dùng được xem: xếp hạng rồi mới nhất trước."""

    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["search"], parameters=[SearchInputSerializer],
                   responses=SearchPageSerializer, operation_id="search_list",
                   description="Trang theo con trỏ (`cursor` lấy từ `next`); không đếm tổng số "
                               "vì đếm một từ phổ biến trên hàng triệu văn bản rất chậm.")
    def get(self, request: Request) -> Response:
        given = SearchInputSerializer(data=request.query_params)
        given.is_valid(raise_exception=True)
        params = given.params(request.user)
        size = given.validated_data.get("page_size", DEFAULT_PAGE_SIZE)
        page = search_documents(request.user, params, size=size,
                                cursor=given.validated_data.get("cursor"))
        url = request.build_absolute_uri()
        return Response(SearchPageSerializer({
            "next": replace_query_param(url, "cursor", page.next_cursor)
            if page.next_cursor else None,
            "previous": None,
            "results": hit_views(page.hits, params.query),
        }).data)


