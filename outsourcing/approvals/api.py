"""REST API of the approval engine: my pending tasks and decisions on them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from outsourcing.approvals import batch, selectors, services
from outsourcing.approvals.models import ApprovalTask, Decision
from outsourcing.core.api import MAX_ID, rule_permission


class ApprovalTaskSerializer(serializers.ModelSerializer):
    document_title = serializers.CharField(source="request.title", read_only=True)
    document_type = serializers.CharField(source="request.flow.document_type", read_only=True)
    document_url = serializers.SerializerMethodField()
    amount = serializers.DecimalField(source="request.amount", max_digits=15, decimal_places=2, read_only=True)
    submitter = serializers.CharField(source="request.submitter.username", read_only=True)
    department = serializers.CharField(source="department.name", default=None, read_only=True)
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", default=None, read_only=True)
    on_behalf_of = serializers.CharField(source="on_behalf_of.username", default=None, read_only=True)

    class Meta:
        model = ApprovalTask
        fields = [
            "id",
            "document_title",
            "document_type",
            "document_url",
            "amount",
            "submitter",
            "round",
            "position",
            "step_name",
            "role",
            "role_display",
            "department",
            "status",
            "opened_at",
            "decided_by",
            "on_behalf_of",
            "comment",
            "decided_at",
        ]

    def get_document_url(self, task) -> str:
        document = task.request.document
        return document.get_absolute_url() if document is not None else ""


class DecisionSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class BatchApprovalSerializer(serializers.Serializer):
    tasks = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=False,
        max_length=batch.BATCH_LIMIT,
        help_text="Ids of steps waiting for me, all of one kind of document.",
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ApprovalTaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Tasks waiting for my decision (list); any task my roles cover (detail, decisions)."""

    serializer_class = ApprovalTaskSerializer
    permission_classes = [rule_permission("approvals.view_inbox")]

    def get_queryset(self):
        if self.action == "list":
            return selectors.inbox(self.request.user).prefetch_related("request__document")
        return selectors.tasks_in_scope(self.request.user).select_related(
            "request__submitter", "request__flow", "department", "decided_by", "on_behalf_of"
        )

    def _decide(self, request, decision: str):
        task = self.get_object()
        body = DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        task = services.decide(
            task=task, actor=request.user, decision=decision, comment=body.validated_data.get("comment", "")
        )
        return Response(ApprovalTaskSerializer(self.get_queryset().get(pk=task.pk)).data)

    @extend_schema(request=BatchApprovalSerializer, responses=ApprovalTaskSerializer(many=True))
    @action(detail=False, methods=["post"], url_path="batch-approve")
    def batch_approve(self, request):
        """Approve several steps of one kind of document with one comment (WF-4): each is checked and recorded on
        its own, and if any may not be approved none is (`batch_refused`, every blocking step under `blockers`)."""
        body = BatchApprovalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        tasks = batch.chosen_steps(request.user, body.validated_data["tasks"])
        decided = batch.approve_batch(tasks=tasks, actor=request.user, comment=body.validated_data.get("comment", ""))
        rows = self.get_queryset().filter(pk__in=[task.pk for task in decided]).order_by("pk")
        return Response(ApprovalTaskSerializer(rows, many=True).data)

    @extend_schema(request=DecisionSerializer, responses=ApprovalTaskSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, Decision.APPROVE)

    @extend_schema(request=DecisionSerializer, responses=ApprovalTaskSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decide(request, Decision.REJECT)

    @extend_schema(request=DecisionSerializer, responses=ApprovalTaskSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        return self._decide(request, Decision.RETURN)
