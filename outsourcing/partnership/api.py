"""REST API of partnership (X-6): improvement proposals with their realised benefits and gain shares (PTN-1,
PTN-2), annual awards (PTN-4) and strategic-tier changes (PTN-5, VEN-5). A vendor user reads its own proposals
and approved awards and submits proposals; the pages' rules and services answer here too."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from outsourcing.contracts.models import Contract
from outsourcing.core.api import rule_permission
from outsourcing.core.api_fields import PlausibleDateField
from outsourcing.partnership import proposals, selectors, tiers
from outsourcing.partnership.models import Award, Proposal, ProposalKind, RealisedBenefit, TierChange, TierDirection
from outsourcing.partnership.permissions import available_actions
from outsourcing.vendors.models import Vendor


class BenefitSerializer(serializers.ModelSerializer):
    settlement = serializers.CharField(source="settlement_line.settlement.number", read_only=True, default=None)

    class Meta:
        model = RealisedBenefit
        fields = ["id", "period_start", "baseline_amount", "actual_amount", "saving", "method", "confirmed_at",
                  "share_amount", "settlement"]  # fmt: skip
        read_only_fields = fields


class ProposalSerializer(serializers.ModelSerializer):
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    vendor = serializers.CharField(source="contract.vendor.name", read_only=True)
    benefits = BenefitSerializer(many=True, read_only=True)
    available_actions = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = ["id", "number", "contract", "contract_number", "vendor", "kind", "title", "problem", "proposal",
                  "baseline", "baseline_amount", "expected_benefit", "expected_benefit_text", "submitted_on",
                  "answer_due", "status", "stage_note", "decline_reason", "adopted_on", "share_percent",
                  "share_months", "share_cap", "benefits", "available_actions"]  # fmt: skip
        read_only_fields = fields

    def get_available_actions(self, proposal) -> list[str]:
        return available_actions(self.context["request"].user, proposal)


class SubmitSerializer(serializers.Serializer):
    contract = serializers.PrimaryKeyRelatedField(queryset=Contract.objects.all())
    kind = serializers.ChoiceField(choices=ProposalKind.choices)
    title = serializers.CharField(max_length=200)
    problem = serializers.CharField()
    proposal = serializers.CharField()
    baseline = serializers.CharField()
    baseline_amount = serializers.CharField(required=False, allow_blank=True, default="")
    expected_benefit = serializers.CharField(required=False, allow_blank=True, default="")
    expected_benefit_text = serializers.CharField(required=False, allow_blank=True, default="")


class StageSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=[("screened", "screened"), ("piloted", "piloted")])
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DeclineSerializer(serializers.Serializer):
    reason = serializers.CharField()


class AdoptSerializer(serializers.Serializer):
    adopted_on = PlausibleDateField()
    share_percent = serializers.CharField(help_text="0 to 100; above 100 is refused with `share_percent`.")
    share_months = serializers.CharField()
    share_cap = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class MeasureSerializer(serializers.Serializer):
    month = PlausibleDateField()
    baseline_amount = serializers.CharField()
    actual_amount = serializers.CharField(help_text="Above the baseline (a negative saving) is refused.")
    method = serializers.CharField()


class ProposalViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Improvement proposals the caller may see. POST (a vendor user) submits one; the project's department POSTs
    `stage/`, `decline/`, `adopt/` and `benefits/`; finance POSTs `benefits/{benefit_id}/confirm/`, which writes the
    gain-sharing line into the month's settlement once."""

    serializer_class = ProposalSerializer
    permission_classes = [rule_permission("partnership.view_proposals", object_perm="partnership.read_proposal")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        params = self.request.query_params
        return selectors.proposals_for(self.request.user, status=params.get("status", ""),
                                       search=params.get("search", "")).prefetch_related(
            "benefits__settlement_line__settlement")  # fmt: skip

    @extend_schema(parameters=[
        OpenApiParameter("status", str, description="submitted, screened, piloted, adopted or declined"),
        OpenApiParameter("search", str, description="Part of the number or the title."),
    ])  # fmt: skip
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=SubmitSerializer, responses={201: ProposalSerializer})
    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("partnership.submit_proposals"):
            raise PermissionDenied
        serializer = SubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = proposals.ProposalData(**serializer.validated_data)
        proposal = proposals.submit_proposal(actor=request.user, data=data)
        return Response(self.get_serializer(proposal).data, status=status.HTTP_201_CREATED)

    def _answer(self, request, serializer_class, service, **extra):
        proposal = self.get_object()
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        service(actor=request.user, proposal=proposal, **serializer.validated_data, **extra)
        return Response(self.get_serializer(self.get_queryset().get(pk=proposal.pk)).data)

    @extend_schema(request=StageSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def stage(self, request, pk=None):
        """Screen the proposal or take it to a pilot."""
        return self._answer(request, StageSerializer, proposals.advance_proposal)

    @extend_schema(request=DeclineSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._answer(request, DeclineSerializer, proposals.decline_proposal)

    @extend_schema(request=AdoptSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        """Adopt with the agreed gain share (percentage, months, optional cap)."""
        return self._answer(request, AdoptSerializer, proposals.adopt_proposal)

    @extend_schema(request=MeasureSerializer, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def benefits(self, request, pk=None):
        """The project owner records a month's realised saving against the baseline."""
        return self._answer(request, MeasureSerializer, proposals.record_benefit)

    @extend_schema(request=None, responses=ProposalSerializer)
    @action(detail=True, methods=["post"], url_path=r"benefits/(?P<benefit_id>\d+)/confirm")
    def confirm(self, request, pk=None, benefit_id=None):
        """Finance confirms the saving; the vendor's share becomes a line of the month's settlement, once."""
        proposal = self.get_object()
        benefit = get_object_or_404(RealisedBenefit, pk=benefit_id, proposal=proposal)
        proposals.confirm_benefit(actor=request.user, benefit=benefit)
        return Response(self.get_serializer(self.get_queryset().get(pk=proposal.pk)).data)


class AwardSerializer(serializers.ModelSerializer):
    vendor_name = serializers.CharField(source="vendor.name", read_only=True)

    class Meta:
        model = Award
        fields = ["id", "number", "year", "title", "vendor", "vendor_name", "reasons", "simplified",
                  "simplified_reason", "priority_until", "approval_state", "approved_at"]  # fmt: skip
        read_only_fields = fields


class AwardViewSet(viewsets.ReadOnlyModelViewSet):
    """Annual awards: staff see every award with its approval, a vendor its own approved awards."""

    serializer_class = AwardSerializer
    permission_classes = [rule_permission("partnership.view_partnership")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.awards_for(self.request.user)


class TierChangeSerializer(serializers.ModelSerializer):
    vendor_name = serializers.CharField(source="vendor.name", read_only=True)

    class Meta:
        model = TierChange
        fields = ["id", "number", "vendor", "vendor_name", "direction", "grounds", "reason", "approval_state",
                  "decided_at"]  # fmt: skip
        read_only_fields = fields


class ProposeTierSerializer(serializers.Serializer):
    vendor = serializers.PrimaryKeyRelatedField(queryset=Vendor.objects.all())
    direction = serializers.ChoiceField(choices=TierDirection.choices)
    reason = serializers.CharField()


class TierChangeViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Strategic-tier changes (HR and management). POST submits the rule's proposal to management's decision;
    a change the rule does not propose is refused with `tier_rule`."""

    serializer_class = TierChangeSerializer
    permission_classes = [rule_permission("partnership.propose_tier_changes")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.tier_changes_for(self.request.user)

    @extend_schema(request=ProposeTierSerializer, responses={201: TierChangeSerializer})
    def create(self, request, *args, **kwargs):
        serializer = ProposeTierSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        change = tiers.propose_tier_change(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(change).data, status=status.HTTP_201_CREATED)
