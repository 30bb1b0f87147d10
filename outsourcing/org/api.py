"""REST API of the organisation: API tokens, who am I, departments, users (administrators)."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from outsourcing.core.api import rule_permission
from outsourcing.org import lockouts, selectors, services, tokens
from outsourcing.org.models import ApiToken, Department, Role, RoleAssignment, User, UserKind


class ObtainTokenView(APIView):
    """POST {"username", "password"} → {"token"}; send it as `Authorization: Token <token>`.

    Each call issues a new token that expires after API_TOKEN_DAYS days (X-6, security finding 7).
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = AuthTokenSerializer

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            {
                "username": serializers.CharField(),
                "password": serializers.CharField(),
                "name": serializers.CharField(required=False, help_text="What the token is for (optional)."),
            },
        ),
        responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
        tags=["auth"],
    )
    def post(self, request, *args, **kwargs):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            # django-axes marks the request when the account is locked from this address (security finding 2):
            # answer 429 with the code login_locked and when to retry, as the login page does.
            if getattr(request, "axes_locked_out", False):
                return lockouts.lockout_response(request._request, None, {"username": request.data.get("username")})
            raise ValidationError(serializer.errors)
        name = request.data.get("name") if isinstance(request.data.get("name"), str) else ""
        _token, key = tokens.issue_token(user=serializer.validated_data["user"], name=name)
        return Response({"token": key})


class ApiTokenSerializer(serializers.ModelSerializer):
    current = serializers.SerializerMethodField(help_text="Whether this request came with this token.")

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "expires_at", "last_used_at", "current"]
        read_only_fields = fields

    def get_current(self, token) -> bool:
        return getattr(self.context.get("request"), "auth", None) == token


@extend_schema(tags=["auth"])
class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The caller's own API tokens that still work; DELETE revokes one (another person's is 404)."""

    serializer_class = ApiTokenSerializer
    queryset = ApiToken.objects.none()  # for the schema; the list is the caller's own (below)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(tokens.live_tokens(user=request.user))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def destroy(self, request, *args, **kwargs):
        try:
            token_id = int(kwargs["pk"])
        except (TypeError, ValueError):
            token_id = 0
        tokens.revoke_token(actor=request.user, token_id=token_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RoleAssignmentSerializer(serializers.ModelSerializer):
    role_display = serializers.CharField(source="get_role_display", read_only=True)
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), allow_null=True, required=False
    )

    class Meta:
        model = RoleAssignment
        fields = ["role", "role_display", "department"]


class MeSerializer(serializers.ModelSerializer):
    roles = RoleAssignmentSerializer(source="role_assignments_cached", many=True, read_only=True)
    department_name = serializers.CharField(source="department.name", default=None, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "email", "kind", "department", "department_name", "title", "roles"]


class MeView(APIView):
    """The logged-in user with their roles and scopes."""

    @extend_schema(responses=MeSerializer, tags=["org"])
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class DepartmentSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(queryset=Department.objects.all(), allow_null=True, required=False)

    class Meta:
        model = Department
        fields = ["id", "name", "code", "parent", "is_active", "sort_order"]
        read_only_fields = ["id"]
        extra_kwargs = {"code": {"validators": []}}


class DepartmentViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Departments: every staff member reads the tree; administrators create and change it."""

    serializer_class = DepartmentSerializer
    queryset = Department.objects.select_related("parent").order_by("sort_order", "code")

    def get_permissions(self):
        perm = "org.view_organisation" if self.action in ("list", "retrieve") else "org.manage_organisation"
        return [rule_permission(perm)()]

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.create_department(
            actor=self.request.user,
            name=data["name"],
            code=data["code"],
            parent=data.get("parent"),
            sort_order=data.get("sort_order", 0),
        )

    def perform_update(self, serializer):
        department = serializer.instance
        data = {**DepartmentSerializer(department).data, **serializer.validated_data}
        parent = serializer.validated_data.get("parent", department.parent)
        serializer.instance = services.update_department(
            actor=self.request.user,
            department=department,
            name=data["name"],
            code=data["code"],
            parent=parent,
            sort_order=data["sort_order"],
            is_active=data["is_active"],
        )


class UserSerializer(serializers.ModelSerializer):
    roles = RoleAssignmentSerializer(source="role_assignments", many=True, required=False)
    password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), allow_null=True, required=False
    )

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "email",
            "kind",
            "department",
            "title",
            "phone",
            "is_active",
            "roles",
            "password",
        ]
        read_only_fields = ["id"]
        extra_kwargs = {"username": {"validators": []}, "kind": {"default": UserKind.INTERNAL}}

    def validate(self, attrs):
        if self.instance is None and not attrs.get("password"):
            raise serializers.ValidationError({"password": [serializers.Field.default_error_messages["required"]]})
        return attrs


def _grants(data) -> list[services.RoleGrant]:
    return [services.RoleGrant(Role(r["role"]), r.get("department")) for r in data]


class UserViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Users and their roles (administrators only)."""

    serializer_class = UserSerializer
    permission_classes = [rule_permission("org.manage_organisation")]

    def get_queryset(self):
        return selectors.users_list()

    @transaction.atomic
    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.create_user(
            actor=self.request.user,
            username=data["username"],
            full_name=data["full_name"],
            password=data["password"],
            kind=data.get("kind", UserKind.INTERNAL),
            email=data.get("email", ""),
            department=data.get("department"),
            phone=data.get("phone", ""),
            title=data.get("title", ""),
            roles=_grants(data.get("role_assignments", [])),
        )

    @transaction.atomic
    def perform_update(self, serializer):
        user, data = serializer.instance, serializer.validated_data
        roles = data.get("role_assignments")
        current = [services.RoleGrant(a.role, a.department) for a in user.role_assignments.all()]
        serializer.instance = services.update_user(
            actor=self.request.user,
            user=user,
            full_name=data.get("full_name", user.full_name),
            email=data.get("email", user.email),
            department=data.get("department", user.department),
            phone=data.get("phone", user.phone),
            title=data.get("title", user.title),
            is_active=data.get("is_active", user.is_active),
            roles=_grants(roles) if roles is not None else current,
        )
        if data.get("password"):
            services.reset_password(actor=self.request.user, user=serializer.instance, password=data["password"])
