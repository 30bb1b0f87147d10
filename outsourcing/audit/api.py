"""REST API of the audit trail: read-only, for internal audit and the administrator (X-1, AUD-2, X-6)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from outsourcing.audit import selectors
from outsourcing.audit.forms import AuditSearchForm
from outsourcing.audit.presentation import ACTION_CODES, LogEntry, raw_changes
from outsourcing.core.api import rule_permission
from outsourcing.org.models import User


class ActorSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username"]


class AuditEventSerializer(serializers.ModelSerializer):
    actor = ActorSerializer(read_only=True, allow_null=True, help_text="null: written by the system")
    action = serializers.SerializerMethodField()
    object_type = serializers.SerializerMethodField()
    object_id = serializers.CharField(source="object_pk", read_only=True)
    changes = serializers.SerializerMethodField()
    viewed = serializers.SerializerMethodField()

    class Meta:
        model = LogEntry
        fields = ["id", "timestamp", "actor", "action", "object_type", "object_id", "object_repr", "changes", "viewed"]

    @extend_schema_field(serializers.ChoiceField(choices=list(ACTION_CODES.values())))
    def get_action(self, entry) -> str:
        return ACTION_CODES.get(entry.action, str(entry.action))

    def get_object_type(self, entry) -> str:
        """The record type as "app_label.model", e.g. "org.department"."""
        return f"{entry.content_type.app_label}.{entry.content_type.model}"

    @extend_schema_field(
        {
            "type": "object",
            "description": 'Each changed field: ["before", "after"] as recorded (references as ids).',
            "additionalProperties": True,
        }
    )
    def get_changes(self, entry) -> dict:
        return raw_changes(entry)

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "description": 'For "access" entries: the fields viewed in clear and the reason given (never the values); '
            "legal_claim (only when there was one): the named legal claim a storage-only record was viewed for.",
            "properties": {"fields": {"type": "array", "items": {"type": "string"}}, "reason": {"type": "string"},
                           "legal_claim": {"type": "string"}},
        }
    )
    def get_viewed(self, entry) -> dict | None:
        additional = entry.additional_data if isinstance(entry.additional_data, dict) else {}
        if "viewed_fields" not in additional:
            return None
        viewed = {"fields": list(additional["viewed_fields"]), "reason": str(additional.get("reason", ""))}
        if additional.get("legal_claim"):
            viewed["legal_claim"] = str(additional["legal_claim"])
        return viewed


FILTERS = [
    OpenApiParameter("user", OpenApiTypes.STR, description="Username of the person who acted (exact)."),
    OpenApiParameter("object_type", OpenApiTypes.STR, description='Record type as "app_label.model".'),
    OpenApiParameter("object_id", OpenApiTypes.STR, description="Id of one record (with object_type)."),
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="From this day (Asia/Shanghai), inclusive."),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Up to this day (Asia/Shanghai), inclusive."),
    OpenApiParameter("action", OpenApiTypes.STR, enum=list(ACTION_CODES.values())),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS, tags=["audit"]), retrieve=extend_schema(tags=["audit"]))
class AuditEventViewSet(viewsets.ReadOnlyModelViewSet):
    """The audit trail, newest first. Entries are never changed or deleted, so there is nothing to write."""

    serializer_class = AuditEventSerializer
    permission_classes = [rule_permission("audit.view_audit_trail")]
    queryset = LogEntry.objects.none()  # for the schema; the real reads are in get_queryset

    def get_queryset(self):
        if self.action != "list":
            return selectors.audit_events()
        form = AuditSearchForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        return selectors.audit_events(**form.filters())
