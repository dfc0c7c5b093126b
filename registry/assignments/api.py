"""The assignments API: thin shells over the same selectors and services as the pages."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from registry.organisation.models import Unit, User

from . import selectors, services
from .models import OPEN_STATUSES, Assignment, AssignmentRole, AssignmentStatus, ExtensionRequest


class AssignmentSerializer(serializers.ModelSerializer):
    assigner_name = serializers.CharField(source="assigner.__str__", read_only=True)
    assignee_unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(), required=False,
                                                       allow_null=True)
    assignee_unit_name = serializers.CharField(source="assignee_unit.name", read_only=True,
                                               default=None, allow_null=True)
    assignee_user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=False,
                                                       allow_null=True)
    assignee_user_name = serializers.CharField(source="assignee_user.__str__", read_only=True,
                                               default=None)
    is_overdue = serializers.BooleanField(read_only=True)
    working_days = serializers.IntegerField(write_only=True, required=False, min_value=1,
                                            max_value=365, help_text="Hạn tính theo ngày làm việc")

    class Meta:
        model = Assignment
        fields = ["id", "content", "role", "status", "deadline", "working_days", "is_overdue",
                  "is_urgent", "progress_percent", "assigner", "assigner_name", "assignee_unit",
                  "assignee_unit_name", "assignee_user", "assignee_user_name", "source_label",
                  "source_url", "parent", "created_at", "started_at", "completed_at",
                  "completed_on_time", "result_note", "result_reference"]
        read_only_fields = ["status", "is_urgent", "progress_percent", "assigner", "source_label",
                            "source_url", "parent", "created_at", "started_at", "completed_at",
                            "completed_on_time", "result_note", "result_reference"]


class ExtensionRequestSerializer(serializers.ModelSerializer):
    requested_by_name = serializers.CharField(source="requested_by.__str__", read_only=True)

    class Meta:
        model = ExtensionRequest
        fields = ["id", "assignment", "requested_by", "requested_by_name", "requested_at",
                  "old_deadline", "requested_deadline", "reason", "status", "decided_by",
                  "decided_at", "granted_deadline", "decision_note"]
        read_only_fields = fields


class ProgressInput(serializers.Serializer):
    percent = serializers.IntegerField(min_value=0, max_value=100)
    note = serializers.CharField()
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class CompleteInput(serializers.Serializer):
    result_note = serializers.CharField(required=False, allow_blank=True, default="")
    result_reference = serializers.CharField(required=False, allow_blank=True, default="",
                                             max_length=120)


class ExtensionInput(serializers.Serializer):
    requested_deadline = serializers.DateField()
    reason = serializers.CharField()


class ReassignInput(serializers.Serializer):
    assignee_user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionInput(serializers.Serializer):
    deadline = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


def _input(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


SCOPES = {"mine", "given", "unit", "all"}
STATES = {"open", "overdue", "done"}


class AssignmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Assignments the caller may see: `scope=mine` (default), `given`, `unit`, `all`."""

    serializer_class = AssignmentSerializer
    queryset = Assignment.objects.none()
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[Assignment]:
        user = self.request.user
        qs = selectors.assignments_visible_to(user).select_related(
            "assigner", "assignee_unit", "assignee_user")
        if self.action != "list":
            return qs
        params = self.request.query_params
        scope = params.get("scope", "mine")
        if scope == "mine":
            qs = qs.filter(Q(assignee_user_id=user.pk) | Q(
                assignee_user__isnull=True, assignee_unit__head_id=user.pk))
        elif scope == "given":
            qs = qs.filter(assigner_id=user.pk)
        elif scope == "unit":
            unit = params.get("unit") or user.unit_id
            qs = qs.filter(tracking_unit_id=unit)
        state = params.get("state")
        if state == "open":
            qs = qs.filter(status__in=OPEN_STATUSES)
        elif state == "overdue":
            qs = qs.filter(status__in=OPEN_STATUSES, deadline__lt=timezone.localdate())
        elif state == "done":
            qs = qs.filter(status=AssignmentStatus.DONE)
        return qs.order_by("deadline", "id")

    @extend_schema(parameters=[
        OpenApiParameter("scope", str, enum=sorted(SCOPES),
                         description="mine: việc của tôi; given: tôi đã giao; unit: của đơn vị"),
        OpenApiParameter("unit", int, description="Đơn vị (với scope=unit)"),
        OpenApiParameter("state", str, enum=sorted(STATES)),
    ])
    def list(self, request: Request, *args, **kwargs) -> Response:  # type: ignore[no-untyped-def]
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer: AssignmentSerializer) -> None:
        if not self.request.user.is_leader:
            raise PermissionDenied
        data = serializer.validated_data
        agency_id = self.request.user.agency_id
        for field in ("assignee_unit", "assignee_user"):
            if data.get(field) is not None and data[field].agency_id != agency_id:
                raise serializers.ValidationError({field: [_("Không thuộc cơ quan của bạn.")]})
        with transaction.atomic():
            serializer.instance = services.assignment_create(
                assigner=self.request.user, content=data["content"],
                assignee_unit=data.get("assignee_unit"), assignee_user=data.get("assignee_user"),
                role=data.get("role", AssignmentRole.LEAD),
                deadline=services.assignment_deadline(deadline=data.get("deadline"),
                                                      working_days=data.get("working_days")),
            )

    def _answer(self, assignment: Assignment, code: int = status.HTTP_200_OK) -> Response:
        assignment = self.get_queryset().get(pk=assignment.pk)
        return Response(AssignmentSerializer(assignment).data, status=code)

    @extend_schema(request=None, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str | None = None) -> Response:
        assignment = services.assignment_start(actor=request.user, assignment=self.get_object())
        return self._answer(assignment)

    @extend_schema(request=ProgressInput, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request: Request, pk: str | None = None) -> Response:
        assignment = self.get_object()
        services.assignment_report_progress(actor=request.user, assignment=assignment,
                                            **_input(ProgressInput, request))
        return self._answer(assignment, status.HTTP_201_CREATED)

    @extend_schema(request=CompleteInput, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str | None = None) -> Response:
        assignment = services.assignment_complete(actor=request.user, assignment=self.get_object(),
                                                  **_input(CompleteInput, request))
        return self._answer(assignment)

    @extend_schema(request=ExtensionInput, responses=ExtensionRequestSerializer)
    @action(detail=True, methods=["post"])
    def extension(self, request: Request, pk: str | None = None) -> Response:
        extension = services.assignment_extension_request(
            actor=request.user, assignment=self.get_object(), **_input(ExtensionInput, request))
        return Response(ExtensionRequestSerializer(extension).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReassignInput, responses=AssignmentSerializer)
    @action(detail=True, methods=["post"])
    def reassign(self, request: Request, pk: str | None = None) -> Response:
        held = services.assignment_reassign(actor=request.user, assignment=self.get_object(),
                                            **_input(ReassignInput, request))
        return self._answer(held, status.HTTP_201_CREATED if held.pk != int(pk or 0)
                            else status.HTTP_200_OK)


class ExtensionRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                              viewsets.GenericViewSet):
    """Extension requests on assignments the caller may see; `pending=1` lists those waiting
    for the caller's decision. The assigner grants or refuses."""

    serializer_class = ExtensionRequestSerializer
    queryset = ExtensionRequest.objects.none()

    def get_queryset(self) -> QuerySet[ExtensionRequest]:
        if self.action == "list" and self.request.query_params.get("pending") in {"1", "true"}:
            return selectors.extensions_to_decide(self.request.user)
        return (ExtensionRequest.objects
                .filter(assignment__in=selectors.assignments_visible_to(self.request.user))
                .select_related("requested_by").order_by("-requested_at", "-id"))

    @extend_schema(parameters=[OpenApiParameter("pending", bool,
                                                description="Chờ tôi quyết định")])
    def list(self, request: Request, *args, **kwargs) -> Response:  # type: ignore[no-untyped-def]
        return super().list(request, *args, **kwargs)

    @extend_schema(request=DecisionInput, responses=ExtensionRequestSerializer)
    @action(detail=True, methods=["post"])
    def grant(self, request: Request, pk: str | None = None) -> Response:
        extension = services.assignment_extension_grant(
            actor=request.user, extension=self.get_object(), **_input(DecisionInput, request))
        return Response(ExtensionRequestSerializer(extension).data)

    @extend_schema(request=DecisionInput, responses=ExtensionRequestSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request: Request, pk: str | None = None) -> Response:
        data = _input(DecisionInput, request)
        extension = services.assignment_extension_refuse(
            actor=request.user, extension=self.get_object(), note=data["note"])
        return Response(ExtensionRequestSerializer(extension).data)
