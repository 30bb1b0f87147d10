"""REST API of contracts (X-6): company staff read what they may; a vendor user reads only its own
company's contracts and may only confirm its signature and answer its notices."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts import changes, closing, drafting, ending, history, selectors, signing, textscreen
from outsourcing.contracts.models import (
    BreachNotice,
    ClauseCheck,
    Contract,
    ExitItem,
    Milestone,
    NonRenewalNotice,
    PostProjectEvaluation,
    RenewalDecision,
    Suspension,
    TerminationRequest,
    TextWarningAnswer,
)
from outsourcing.contracts.permissions import available_actions
from outsourcing.core.api import id_from, rule_permission
from outsourcing.core.api_fields import PlausibleDateField


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["name", "due_date", "amount"]


class ClauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClauseCheck
        fields = ["clause", "reference"]


class NoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = BreachNotice
        fields = ["id", "number", "kind", "clause", "facts", "found_on", "demand", "respond_by", "status",
                  "issued_at", "vendor_response", "vendor_responded_at"]  # fmt: skip


class ExitItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExitItem
        fields = ["id", "category", "description", "due_date", "done_at", "evidence"]


class OpenPointSerializer(serializers.Serializer):
    code = serializers.CharField(source="check.code")
    title = serializers.SerializerMethodField()
    rule = serializers.SerializerMethodField()
    items = serializers.ListField(child=serializers.CharField())

    def get_title(self, point) -> str:
        return point.check.title()

    def get_rule(self, point) -> str:
        return point.check.rule()


class ExitPlanSerializer(serializers.Serializer):
    items = ExitItemSerializer(many=True)
    open_points = OpenPointSerializer(many=True)


class TextWarningSerializer(serializers.Serializer):
    rule = serializers.CharField()
    label = serializers.CharField()
    reason = serializers.CharField()
    field = serializers.CharField()
    field_label = serializers.CharField()
    term = serializers.CharField()
    clause = serializers.CharField()


class TextWarningAnswerSerializer(serializers.ModelSerializer):
    answered_by = serializers.CharField(source="answered_by.username")

    class Meta:
        model = TextWarningAnswer
        fields = ["id", "version", "answer", "answered_by", "answered_at", "warnings"]


class TextScreenSerializer(serializers.Serializer):
    """The co-review's warning on the contract's text and HR's answers (issue 15, loophole 8)."""

    warnings = TextWarningSerializer(many=True)
    answered = serializers.BooleanField()
    answers = TextWarningAnswerSerializer(many=True)


def _text_screen(contract) -> dict:
    return {"warnings": [w.as_dict() for w in textscreen.warnings_for(contract)],
            "answered": textscreen.is_answered(contract), "answers": textscreen.answers_for(contract)}  # fmt: skip


class HistorySectionSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    rows = serializers.ListField(child=serializers.CharField())


class RenewalDecisionSerializer(serializers.ModelSerializer):
    decided_by = serializers.CharField(source="created_by.username", default=None)
    history = HistorySectionSerializer(many=True)

    class Meta:
        model = RenewalDecision
        fields = ["id", "choice", "reason", "status", "decided_by", "created_at", "history"]


class RenewalSerializer(serializers.Serializer):
    """The contract's history beside the renewal decision, and the decisions taken (CON-6)."""

    sections = HistorySectionSerializer(many=True)
    decisions = RenewalDecisionSerializer(many=True)


class SuspensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Suspension
        fields = ["id", "reason", "starts_on", "resumed_on", "resumption_note"]


class TerminationRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = TerminationRequest
        fields = ["id", "reason", "last_day", "status", "decided_at", "decision_note", "created_at"]


class NonRenewalNoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = NonRenewalNotice
        fields = ["id", "number", "service_ends_on", "issued_at"]


class PostEvaluationSerializer(serializers.ModelSerializer):
    average = serializers.DecimalField(max_digits=3, decimal_places=1, read_only=True)

    class Meta:
        model = PostProjectEvaluation
        fields = ["id", "quality_score", "delivery_score", "compliance_score", "cooperation_score", "average",
                  "performance_summary", "business_outlook", "lessons", "recommendation", "created_at"]  # fmt: skip


class EndingSerializer(serializers.Serializer):
    """Suspensions, the vendor's termination requests, notices of non-renewal, the evaluation (CON-10)."""

    suspensions = SuspensionSerializer(many=True)
    termination_requests = TerminationRequestSerializer(many=True)
    non_renewal_notices = NonRenewalNoticeSerializer(many=True)
    post_evaluation = PostEvaluationSerializer(allow_null=True)


class SuspendIn(serializers.Serializer):
    reason = serializers.CharField()
    starts_on = PlausibleDateField()


class ResumeIn(serializers.Serializer):
    resumed_on = PlausibleDateField()
    note = serializers.CharField()


class TerminationRequestIn(serializers.Serializer):
    reason = serializers.CharField()
    last_day = PlausibleDateField()


class TerminationReviewIn(serializers.Serializer):
    accept = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class PostEvaluationIn(serializers.Serializer):
    quality_score = serializers.IntegerField()
    delivery_score = serializers.IntegerField()
    compliance_score = serializers.IntegerField()
    cooperation_score = serializers.IntegerField()
    performance_summary = serializers.CharField()
    business_outlook = serializers.CharField()
    lessons = serializers.CharField(required=False, allow_blank=True, default="")
    recommendation = serializers.CharField()


def _valid(serializer_class, data) -> dict:
    given = serializer_class(data=data)
    given.is_valid(raise_exception=True)
    return dict(given.validated_data)


class ContractSerializer(serializers.ModelSerializer):
    vendor = serializers.CharField(source="vendor.name")
    project = serializers.CharField(source="project.number")
    award = serializers.CharField(source="award.number", default=None)
    template = serializers.CharField(source="template.__str__")
    milestones = MilestoneSerializer(many=True)
    clauses = ClauseSerializer(many=True)
    missing_clauses = serializers.SerializerMethodField()
    confidentiality_agreement_in_force = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id", "number", "title", "vendor", "project", "award", "template", "status", "version", "subject",
            "company_may_reject_workers", "scope", "sla", "acceptance", "start_date", "end_date", "amount",
            "pricing_model", "period_fee", "unit", "unit_price", "estimated_quantity", "settlement_cycle",
            "payment_terms", "invoice_type", "on_premises", "safety_clause", "special_work", "milestones", "clauses",
            "missing_clauses", "signed_on", "vendor_signed_at", "confidentiality_agreement_in_force",
        ]  # fmt: skip
        read_only_fields = fields

    def get_missing_clauses(self, contract) -> list[str]:
        return drafting.missing_clauses(contract)

    def get_confidentiality_agreement_in_force(self, contract) -> bool:
        return selectors.in_force_among(contract.vendor.confidentiality_agreements.all()) is not None


class ContractDetailSerializer(ContractSerializer):
    """One contract, with what the caller may do on it now (the same answer the contract page follows)."""

    available_actions = serializers.SerializerMethodField()

    class Meta(ContractSerializer.Meta):
        fields = [*ContractSerializer.Meta.fields, "available_actions"]
        read_only_fields = fields

    def get_available_actions(self, contract) -> list[str]:
        return available_actions(self.context["request"].user, contract)


class ContractViewSet(viewsets.ReadOnlyModelViewSet):
    """Contracts the caller may see (a vendor user: only its own company's)."""

    serializer_class = ContractSerializer

    def get_serializer_class(self):
        return ContractDetailSerializer if self.action == "retrieve" else ContractSerializer
    permission_classes = [rule_permission("contracts.list_contracts", object_perm="contracts.view_contract")]

    def get_queryset(self):
        return selectors.contracts_for(
            self.request.user, status=self.request.query_params.get("status", "")
        ).prefetch_related("milestones", "clauses", "vendor__confidentiality_agreements")

    @extend_schema(responses=NoticeSerializer(many=True))
    @action(detail=True, methods=["get"])
    def notices(self, request, pk=None):
        notices = selectors.notices_of(self.get_object())
        if request.user.is_vendor_user:
            notices = notices.filter(status=ApprovalState.APPROVED)  # the vendor sees what was issued to it
        page = self.paginate_queryset(notices)
        return self.get_paginated_response(NoticeSerializer(page, many=True).data)

    @extend_schema(responses=ExitPlanSerializer)
    @action(detail=True, methods=["get"], url_path="exit-plan")
    def exit_plan(self, request, pk=None):
        """The exit and handover plan's items and what still keeps the contract open (CON-8)."""
        contract = self.get_object()
        if request.user.is_vendor_user:
            raise PermissionDenied
        plan = {"items": contract.exit_items.all(), "open_points": closing.open_points(contract)}
        return Response(ExitPlanSerializer(plan).data)

    @extend_schema(
        request=inline_serializer("ExitItemDone", {"evidence": serializers.CharField()}), responses=ExitItemSerializer
    )
    @action(detail=True, methods=["post"], url_path=r"exit-items/(?P<item_pk>[0-9]+)/done")
    def exit_item_done(self, request, pk=None, item_pk=None):
        """Tick an exit item with its evidence; refused while its closing checks are open (CON-8)."""
        contract = self.get_object()
        item = contract.exit_items.filter(pk=item_pk).first()
        if item is None:
            raise NotFound
        done = changes.complete_exit_item(actor=request.user, item=item, evidence=str(request.data.get("evidence", "")))
        return Response(ExitItemSerializer(done).data)

    @extend_schema(responses=TextScreenSerializer)
    @action(detail=True, methods=["get"], url_path="text-warnings")
    def text_warnings(self, request, pk=None):
        """What the co-review warns about in the contract's text, and HR's answers (reviewers only)."""
        contract = self.get_object()
        if request.user.is_vendor_user:
            raise PermissionDenied
        return Response(TextScreenSerializer(_text_screen(contract)).data)

    @extend_schema(
        request=inline_serializer("TextWarningAnswerBody", {"answer": serializers.CharField()}),
        responses=TextScreenSerializer,
    )
    @action(detail=True, methods=["post"], url_path="text-warning-answer")
    def text_warning_answer(self, request, pk=None):
        """HR's reviewer answers the text warning; until then HR's approval is refused with
        `text_warning_unanswered` (issue 15, loophole 8)."""
        contract = self.get_object()
        textscreen.answer_warning(actor=request.user, contract=contract, answer=str(request.data.get("answer", "")))
        return Response(TextScreenSerializer(_text_screen(contract)).data)

    @extend_schema(request=None, responses=ContractSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the contract: every exit item done and every closing check clear (CON-8)."""
        contract = changes.close_contract(actor=request.user, contract=self.get_object())
        return Response(ContractSerializer(contract).data)

    @extend_schema(request=None, responses=ContractSerializer)
    @action(detail=True, methods=["post"], url_path="vendor-signature")
    def vendor_signature(self, request, pk=None):
        """The vendor confirms that its company signed this version."""
        contract = signing.vendor_confirms_signature(actor=request.user, contract=self.get_object())
        return Response(ContractSerializer(contract).data)

    @extend_schema(
        request=inline_serializer(
            "NoticeAnswer", {"notice": serializers.IntegerField(), "response": serializers.CharField()}
        ),  # fmt: skip
        responses=NoticeSerializer,
    )
    @action(detail=True, methods=["post"], url_path="notice-answers")
    def notice_answers(self, request, pk=None):
        """The vendor answers a notice issued to it (its remedy or its objection)."""
        contract = self.get_object()
        if not request.user.is_vendor_user:
            raise PermissionDenied
        issued = selectors.notices_of(contract).filter(status=ApprovalState.APPROVED)
        notice = issued.filter(pk=id_from(request.data, "notice")).first()
        if notice is None:
            raise NotFound
        answered = changes.vendor_answers_notice(actor=request.user, notice=notice,
                                                 response=str(request.data.get("response", "")))  # fmt: skip
        return Response(NoticeSerializer(answered).data)

    # --- CON-6: the renewal decision through approval, with the history beside it ---

    def _internal_only(self, request):
        if request.user.is_vendor_user:
            raise PermissionDenied

    def _renewal(self, contract) -> dict:
        return {"sections": history.history_of(contract),
                "decisions": contract.renewal_decisions.select_related("created_by")}  # fmt: skip

    @extend_schema(responses=RenewalSerializer)
    @action(detail=True, methods=["get"])
    def renewal(self, request, pk=None):
        """Every app's history section beside the renewal decision, and the decisions taken (CON-6)."""
        contract = self.get_object()
        self._internal_only(request)
        return Response(RenewalSerializer(self._renewal(contract)).data)

    @extend_schema(
        request=inline_serializer("RenewalDecisionBody", {"choice": serializers.CharField(),
                                                          "reason": serializers.CharField()}),
        responses=RenewalDecisionSerializer,
    )  # fmt: skip
    @action(detail=True, methods=["post"], url_path="renewal-decisions")
    def renewal_decisions(self, request, pk=None):
        """The owner decides renew / select again / end; the decision goes to approval (CON-6)."""
        contract = self.get_object()
        self._internal_only(request)
        decision = changes.decide_renewal(actor=request.user, contract=contract,
                                          choice=str(request.data.get("choice", "")),
                                          reason=str(request.data.get("reason", "")))  # fmt: skip
        return Response(RenewalDecisionSerializer(decision).data, status=201)

    # --- CON-10: suspension, termination asked by the vendor, non-renewal notice, post-project evaluation ---

    def _ending(self, contract, user) -> dict:
        return {
            "suspensions": contract.suspensions.all(),
            "termination_requests": contract.termination_requests.all(),
            "non_renewal_notices": contract.non_renewal_notices.all(),
            "post_evaluation": None if user.is_vendor_user
            else PostProjectEvaluation.objects.filter(contract=contract).first(),
        }  # fmt: skip

    @extend_schema(responses=EndingSerializer)
    @action(detail=True, methods=["get"])
    def ending(self, request, pk=None):
        contract = self.get_object()
        return Response(EndingSerializer(self._ending(contract, request.user)).data)

    @extend_schema(request=SuspendIn, responses=SuspensionSerializer)
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        contract = self.get_object()
        self._internal_only(request)
        done = ending.suspend_contract(actor=request.user, contract=contract, **_valid(SuspendIn, request.data))
        return Response(SuspensionSerializer(done).data, status=201)

    @extend_schema(request=ResumeIn, responses=SuspensionSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        contract = self.get_object()
        self._internal_only(request)
        done = ending.resume_contract(actor=request.user, contract=contract, **_valid(ResumeIn, request.data))
        return Response(SuspensionSerializer(done).data)

    @extend_schema(request=TerminationRequestIn, responses=TerminationRequestSerializer)
    @action(detail=True, methods=["post"], url_path="termination-requests")
    def termination_requests(self, request, pk=None):
        """The vendor asks to terminate its contract; legal reviews it (CON-10)."""
        contract = self.get_object()
        done = ending.request_termination(actor=request.user, contract=contract,
                                          **_valid(TerminationRequestIn, request.data))  # fmt: skip
        return Response(TerminationRequestSerializer(done).data, status=201)

    @extend_schema(request=TerminationReviewIn, responses=TerminationRequestSerializer)
    @action(detail=True, methods=["post"], url_path=r"termination-requests/(?P<request_pk>[0-9]+)/review")
    def termination_review(self, request, pk=None, request_pk=None):
        """Legal accepts (the exit plan opens) or refuses with the reason (CON-10)."""
        contract = self.get_object()
        self._internal_only(request)
        found = contract.termination_requests.filter(pk=request_pk).first()
        if found is None:
            raise NotFound
        done = ending.review_termination_request(actor=request.user, request=found,
                                                 **_valid(TerminationReviewIn, request.data))  # fmt: skip
        return Response(TerminationRequestSerializer(done).data)

    @extend_schema(request=PostEvaluationIn, responses=PostEvaluationSerializer)
    @action(detail=True, methods=["post"], url_path="post-evaluation")
    def post_evaluation(self, request, pk=None):
        """The post-project evaluation of an ending or ended contract; it stays on the vendor's record (CON-10)."""
        contract = self.get_object()
        self._internal_only(request)
        done = ending.record_post_evaluation(actor=request.user, contract=contract,
                                             **_valid(PostEvaluationIn, request.data))  # fmt: skip
        return Response(PostEvaluationSerializer(done).data, status=201)
