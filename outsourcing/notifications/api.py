"""REST API of the inbox: my notifications, mark one read, mark all read (X-2, X-6)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from outsourcing.core.api import flag_param, rule_permission
from outsourcing.notifications import selectors, services
from outsourcing.notifications.models import Kind, Notification


class NotificationSerializer(serializers.ModelSerializer):
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "title", "body", "url", "level", "level_display", "kind", "created_at", "read_at", "is_read",
                  "resolved_at"]  # fmt: skip
        read_only_fields = fields


UNREAD_PARAMETER = OpenApiParameter(
    "unread", OpenApiTypes.BOOL, description="1: only notifications not read yet, unread first then newest."
)
KIND_PARAMETER = OpenApiParameter(
    "kind",
    OpenApiTypes.STR,
    enum=Kind.values,
    description="Only notices of this kind (todo: approve, confirm, answer; resolved when done by anyone).",
)


@extend_schema_view(
    list=extend_schema(parameters=[UNREAD_PARAMETER, KIND_PARAMETER], tags=["notifications"]),
    retrieve=extend_schema(tags=["notifications"]),
)
class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """My notifications only; another person's notification is not found (404)."""

    serializer_class = NotificationSerializer
    permission_classes = [rule_permission("notifications.view_inbox")]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Notification.objects.none()
        unread_only = flag_param(self.request, "unread")
        kind = self.request.query_params.get("kind", "")
        if kind and kind not in Kind.values:  # an unknown kind is the caller's mistake, not an empty list
            raise ValidationError({"kind": [_("Choose one of: %(kinds)s.") % {"kinds": ", ".join(Kind.values)}]})
        return selectors.notifications_for(user=self.request.user, unread_only=unread_only, kind=kind)

    @extend_schema(request=None, responses=NotificationSerializer, tags=["notifications"])
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark one of my notifications read."""
        notification = services.mark_read(user=request.user, notification=self.get_object())
        return Response(NotificationSerializer(notification).data)

    @extend_schema(
        request=None,
        responses=inline_serializer("NotificationsMarkedRead", {"marked": serializers.IntegerField()}),
        tags=["notifications"],
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        """Mark all my unread notifications read; answers how many."""
        return Response({"marked": services.mark_all_read(user=request.user)})
