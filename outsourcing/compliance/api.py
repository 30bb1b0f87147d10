"""REST API of risk and compliance (X-6): the risk register (`/api/risks/`, RSK-1) with its status moves, the daily
indicators with their open findings (`/api/risk-indicators/`, RSK-2), a project's disguised-dispatch score
(`/api/projects/{id}/dispatch-score/`, RSK-3), incidents with the vendor's response (`/api/incidents/`, INC-1..3)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from outsourcing.compliance import incidents, risks, selectors
from outsourcing.compliance.forms import RiskForm
from outsourcing.compliance.models import Incident, IndicatorFinding, Risk, RiskStatus
from outsourcing.contracts.models import Contract
from outsourcing.core.api import StandardPagination, rule_permission
from outsourcing.core.api_fields import PlausibleDateField
from outsourcing.core.indicators import indicator
from outsourcing.demands.models import Project
from outsourcing.org.models import User
from outsourcing.vendors.models import Vendor


class RiskSerializer(serializers.ModelSerializer):
    inherent = serializers.IntegerField(read_only=True)
    residual = serializers.IntegerField(read_only=True)
    inherent_level = serializers.CharField(read_only=True)
    residual_level = serializers.CharField(read_only=True)

    class Meta:
        model = Risk
        fields = ["id", "number", "title", "category", "description", "likelihood", "impact", "inherent",
                  "inherent_level", "controls", "residual_likelihood", "residual_impact", "residual", "residual_level",
                  "owner", "treatment", "justification", "review_on", "status", "vendor", "contract", "project",
                  "finding", "closed_on", "closing_note"]  # fmt: skip
        read_only_fields = fields


class RiskInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    category = serializers.CharField(max_length=20)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    likelihood = serializers.IntegerField(help_text="1 to 5")
    impact = serializers.IntegerField(help_text="1 to 5")
    residual_likelihood = serializers.IntegerField(help_text="1 to 5, after the controls")
    residual_impact = serializers.IntegerField(help_text="1 to 5, after the controls")
    controls = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    treatment = serializers.CharField(max_length=10, default="mitigate")
    justification = serializers.CharField(required=False, allow_blank=True, default="",
                                          help_text="Required when the treatment is accept.")  # fmt: skip
    review_on = PlausibleDateField()
    vendor = serializers.PrimaryKeyRelatedField(queryset=Vendor.objects.all(), required=False, allow_null=True,
                                                default=None)  # fmt: skip
    contract = serializers.PrimaryKeyRelatedField(queryset=Contract.objects.all(), required=False, allow_null=True,
                                                  default=None)  # fmt: skip
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all(), required=False, allow_null=True,
                                                 default=None)  # fmt: skip
    finding = serializers.PrimaryKeyRelatedField(queryset=IndicatorFinding.objects.all(), required=False,
                                                 allow_null=True, default=None,
                                                 help_text="The indicator's finding that raises the risk.")  # fmt: skip


class MoveSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=RiskStatus.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RiskViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The risk register. POST (HR, legal) records a risk, or raises it from a finding; PUT/PATCH (HR, legal, the
    risk's owner) changes it; POST `move/` starts the treatment, accepts (with a note), closes or reopens it."""

    serializer_class = RiskSerializer
    permission_classes = [rule_permission("compliance.view_compliance")]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        params = self.request.query_params
        return selectors.risks(status=params.get("status", ""), category=params.get("category", ""),
                               search=params.get("search", ""))  # fmt: skip

    @extend_schema(parameters=[OpenApiParameter("status", str), OpenApiParameter("category", str),
                               OpenApiParameter("search", str)])  # fmt: skip
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _data(self, request, partial_of: Risk | None = None) -> tuple[risks.RiskData, IndicatorFinding | None]:
        incoming = request.data
        if partial_of is not None:
            merged = {k: getattr(v, "pk", v) for k, v in RiskForm.initial_from(partial_of).items()}
            merged.update({k: incoming[k] for k in incoming})
            incoming = merged
        serializer = RiskInputSerializer(data=incoming)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        finding = values.pop("finding", None)
        return risks.RiskData(**values), finding

    @extend_schema(request=RiskInputSerializer, responses={201: RiskSerializer})
    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("compliance.manage_risks"):
            raise PermissionDenied
        data, finding = self._data(request)
        if finding is not None:
            risk = risks.raise_from_finding(actor=request.user, finding=finding, data=data)
        else:
            risk = risks.record_risk(actor=request.user, data=data)
        return Response(self.get_serializer(risk).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RiskInputSerializer, responses=RiskSerializer)
    def update(self, request, *args, **kwargs):
        risk = self.get_object()
        if not request.user.has_perm("compliance.update_risk", risk):
            raise PermissionDenied
        data, _finding = self._data(request, partial_of=risk if kwargs.get("partial") else None)
        risk = risks.update_risk(actor=request.user, risk=risk, data=data)
        return Response(self.get_serializer(selectors.risks().get(pk=risk.pk)).data)

    @extend_schema(request=MoveSerializer, responses=RiskSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        risk = self.get_object()
        if not request.user.has_perm("compliance.update_risk", risk):
            raise PermissionDenied
        serializer = MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        risk = risks.move(actor=request.user, risk=risk, **serializer.validated_data)
        return Response(self.get_serializer(selectors.risks().get(pk=risk.pk)).data)


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorFinding
        fields = ["id", "indicator", "key", "subject", "evidence", "url", "fix_url", "vendor", "contract", "project",
                  "status", "opened_on", "last_seen_on", "cleared_on"]  # fmt: skip
        read_only_fields = fields


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    owner_app = serializers.CharField()
    description = serializers.CharField()
    open = serializers.IntegerField()


class RiskIndicatorViewSet(viewsets.ViewSet):
    """The registered daily indicators with their open findings' count; `/api/risk-indicators/{code}/findings/`
    lists the findings (`?status=open|cleared`, default open) with their evidence and links."""

    permission_classes = [rule_permission("compliance.view_compliance")]
    lookup_field = "code"
    lookup_value_regex = r"[a-z0-9_]+"

    @extend_schema(responses=IndicatorSerializer(many=True))
    def list(self, request):
        rows = selectors.indicator_rows()
        return Response(IndicatorSerializer(rows, many=True).data)

    @extend_schema(responses=IndicatorSerializer)
    def retrieve(self, request, code=None):
        row = next((r for r in selectors.indicator_rows() if r["code"] == code), None)
        if row is None:
            raise Http404
        return Response(IndicatorSerializer(row).data)

    @extend_schema(parameters=[OpenApiParameter("status", str)], responses=FindingSerializer(many=True))
    @action(detail=True, methods=["get"])
    def findings(self, request, code=None):
        if indicator(code) is None:
            raise Http404
        wanted = request.query_params.get("status", "open")
        found = selectors.findings(indicator=code, status="" if wanted == "all" else wanted)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response(FindingSerializer(page, many=True).data)


class SignFindingSerializer(serializers.Serializer):
    subject = serializers.CharField()
    evidence = serializers.CharField()
    url = serializers.CharField()
    fix_url = serializers.CharField()
    opened_on = serializers.DateField()


class SignSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    weight = serializers.IntegerField()
    legal_source = serializers.CharField()
    counted = serializers.BooleanField()
    findings = SignFindingSerializer(many=True)


class DispatchScoreSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    score = serializers.IntegerField()
    level = serializers.CharField()
    computed_on = serializers.DateField(allow_null=True)
    level_since = serializers.DateField(allow_null=True)
    signs = SignSerializer(many=True)


@extend_schema(responses=DispatchScoreSerializer)
@api_view(["GET"])
@permission_classes([rule_permission("compliance.view_compliance")])
def dispatch_score(request, pk: int):
    """A project's disguised-dispatch score (RSK-3): its level and each sign with its weight, legal source and
    evidence (each finding with its link)."""
    project = get_object_or_404(Project, pk=pk)
    detail = selectors.score_detail(project)
    stored = detail["score"]
    return Response(DispatchScoreSerializer({
        "project": project.pk, "score": stored.score if stored else 0, "level": stored.level if stored else "low",
        "computed_on": stored.computed_on if stored else None, "level_since": stored.level_since if stored else None,
        "signs": detail["signs"]}).data)  # fmt: skip


class IncidentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Incident
        fields = ["id", "number", "kind", "severity", "title", "description", "occurred_on", "vendor", "contract",
                  "project", "worker", "status", "emergency_plan", "vendor_response", "vendor_responded_at",
                  "filing_deadline", "filing_receipt", "filed_on", "escalated_on", "root_cause", "remedy",
                  "closed_on"]  # fmt: skip
        read_only_fields = fields


class IncidentInputSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=30)
    severity = serializers.CharField(max_length=10, default="ordinary")
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    occurred_on = PlausibleDateField()
    vendor = serializers.PrimaryKeyRelatedField(queryset=Vendor.objects.all(), required=False, allow_null=True,
                                                default=None)  # fmt: skip
    contract = serializers.PrimaryKeyRelatedField(queryset=Contract.objects.all(), required=False, allow_null=True,
                                                  default=None)  # fmt: skip
    emergency_plan = serializers.CharField(required=False, allow_blank=True, default="")


class RespondSerializer(serializers.Serializer):
    response = serializers.CharField()
    filing_receipt = serializers.CharField(required=False, allow_blank=True, default="")
    filed_on = PlausibleDateField(required=False, allow_null=True, default=None)


class IncidentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Incidents the caller may read (a vendor user: its own company's). POST (company staff) records one; the
    responsible vendor POSTs `respond/` (with the work-injury filing receipt when it has one)."""

    serializer_class = IncidentSerializer
    permission_classes = [rule_permission("compliance.view_incidents", object_perm="compliance.read_incident")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        params = self.request.query_params
        return selectors.incidents_for(self.request.user, status=params.get("status", ""),
                                       kind=params.get("kind", ""))  # fmt: skip

    @extend_schema(request=IncidentInputSerializer, responses={201: IncidentSerializer})
    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("compliance.record_incident"):
            raise PermissionDenied
        serializer = IncidentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        incident = incidents.record_incident(actor=request.user,
                                             data=incidents.IncidentData(**serializer.validated_data))  # fmt: skip
        return Response(self.get_serializer(incident).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RespondSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        incident = self.get_object()
        serializer = RespondSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        incident = incidents.respond(actor=request.user, incident=incident, **serializer.validated_data)
        return Response(self.get_serializer(incident).data)
