"""REST API of the annual special audit (`/api/audits/`, AUD-1..AUD-3, X-6): the audits with their checklist drawn
from the policy library, the kept sample, the findings and their actions; HR and internal audit open an audit, draw
the sample, record results, findings and actions, and close findings and the audit through the same services as the
pages."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from outsourcing.compliance import audits, selectors
from outsourcing.compliance.models_audits import (
    Audit,
    AuditAction,
    AuditCheck,
    AuditFinding,
    AuditSample,
    CheckResult,
    PolicyArea,
)
from outsourcing.core.api import rule_permission
from outsourcing.core.api_fields import PlausibleDateField
from outsourcing.org.models import User


class AuditCheckSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="rule.code", read_only=True)
    article = serializers.CharField(source="rule.article", read_only=True)
    rule = serializers.CharField(source="rule.text", read_only=True)

    class Meta:
        model = AuditCheck
        fields = ["id", "code", "article", "rule", "result", "note"]
        read_only_fields = fields


class AuditSampleSerializer(serializers.ModelSerializer):
    record_type = serializers.SerializerMethodField()

    class Meta:
        model = AuditSample
        fields = ["id", "record_type", "object_id", "label", "url", "position"]
        read_only_fields = fields

    def get_record_type(self, sample) -> str:
        return f"{sample.content_type.app_label}.{sample.content_type.model}"


class AuditActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditAction
        fields = ["id", "description", "owner", "due_on", "done_on"]
        read_only_fields = fields


class AuditFindingSerializer(serializers.ModelSerializer):
    actions = AuditActionSerializer(many=True, read_only=True)

    class Meta:
        model = AuditFinding
        fields = ["id", "title", "description", "owner", "check_item", "status", "closed_on", "actions"]
        read_only_fields = fields


class AuditSerializer(serializers.ModelSerializer):
    class Meta:
        model = Audit
        fields = ["id", "number", "year", "title", "scope", "areas", "period_start", "period_end", "lead", "status",
                  "sample_seed", "sample_size", "conclusion", "closed_on"]  # fmt: skip
        read_only_fields = fields


class AuditDetailSerializer(AuditSerializer):
    checks = AuditCheckSerializer(many=True, read_only=True)
    samples = AuditSampleSerializer(many=True, read_only=True)
    findings = AuditFindingSerializer(many=True, read_only=True)

    class Meta(AuditSerializer.Meta):
        fields = [*AuditSerializer.Meta.fields, "checks", "samples", "findings"]
        read_only_fields = fields


class AuditInputSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    title = serializers.CharField(max_length=200)
    scope = serializers.CharField()
    areas = serializers.ListField(child=serializers.ChoiceField(choices=PolicyArea.choices), required=False,
                                  default=list, help_text="Policy areas checked; all when empty.")  # fmt: skip
    period_start = PlausibleDateField()
    period_end = PlausibleDateField()
    lead = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))


class SampleInputSerializer(serializers.Serializer):
    size = serializers.IntegerField(help_text="Records drawn of each kind (contracts, workers, settlements), 1 to 50.")


class CheckInputSerializer(serializers.Serializer):
    check = serializers.IntegerField(help_text="The checklist item's id.")
    result = serializers.ChoiceField(choices=CheckResult.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class FindingInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), allow_null=True,
                                               help_text="Required: refused without an owner.")  # fmt: skip
    check = serializers.IntegerField(required=False, allow_null=True, default=None)


class ActionInputSerializer(serializers.Serializer):
    finding = serializers.IntegerField()
    description = serializers.CharField(max_length=300)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    due_on = PlausibleDateField()


class ItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()


class CloseInputSerializer(serializers.Serializer):
    conclusion = serializers.CharField()


DETAIL = Audit.objects.select_related("lead").prefetch_related(
    "checks__rule", "samples__content_type", "findings__actions"
)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class AuditViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The special audits (AUD-1). POST (HR, internal audit) opens one with its checklist; on an audit, POST
    `sample/` draws and keeps the sample, `check/` records a checklist result, `finding/` a finding (owner required),
    `action/` a required action, `action-done/` and `close-finding/` follow them up, `close/` closes the audit."""

    permission_classes = [rule_permission("compliance.view_audits")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if self.action == "retrieve":
            return DETAIL
        return selectors.audits(status=self.request.query_params.get("status", ""))

    def get_serializer_class(self):
        return AuditDetailSerializer if self.action == "retrieve" else AuditSerializer

    def _answer(self, audit: Audit) -> Response:
        return Response(AuditDetailSerializer(DETAIL.get(pk=audit.pk)).data)

    @extend_schema(request=AuditInputSerializer, responses={201: AuditSerializer})
    def create(self, request, *args, **kwargs):
        audit = audits.open_audit(actor=request.user, data=audits.AuditData(**_valid(AuditInputSerializer, request)))
        return Response(AuditSerializer(audit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SampleInputSerializer, responses=AuditDetailSerializer)
    @action(detail=True, methods=["post"])
    def sample(self, request, pk=None):
        audit = self.get_object()
        audits.draw_sample(actor=request.user, audit=audit, **_valid(SampleInputSerializer, request))
        return self._answer(audit)

    @extend_schema(request=CheckInputSerializer, responses=AuditDetailSerializer)
    @action(detail=True, methods=["post"])
    def check(self, request, pk=None):
        audit = self.get_object()
        data = _valid(CheckInputSerializer, request)
        item = get_object_or_404(audit.checks, pk=data.pop("check"))
        audits.record_check(actor=request.user, check=item, **data)
        return self._answer(audit)

    @extend_schema(request=FindingInputSerializer, responses=AuditDetailSerializer)
    @action(detail=True, methods=["post"])
    def finding(self, request, pk=None):
        audit = self.get_object()
        data = _valid(FindingInputSerializer, request)
        check_id = data.pop("check")
        item = get_object_or_404(audit.checks, pk=check_id) if check_id else None
        audits.record_finding(actor=request.user, audit=audit, check=item, **data)
        return self._answer(audit)

    @extend_schema(request=ActionInputSerializer, responses=AuditDetailSerializer)
    @action(detail=True, methods=["post"], url_path="action")
    def require_action(self, request, pk=None):
        audit = self.get_object()
        data = _valid(ActionInputSerializer, request)
        finding = get_object_or_404(audit.findings, pk=data.pop("finding"))
        audits.require_action(actor=request.user, finding=finding, **data)
        return self._answer(audit)

    @extend_schema(request=ItemSerializer, responses=AuditDetailSerializer)
    @action(detail=True, methods=["post"], url_path="action-done")
    def action_done(self, request, pk=None):
        audit = self.get_object()
        done = get_object_or_404(
            AuditAction.objects.filter(finding__audit=audit), pk=_valid(ItemSerializer, request)["id"]
        )
        audits.complete_action(actor=request.user, action=done)
        return self._answer(audit)

    @extend_schema(request=ItemSerializer, responses=AuditDetailSerializer)
    @action(detail=True, methods=["post"], url_path="close-finding")
    def close_finding(self, request, pk=None):
        audit = self.get_object()
        finding = get_object_or_404(audit.findings, pk=_valid(ItemSerializer, request)["id"])
        audits.close_finding(actor=request.user, finding=finding)
        return self._answer(audit)

    @extend_schema(request=CloseInputSerializer, responses=AuditDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        audit = self.get_object()
        audits.close_audit(actor=request.user, audit=audit, **_valid(CloseInputSerializer, request))
        return self._answer(audit)
