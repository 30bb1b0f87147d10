"""REST API of performance management (X-6): the KPI library (PRF-1), SLA versions (PRF-2), KPI values with a bulk
post (PRF-3, `/api/kpi-values/`), evaluations (PRF-6) — published, answered by the vendor (confirm, or dispute
items with reasons) and resolved. A vendor user sees only its own contracts' records."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from outsourcing.contracts.models import Contract
from outsourcing.core.api import flag_param, rule_permission
from outsourcing.core.api_fields import PlausibleDateField
from outsourcing.org.models import User
from outsourcing.performance import evaluations, selectors, values
from outsourcing.performance.models import Evaluation, EvaluationItem, Kpi, KpiValue, Resolution, SlaItem, SlaVersion
from outsourcing.performance.permissions import available_actions


class KpiSerializer(serializers.ModelSerializer):
    usable = serializers.BooleanField(read_only=True)
    missing_smart_fields = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Kpi
        fields = ["id", "code", "name", "category", "definition", "unit", "precision", "minimum", "maximum",
                  "direction", "target", "thresholds", "data_source", "computed_from", "inputs", "formula",
                  "aggregation", "collection_owner", "period", "relevance", "achievability", "is_active", "usable",
                  "missing_smart_fields"]  # fmt: skip
        read_only_fields = fields


class KpiViewSet(viewsets.ReadOnlyModelViewSet):
    """The KPI library (a vendor user: the KPIs of its own contracts' SLAs)."""

    serializer_class = KpiSerializer
    permission_classes = [rule_permission("performance.view_performance")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        params = self.request.query_params
        return selectors.kpis_for(self.request.user, category=params.get("category", ""),
                                  search=params.get("search", ""))  # fmt: skip

    @extend_schema(parameters=[OpenApiParameter("category", str), OpenApiParameter("search", str)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


class SlaItemSerializer(serializers.ModelSerializer):
    kpi_code = serializers.CharField(source="kpi.code", read_only=True)
    kpi_name = serializers.CharField(source="kpi.name", read_only=True)

    class Meta:
        model = SlaItem
        fields = ["kpi", "kpi_code", "kpi_name", "weight", "target", "thresholds", "formula", "aggregation"]
        read_only_fields = fields


class SlaVersionSerializer(serializers.ModelSerializer):
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    items = SlaItemSerializer(many=True, read_only=True)

    class Meta:
        model = SlaVersion
        fields = ["id", "contract", "contract_number", "version", "valid_from", "period", "reason", "grades",
                  "pass_score", "pip_after", "dispute_days", "status", "approved_at", "items"]  # fmt: skip
        read_only_fields = fields


class SlaVersionViewSet(viewsets.ReadOnlyModelViewSet):
    """Each contract's SLA versions with their frozen KPIs, weights, targets and thresholds."""

    serializer_class = SlaVersionSerializer
    permission_classes = [rule_permission("performance.view_performance", object_perm="performance.read_record")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.slas_for(self.request.user)


class KpiValueSerializer(serializers.ModelSerializer):
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    kpi_code = serializers.CharField(source="kpi.code", read_only=True)
    collected_by = serializers.CharField(source="created_by.full_name", read_only=True, default="")

    class Meta:
        model = KpiValue
        fields = ["id", "contract", "contract_number", "kpi", "kpi_code", "measured_on", "period_start", "inputs",
                  "value", "source", "note", "collected_by", "created_at", "replaced_by"]  # fmt: skip
        read_only_fields = fields


class ValueInSerializer(serializers.Serializer):
    contract = serializers.PrimaryKeyRelatedField(queryset=Contract.objects.all())
    kpi = serializers.SlugRelatedField(slug_field="code", queryset=Kpi.objects.all(), help_text="The KPI's code.")
    measured_on = PlausibleDateField()
    inputs = serializers.DictField(child=serializers.CharField(max_length=40), help_text=(
        'The KPI\'s inputs by name, e.g. {"answered": "950", "offered": "1000"}; {"value": "96.5"} for a KPI with '
        "one input."))  # fmt: skip
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class BulkValuesSerializer(serializers.Serializer):
    values = ValueInSerializer(many=True, help_text="One or more figures; all are recorded or none.")

    def validate_values(self, items):
        if not items or len(items) > 1000:
            raise serializers.ValidationError("Give 1 to 1000 figures.")
        return items


class KpiValueViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Current KPI values the caller may see (`history=true` adds corrected ones). POST records figures in bulk,
    all or none — the company's KPIs by the company, the vendor's by the vendor."""

    serializer_class = KpiValueSerializer
    permission_classes = [rule_permission("performance.view_performance", object_perm="performance.read_record")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        params = self.request.query_params
        return selectors.values_for(self.request.user, search=params.get("search", ""),
                                    history=flag_param(self.request, "history"))  # fmt: skip

    @extend_schema(parameters=[OpenApiParameter("search", str), OpenApiParameter("history", bool)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=BulkValuesSerializer, responses={201: KpiValueSerializer(many=True)})
    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("performance.enter_values"):
            raise PermissionDenied
        serializer = BulkValuesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        items = [values.ValueData(source=KpiValue.Source.API, **item) for item in serializer.validated_data["values"]]
        saved = values.record_values(actor=request.user, items=items)
        return Response(KpiValueSerializer(saved, many=True).data, status=status.HTTP_201_CREATED)


class EvaluationItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationItem
        fields = ["id", "kpi", "kpi_name", "unit", "weight", "target", "thresholds", "formula", "aggregation",
                  "inputs", "actual", "rating", "score", "answer", "dispute_reason", "resolution",
                  "resolution_reason", "original_score", "resolved_at"]  # fmt: skip
        read_only_fields = fields


class EvaluationSerializer(serializers.ModelSerializer):
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    sla_version = serializers.IntegerField(source="sla.version", read_only=True)
    items = EvaluationItemSerializer(many=True, read_only=True)
    evaluated = serializers.BooleanField(read_only=True)
    available_actions = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = ["id", "number", "contract", "contract_number", "sla", "sla_version", "period", "period_start",
                  "period_end", "evaluated", "total", "grade", "passed", "comments", "status", "published_at",
                  "answer_by", "answered_at", "confirmed_by_silence", "locked_at", "items",
                  "available_actions"]  # fmt: skip
        read_only_fields = fields

    def get_available_actions(self, evaluation) -> list[str]:
        return available_actions(self.context["request"].user, evaluation)


class DisputeSerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    reason = serializers.CharField(max_length=2000)


class AnswerSerializer(serializers.Serializer):
    disputes = DisputeSerializer(
        many=True,
        required=False,
        default=list,
        help_text="The items disputed, each with its reason; none confirms the evaluation.",
    )


class ResolveSerializer(serializers.Serializer):
    item = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    outcome = serializers.ChoiceField(choices=Resolution.choices)
    score = serializers.DecimalField(max_digits=6, decimal_places=2, required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=2000)
    with_hr = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(), help_text="The HR person it was resolved with."
    )


class EvaluationViewSet(viewsets.ReadOnlyModelViewSet):
    """Evaluations the caller may see (a vendor user: its own contracts', once published). `publish/` shows a
    draft to the vendor; the vendor's site manager POSTs `answer/` (no disputes = confirmed); the project owner
    POSTs `resolve/` for each disputed item."""

    serializer_class = EvaluationSerializer
    permission_classes = [rule_permission("performance.view_performance", object_perm="performance.read_record")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        params = self.request.query_params
        return selectors.evaluations_for(self.request.user, status=params.get("status", "")).prefetch_related("items")

    @extend_schema(
        parameters=[OpenApiParameter("status", str, description="draft, published, confirmed, disputed or resolved")]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=None, responses=EvaluationSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        evaluation = evaluations.publish(actor=request.user, evaluation=self.get_object())
        return Response(self.get_serializer(evaluation).data)

    @extend_schema(request=AnswerSerializer, responses=EvaluationSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        evaluation = self.get_object()
        serializer = AnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        disputes = {d["item"]: d["reason"] for d in serializer.validated_data["disputes"]}
        evaluation = evaluations.answer(actor=request.user, evaluation=evaluation, disputes=disputes)
        return Response(self.get_serializer(selectors.evaluation_for(request.user, evaluation.pk)).data)

    @extend_schema(request=ResolveSerializer, responses=EvaluationSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        evaluation = self.get_object()
        serializer = ResolveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        evaluation = evaluations.resolve(actor=request.user, evaluation=evaluation, item=data["item"],
                                         outcome=data["outcome"], reason=data["reason"], with_hr=data["with_hr"],
                                         score=data["score"])  # fmt: skip
        return Response(self.get_serializer(selectors.evaluation_for(request.user, evaluation.pk)).data)
