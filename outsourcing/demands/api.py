"""REST API of demands and projects: drafts, edits, submission; vendor users get nothing."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from outsourcing.core.api import rule_permission
from outsourcing.demands import selectors, selfcheck, services
from outsourcing.demands.models import BudgetLine, Demand, Project
from outsourcing.org.models import Department


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["item", "amount", "note"]


class CostBenefitSerializer(serializers.Serializer):
    """DEM-5: the outsourced cost (budget lines) against the in-house estimate, and the risk reserve."""

    outsourced = serializers.DecimalField(max_digits=15, decimal_places=2)
    reserve = serializers.DecimalField(max_digits=15, decimal_places=2)
    inhouse_total = serializers.DecimalField(max_digits=15, decimal_places=2)
    difference = serializers.DecimalField(max_digits=15, decimal_places=2, help_text="In-house minus outsourced.")
    difference_after_reserve = serializers.DecimalField(max_digits=15, decimal_places=2,
                                                        help_text="In-house minus the whole budget.")  # fmt: skip
    outsourcing_cheaper = serializers.BooleanField()
    cheaper_even_with_reserve = serializers.BooleanField()


class DemandSerializer(serializers.ModelSerializer):
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.filter(is_active=True))
    budget_lines = BudgetLineSerializer(many=True)
    requester = serializers.CharField(source="requester.username", read_only=True)
    project = serializers.CharField(source="project.number", default=None, read_only=True)
    self_check_risk = serializers.SerializerMethodField()
    cost_benefit = CostBenefitSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Demand
        fields = [
            "id",
            "number",
            "title",
            "department",
            "requester",
            "status",
            "background",
            "work_scope",
            "boundaries",
            "deliverables",
            "sla_outline",
            "period_start",
            "period_end",
            "estimated_headcount",
            "budget_total",
            "risk_reserve",
            "funding_source",
            "budget_notes",
            "budget_lines",
            "inhouse_staff_cost",
            "inhouse_management_cost",
            "inhouse_equipment_cost",
            "inhouse_basis",
            "cost_benefit",
            "risk_analysis",
            "contingency_plan",
            "declared_nature",
            "nature_explanation",
            "confirmed_nature",
            "self_check",
            "self_check_risk",
            "project",
            "submitted_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["number", "status", "confirmed_nature", "submitted_at", "created_at", "updated_at"]

    def get_self_check_risk(self, demand) -> str:
        return selfcheck.assess(demand.self_check).level

    def validate(self, attrs):
        if attrs.get("period_start") and attrs.get("period_end") and attrs["period_end"] < attrs["period_start"]:
            raise serializers.ValidationError({"period_end": ["The period ends before it starts."]})
        return attrs

    def to_data(self, base: Demand | None = None) -> services.DemandData:
        merged = {}
        if base is not None:
            merged = {f: getattr(base, f) for f in services.DemandData.__dataclass_fields__ if hasattr(base, f)}
            merged["budget_lines"] = [services.BudgetItem(b.item, b.amount, b.note) for b in base.budget_lines.all()]
        values = dict(self.validated_data)
        if "budget_lines" in values:
            values["budget_lines"] = [
                services.BudgetItem(b["item"], b["amount"], b.get("note", "")) for b in values["budget_lines"]
            ]
        merged.update(values)
        merged.setdefault("budget_notes", "")
        return services.DemandData(**{k: merged[k] for k in services.DemandData.__dataclass_fields__ if k in merged})


class DemandViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Outsourcing demands I may see; project owners create and edit their drafts and submit them."""

    serializer_class = DemandSerializer
    permission_classes = [rule_permission("demands.view_demands")]

    def get_queryset(self):
        return selectors.demands_for(self.request.user).prefetch_related("budget_lines")

    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("demands.add_demand"):
            raise PermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        demand = services.create_draft(actor=request.user, data=serializer.to_data())
        return Response(DemandSerializer(self.get_queryset().get(pk=demand.pk)).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        demand = self.get_object()
        if demand.requester_id != request.user.pk:
            raise PermissionDenied
        serializer = self.get_serializer(demand, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        services.update_draft(actor=request.user, demand=demand, data=serializer.to_data(base=demand))
        return Response(DemandSerializer(self.get_queryset().get(pk=demand.pk)).data)

    @extend_schema(request=None, responses=DemandSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        demand = self.get_object()
        if demand.requester_id != request.user.pk:
            raise PermissionDenied
        services.submit(actor=request.user, demand=demand)
        return Response(DemandSerializer(self.get_queryset().get(pk=demand.pk)).data)


class ProjectSerializer(serializers.ModelSerializer):
    department = serializers.CharField(source="department.name", read_only=True)
    owner = serializers.CharField(source="owner.username", read_only=True)
    demand = serializers.CharField(source="demand.number", read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "number",
            "name",
            "department",
            "owner",
            "budget",
            "period_start",
            "period_end",
            "status",
            "demand",
            "created_at",
        ]


class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    """Outsourcing projects created by approved demands."""

    serializer_class = ProjectSerializer
    permission_classes = [rule_permission("demands.view_demands")]

    def get_queryset(self):
        return selectors.projects_for(self.request.user)
