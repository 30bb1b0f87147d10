"""REST API of settlement (X-6): `/api/settlements/` (list, detail with the figures, the three-way match and the
holds; accept, vendor confirm, vendor request with its invoices, lines, payment — approvers decide through the
approvals endpoints), `/api/invoices/` (read), `/api/tax-rules/` (finance writes, others read)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from outsourcing.core.api import rule_permission
from outsourcing.core.api_fields import PlausibleDateField
from outsourcing.demands.selectors import projects_for
from outsourcing.settlements import acceptance, adjustments, approval, budget, invoices, payments, selectors
from outsourcing.settlements.amounts import figures
from outsourcing.settlements.models import (
    AccountType,
    HiddenCost,
    HiddenCostKind,
    Invoice,
    InvoiceType,
    Settlement,
    TaxMethod,
    TaxRule,
)
from outsourcing.settlements.permissions import available_actions

MONEY = {"max_digits": 15, "decimal_places": 2, "coerce_to_string": True}


class InvoiceSerializer(serializers.ModelSerializer):
    reasons = serializers.SerializerMethodField()

    class Meta:
        model = Invoice
        fields = ["id", "settlement", "invoice_type", "number", "issued_on", "tax_item", "tax_method", "rate",
                  "amount", "tax", "total", "pass_through", "issuer_name", "issuer_tax_number", "payee_name",
                  "payee_account", "payee_account_type", "reasons"]  # fmt: skip
        read_only_fields = fields

    def get_reasons(self, invoice) -> list[dict]:
        return [{"code": r.code, "message": str(r)} for r in invoices.invoice_reasons(invoice)]


class SettlementSerializer(serializers.ModelSerializer):
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    vendor_name = serializers.CharField(source="contract.vendor.name", read_only=True)
    fee = serializers.SerializerMethodField()
    payable = serializers.SerializerMethodField()
    lines = serializers.SerializerMethodField()
    acceptance = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField()

    class Meta:
        model = Settlement
        fields = ["id", "number", "contract", "contract_number", "vendor_name", "period_start", "period_end",
                  "is_final", "status", "approval_state", "fee", "payable", "requested_amount", "approved_amount",
                  "accepted_at", "vendor_confirmed_at", "requested_at", "approved_at", "waiver_reason", "acceptance",
                  "lines", "available_actions"]  # fmt: skip
        read_only_fields = fields

    def get_fee(self, settlement) -> str:
        return str(figures(settlement).fee)

    def get_payable(self, settlement) -> str:
        return str(figures(settlement).payable)

    def get_acceptance(self, settlement) -> list[dict]:
        return [{"id": line.pk, "description": line.description, "unit": line.unit, "unit_price": str(line.unit_price),
                 "reported_quantity": str(line.reported_quantity), "accepted_quantity": str(line.accepted_quantity),
                 "contract_quantity": None if line.contract_quantity is None else str(line.contract_quantity),
                 "amount": str(line.amount)} for line in settlement.acceptance_lines.all()]  # fmt: skip

    def get_lines(self, settlement) -> list[dict]:
        return [{"line_type": a.line_type, "reason": a.reason, "amount": str(a.amount),
                 "after_payment": a.after_payment} for a in settlement.adjustments.all()]  # fmt: skip

    def get_available_actions(self, settlement) -> list[str]:
        return available_actions(self.context["request"].user, settlement)


class SettlementDetailSerializer(SettlementSerializer):
    match = serializers.SerializerMethodField()
    holds = serializers.SerializerMethodField()
    invoices = InvoiceSerializer(many=True, read_only=True)

    class Meta(SettlementSerializer.Meta):
        fields = [*SettlementSerializer.Meta.fields, "match", "holds", "invoices"]
        read_only_fields = fields

    def get_match(self, settlement) -> list[dict]:
        return [{"label": str(r.label), "expected": str(r.expected), "actual": None if r.actual is None else
                 str(r.actual), "difference": None if r.difference is None else str(r.difference)}
                for r in invoices.three_way_match(settlement)]  # fmt: skip

    def get_holds(self, settlement) -> list[dict]:
        return [{"code": r.code, "message": str(r)} for r in approval.all_holds(settlement)]


class SettlementAcceptLineSerializer(serializers.Serializer):
    line = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    accepted_quantity = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class SettlementAcceptSerializer(serializers.Serializer):
    lines = SettlementAcceptLineSerializer(many=True)


class SettlementInvoiceInputSerializer(serializers.Serializer):
    invoice_type = serializers.ChoiceField(choices=InvoiceType.choices)
    number = serializers.CharField(max_length=30)
    issued_on = PlausibleDateField()
    tax_item = serializers.CharField(max_length=100)
    tax_method = serializers.ChoiceField(choices=TaxMethod.choices)
    rate = serializers.CharField(max_length=10)
    amount = serializers.CharField(max_length=20)
    tax = serializers.CharField(max_length=20)
    total = serializers.CharField(max_length=20)
    pass_through = serializers.CharField(max_length=20, required=False, default="0")
    issuer_name = serializers.CharField(max_length=200)
    issuer_tax_number = serializers.CharField(max_length=20)
    payee_name = serializers.CharField(max_length=200)
    payee_account = serializers.CharField(max_length=40)
    payee_account_type = serializers.ChoiceField(choices=AccountType.choices)


class SettlementRequestSerializer(serializers.Serializer):
    amount = serializers.CharField(max_length=20, help_text="Yuan as a string, at most two decimals (no float).")
    invoices = SettlementInvoiceInputSerializer(many=True)


class SettlementLineSerializer(serializers.Serializer):
    line_type = serializers.CharField(max_length=40)
    amount = serializers.CharField(max_length=20)
    reason = serializers.CharField(max_length=2000)


class SettlementPaymentSerializer(serializers.Serializer):
    paid_on = PlausibleDateField()
    amount = serializers.CharField(max_length=20)
    bank_reference = serializers.CharField(max_length=100)


class SettlementViewSet(viewsets.ReadOnlyModelViewSet):
    """Settlements the caller may see (a vendor user: its own contracts')."""

    permission_classes = [rule_permission("settlements.view_settlements", object_perm="settlements.read_settlement")]
    lookup_value_regex = r"\d+"

    def get_serializer_class(self):
        return SettlementSerializer if self.action == "list" else SettlementDetailSerializer

    def get_queryset(self):
        params = self.request.query_params
        found = selectors.settlements_for(self.request.user, status=params.get("status", ""))
        return found.prefetch_related("invoices") if self.action != "list" else found

    @extend_schema(parameters=[OpenApiParameter("status", str)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _answer(self, settlement, code=status.HTTP_200_OK):
        fresh = selectors.settlement_for(self.request.user, settlement.pk)
        return Response(SettlementDetailSerializer(fresh, context={"request": self.request}).data, status=code)

    @extend_schema(request=SettlementAcceptSerializer, responses=SettlementDetailSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        settlement = self.get_object()
        serializer = SettlementAcceptSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        quantities = {row["line"]: row["accepted_quantity"] for row in serializer.validated_data["lines"]}
        return self._answer(acceptance.accept(actor=request.user, settlement=settlement, quantities=quantities))

    @extend_schema(request=None, responses=SettlementDetailSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._answer(acceptance.confirm_acceptance(actor=request.user, settlement=self.get_object()))

    @extend_schema(request=SettlementRequestSerializer, responses=SettlementDetailSerializer)
    @action(detail=True, methods=["post"], url_path="request")
    def submit_request(self, request, pk=None):
        settlement = self.get_object()
        serializer = SettlementRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        items = [invoices.InvoiceData(**row) for row in data["invoices"]]
        return self._answer(approval.submit_request(actor=request.user, settlement=settlement, amount=data["amount"],
                                                    invoices=items))  # fmt: skip

    @extend_schema(request=SettlementLineSerializer, responses=SettlementDetailSerializer)
    @action(detail=True, methods=["post"])
    def lines(self, request, pk=None):
        settlement = self.get_object()
        serializer = SettlementLineSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        adjustments.add_line(actor=request.user, settlement=settlement, line_type_code=data["line_type"],
                             amount=data["amount"], reason=data["reason"])  # fmt: skip
        return self._answer(settlement, status.HTTP_201_CREATED)

    @extend_schema(request=SettlementPaymentSerializer, responses=SettlementDetailSerializer)
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        settlement = self.get_object()
        serializer = SettlementPaymentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payments.record_payment(actor=request.user, settlement=settlement, **serializer.validated_data)
        return self._answer(settlement, status.HTTP_201_CREATED)


class InvoiceViewSet(viewsets.ReadOnlyModelViewSet):
    """The invoices of the settlements the caller may see, with the reasons every approver sees."""

    serializer_class = InvoiceSerializer
    permission_classes = [rule_permission("settlements.view_settlements")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        visible = selectors.settlements_for(self.request.user).values("pk")
        return Invoice.objects.filter(settlement__in=visible).order_by("-issued_on", "-id")


class TaxRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = TaxRule
        fields = ["id", "tax_item", "method", "rate", "valid_from", "valid_until", "source"]
        read_only_fields = ["id"]


class TaxRuleViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The tax-rule table (SET-7): everyone signed in reads, finance adds."""

    serializer_class = TaxRuleSerializer
    permission_classes = [rule_permission("settlements.view_tax_rules")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.tax_rules()

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        rule = invoices.save_tax_rule(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(rule).data, status=status.HTTP_201_CREATED)


class HiddenCostSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=HiddenCostKind.choices)
    amount = serializers.DecimalField(**MONEY)

    class Meta:
        model = HiddenCost
        fields = ["id", "project", "kind", "description", "incurred_on", "amount"]
        read_only_fields = ["id"]


class ProjectBudgetSerializer(serializers.Serializer):
    """A project's spend against its budget and risk reserve (SET-6)."""

    project = serializers.IntegerField(source="project.pk")
    number = serializers.CharField(source="project.number")
    name = serializers.CharField(source="project.name")
    budget = serializers.DecimalField(source="figures.budget", **MONEY)
    risk_reserve = serializers.DecimalField(source="figures.reserve", **MONEY)
    paid = serializers.DecimalField(source="figures.paid", **MONEY)
    hidden_costs = serializers.DecimalField(source="figures.hidden", **MONEY)
    actual = serializers.DecimalField(source="figures.actual", **MONEY)
    approved_unpaid = serializers.DecimalField(source="figures.approved_unpaid", **MONEY)
    remaining_contracts = serializers.DecimalField(source="figures.remaining_contracts", **MONEY)
    committed = serializers.DecimalField(source="figures.committed", **MONEY)
    percent = serializers.DecimalField(source="figures.percent", max_digits=9, decimal_places=1, allow_null=True,
                                       coerce_to_string=True)  # fmt: skip
    threshold = serializers.IntegerField(source="figures.threshold", allow_null=True)


class ProjectBudgetViewSet(viewsets.ReadOnlyModelViewSet):
    """The budget figures of the projects the caller may see (SET-6); the lookup is the project's id."""

    serializer_class = ProjectBudgetSerializer
    permission_classes = [rule_permission("settlements.view_budgets", object_perm="settlements.view_project_budget")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return projects_for(self.request.user)

    def _rows(self, projects):
        found = budget.figures_for(projects)
        return [{"project": p, "figures": found[p.pk]} for p in projects]

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(self._rows(page), many=True).data)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self._rows([self.get_object()])[0]).data)


class HiddenCostViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Hidden costs of the projects the caller may see (SET-6); the project's department or finance adds."""

    serializer_class = HiddenCostSerializer
    permission_classes = [rule_permission("settlements.view_budgets")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        visible = projects_for(self.request.user).values("pk")
        return HiddenCost.objects.filter(project__in=visible).order_by("-incurred_on", "-id")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        cost = budget.record_hidden_cost(actor=request.user, **data)
        return Response(self.get_serializer(cost).data, status=status.HTTP_201_CREATED)
