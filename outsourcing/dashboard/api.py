"""The dashboards' figures over the API (X-7): `/api/dashboard/?period=2026` or `?period=2026-03`, the page's
figures under the page's permissions (each panel only for who may read the list behind it)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from outsourcing.core.api import rule_permission
from outsourcing.dashboard import figures as source


class RowSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField(help_text="The figure: a count, or an amount in CNY as a decimal string.")
    url = serializers.CharField(required=False, help_text="The list behind the figure, with its filters.")


def _money(**kwargs):
    return serializers.DecimalField(max_digits=18, decimal_places=2, **kwargs)


def _rows():
    return RowSerializer(many=True)


class PeriodSerializer(serializers.Serializer):
    key = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()


class SpendSerializer(serializers.Serializer):
    actual = _money(help_text="Paid in the period.")
    approved_unpaid = _money()
    remaining = _money(required=False, help_text="The rest of the live contracts' value (company staff only).")
    committed = _money(required=False, help_text="Approved unpaid plus the rest of the live contracts' value.")
    budget = _money(required=False, help_text="The approved budgets of the live contracts' projects.")
    by_department, by_vendor, by_category, by_month = _rows(), _rows(), _rows(), _rows()


class HeadcountSerializer(serializers.Serializer):
    on_site = serializers.IntegerField()
    joiners = serializers.IntegerField()
    leavers = serializers.IntegerField()
    by_vendor, by_project, by_department = _rows(), _rows(), _rows()


class VendorsSerializer(serializers.Serializer):
    by_status = _rows()
    strategic = serializers.IntegerField()
    total = serializers.IntegerField()


class PerformanceSerializer(serializers.Serializer):
    grades, worst = _rows(), _rows()
    disputes = serializers.IntegerField()
    scorecard_url = serializers.CharField(required=False, help_text="A vendor's own scorecard (vendor users).")


class RisksSerializer(serializers.Serializer):
    open = serializers.IntegerField()
    by_level, by_status, scores = _rows(), _rows(), _rows()


class IncidentsSerializer(serializers.Serializer):
    in_period = serializers.IntegerField()
    open = serializers.IntegerField()
    by_kind = _rows()


class DashboardSerializer(serializers.Serializer):
    period = PeriodSerializer()
    spend = SpendSerializer(required=False)
    headcount = HeadcountSerializer(required=False)
    vendors = VendorsSerializer(required=False)
    performance = PerformanceSerializer(required=False)
    risks = RisksSerializer(required=False)
    incidents = IncidentsSerializer(required=False)


@extend_schema(
    responses=DashboardSerializer,
    parameters=[OpenApiParameter("period", str, description="A year (2026) or a month (2026-03); this year if "
                                 "absent. A future period is refused (code future_period).")],
)  # fmt: skip
@api_view(["GET"])
@permission_classes([rule_permission("dashboard.view_reports")])
def dashboard(request):
    """The dashboard's figures for the period (X-7), scoped to the caller as the lists behind them are."""
    period = source.parse_period(request.query_params.get("period"))
    return Response(DashboardSerializer(source.figures_for(request.user, period)).data)
