"""REST API of daily operations (X-6): work instructions to the vendor's site manager (OPS-1). A vendor user reads
only its own contracts' records and acknowledges and completes through `acknowledge/` and `complete/`."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from outsourcing.contracts.models import Contract
from outsourcing.core.api import rule_permission
from outsourcing.operations import instructions, selectors
from outsourcing.operations.models import WorkInstruction
from outsourcing.operations.permissions import available_actions
from outsourcing.org.models import User


class InstructionSerializer(serializers.ModelSerializer):
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    vendor = serializers.CharField(source="contract.vendor.name", read_only=True)
    addressee_name = serializers.CharField(source="addressee.full_name", read_only=True)
    available_actions = serializers.SerializerMethodField()

    class Meta:
        model = WorkInstruction
        fields = ["id", "number", "contract", "contract_number", "vendor", "addressee", "addressee_name", "subject",
                  "content", "issued_on", "acknowledge_by", "due_date", "status", "acknowledged_at",
                  "completed_at", "completion_report", "available_actions"]  # fmt: skip
        read_only_fields = fields

    def get_available_actions(self, instruction) -> list[str]:
        return available_actions(self.context["request"].user, instruction)


class IssueSerializer(serializers.Serializer):
    """An instruction: the contract, the site manager it goes to, what is needed and by when."""

    contract = serializers.PrimaryKeyRelatedField(queryset=Contract.objects.all())
    addressee = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(),
                                                   help_text="The id of the vendor's site manager.")
    subject = serializers.CharField(max_length=200)
    content = serializers.CharField()
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    due_date = serializers.DateField()


class CompleteSerializer(serializers.Serializer):
    report = serializers.CharField()


class InstructionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Work instructions the caller may see. POST (the project's department) issues one to the vendor's site
    manager; the site manager POSTs `acknowledge/`, then `complete/` with the report."""

    serializer_class = InstructionSerializer
    permission_classes = [rule_permission("operations.view_operations", object_perm="operations.read_record")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        params = self.request.query_params
        return selectors.instructions_for(self.request.user, status=params.get("status", ""),
                                          search=params.get("search", ""))  # fmt: skip

    @extend_schema(parameters=[
        OpenApiParameter("status", str, description="issued, acknowledged or completed"),
        OpenApiParameter("search", str, description="Part of the number or the subject."),
    ])  # fmt: skip
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=IssueSerializer, responses={201: InstructionSerializer})
    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("operations.issue_instructions"):
            raise PermissionDenied
        serializer = IssueSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = instructions.InstructionData(**serializer.validated_data)
        if not request.user.has_perm("operations.read_record", data.contract):
            raise PermissionDenied
        instruction = instructions.issue_instruction(actor=request.user, data=data)
        return Response(self.get_serializer(instruction).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=InstructionSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        """The vendor's site manager acknowledges the instruction."""
        instruction = instructions.acknowledge_instruction(actor=request.user, instruction=self.get_object())
        return Response(self.get_serializer(instruction).data)

    @extend_schema(request=CompleteSerializer, responses=InstructionSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        """The site manager reports what was done."""
        instruction = self.get_object()
        serializer = CompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instruction = instructions.complete_instruction(actor=request.user, instruction=instruction,
                                                        report=serializer.validated_data["report"])  # fmt: skip
        return Response(self.get_serializer(instruction).data)
