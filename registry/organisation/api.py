from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from .models import Correspondent, DocumentType, Unit, User
from .selectors import correspondent_search, document_types_active, units_of_agency
from .services import correspondent_create


class CorrespondentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Correspondent
        fields = ["id", "name", "short_name", "kind", "organ_id", "email"]


class UnitSerializer(serializers.ModelSerializer):
    parent_name = serializers.CharField(source="parent.name", read_only=True, default=None,
                                        allow_null=True)

    class Meta:
        model = Unit
        fields = ["id", "name", "abbreviation", "parent", "parent_name"]


class DocumentTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = DocumentType
        fields = ["id", "name", "abbreviation", "is_copy"]


class MeSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True, default=None)
    agency_name = serializers.CharField(source="agency.name", read_only=True, default=None)
    position_name = serializers.CharField(source="position.name", read_only=True, default=None)

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "email", "agency", "agency_name", "unit",
                  "unit_name", "position", "position_name", "roles", "language"]


class CorrespondentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                           mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = CorrespondentSerializer
    queryset = Correspondent.objects.none()  # the schema's model; requests use get_queryset

    def get_queryset(self) -> QuerySet[Correspondent]:
        query = self.request.query_params.get("q")
        if query and self.action == "list":
            return correspondent_search(query, limit=50)
        return Correspondent.objects.filter(is_active=True).order_by("name")

    @extend_schema(parameters=[OpenApiParameter("q", str, description="Tìm theo tên, không dấu")])
    def list(self, request: Request, *args, **kwargs) -> Response:  # type: ignore[no-untyped-def]
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer: CorrespondentSerializer) -> None:
        serializer.instance = correspondent_create(actor=self.request.user,
                                                   **serializer.validated_data)


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UnitSerializer
    queryset = Unit.objects.none()

    def get_queryset(self) -> QuerySet[Unit]:
        return units_of_agency(self.request.user.agency_id).select_related("parent")


class DocumentTypeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DocumentTypeSerializer
    queryset = DocumentType.objects.none()

    def get_queryset(self) -> QuerySet[DocumentType]:
        return document_types_active()


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
def me(request: Request) -> Response:
    return Response(MeSerializer(request.user).data)
