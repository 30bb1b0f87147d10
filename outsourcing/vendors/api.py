"""REST API of the vendor pool: vendors, their documents and admission reviews (X-6, ORG-3).

Company staff read the pool and HR writes it; a vendor user reads only its own vendor and documents,
adds documents, and asks for profile changes. Reviews and internal notes are never shown to a vendor.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from outsourcing.core.api import rule_permission
from outsourcing.vendors import qualification, selectors, services
from outsourcing.vendors.models import (
    AdmissionReview,
    CriterionResult,
    LicenceType,
    ProfileChangeRequest,
    QualificationDocument,
    ServiceCategory,
    Vendor,
    VendorStatus,
)


class DocumentSerializer(serializers.ModelSerializer):
    licence_type = serializers.SlugRelatedField(slug_field="code", queryset=LicenceType.objects.all())
    licence_type_name = serializers.CharField(source="licence_type.name", read_only=True)
    state = serializers.SerializerMethodField()
    file = serializers.FileField(write_only=True, required=False)

    class Meta:
        model = QualificationDocument
        fields = [
            "id",
            "licence_type",
            "licence_type_name",
            "number",
            "issuer",
            "valid_from",
            "valid_until",
            "scope",
            "state",
            "file",
        ]

    def get_state(self, document) -> str:
        return qualification.validity(document).state

    def validate(self, attrs):
        # Django's model validation would ask for the vendor; the service sets it and checks the rest.
        return attrs


class VendorSerializer(serializers.ModelSerializer):
    """A vendor's master data, status and eligibility (what a vendor user reads of its own company)."""

    categories = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=ServiceCategory.objects.filter(is_active=True)
    )
    eligible = serializers.SerializerMethodField()
    ineligibility_reasons = serializers.SerializerMethodField()

    class Meta:
        model = Vendor
        fields = [
            "id",
            "number",
            "name",
            "entity_type",
            "credit_code",
            "legal_representative",
            "registered_capital",
            "business_scope",
            "address",
            "contact_name",
            "contact_phone",
            "contact_email",
            "bank_name",
            "bank_account",
            "company_size",
            "categories",
            "status",
            "eligible",
            "ineligibility_reasons",
            "admitted_at",
            "next_review_due",
        ]
        read_only_fields = ["number", "status", "admitted_at", "next_review_due"]
        # The service checks the credit code (check digit, uniqueness) with a message people can read.
        # A missing or blank code is refused by the service with its legal reason (VEN-7), not as "required".
        extra_kwargs = {"credit_code": {"validators": [], "required": False, "allow_blank": True}}

    def get_ineligibility_reasons(self, vendor) -> list[str]:
        return qualification.ineligibility_reasons(vendor)

    def get_eligible(self, vendor) -> bool:
        return not qualification.ineligibility_reasons(vendor)


class InternalVendorSerializer(VendorSerializer):
    """What company staff read and HR writes."""

    affiliate = serializers.CharField(source="affiliate.name", default=None, read_only=True)

    class Meta(VendorSerializer.Meta):
        fields = [*VendorSerializer.Meta.fields, "affiliate", "internal_notes"]

    def to_data(self, base: Vendor | None = None) -> services.VendorData:
        merged = {}
        if base is not None:
            data = services.vendor_data_of(base)
            merged = {name: getattr(data, name) for name in services.VendorData.__dataclass_fields__}
        else:
            merged["credit_code"] = ""  # none given: the service says why a vendor needs one (VEN-7)
        merged.update(self.validated_data)
        merged["categories"] = list(merged.get("categories") or [])
        return services.VendorData(
            **{name: merged[name] for name in services.VendorData.__dataclass_fields__ if name in merged}
        )


class CriterionResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = CriterionResult
        fields = ["criterion", "passed", "evidence"]


class AdmissionReviewSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.code")
    results = CriterionResultSerializer(many=True)

    class Meta:
        model = AdmissionReview
        fields = ["id", "number", "kind", "category", "status", "results", "conclusion", "submitted_at", "created_at"]


class StatusChangeSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=VendorStatus.choices)
    reason = serializers.CharField()


class ChangeRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProfileChangeRequest
        fields = ["id", "changes", "status", "requested_at", "decided_at", "decision_note"]
        read_only_fields = ["status", "requested_at", "decided_at", "decision_note"]


class VendorViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Vendors the caller may see: the whole pool for company staff, only its own for a vendor user."""

    permission_classes = [rule_permission("vendors.list_vendors", object_perm="vendors.view_vendor")]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        params = self.request.query_params
        return selectors.vendor_list(
            self.request.user,
            search=params.get("search", "").strip(),
            status=params.get("status", ""),
            attention=params.get("attention", ""),
        )

    def get_serializer_class(self):
        if self.action in ("documents",):
            return DocumentSerializer
        if self.action == "admission_reviews":
            return AdmissionReviewSerializer
        if self.action == "status":
            return StatusChangeSerializer
        if self.action == "change_requests":
            return ChangeRequestSerializer
        user = self.request.user if self.request else None
        if user is not None and user.has_perm("vendors.view_internal"):
            return InternalVendorSerializer
        return VendorSerializer

    def _page(self, queryset):
        """Nested lists paginate like every list: {"count", "next", "previous", "results"}."""
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def _reread(self, vendor: Vendor):
        return InternalVendorSerializer(selectors.vendor_detail(self.request.user, vendor.pk)).data

    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("vendors.manage_vendors"):
            raise PermissionDenied
        serializer = InternalVendorSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        vendor = services.register_vendor(actor=request.user, data=serializer.to_data())
        return Response(self._reread(vendor), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        vendor = self.get_object()
        if not request.user.has_perm("vendors.manage_vendors"):
            raise PermissionDenied
        serializer = InternalVendorSerializer(vendor, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        services.update_vendor(actor=request.user, vendor=vendor, data=serializer.to_data(base=vendor))
        return Response(self._reread(vendor))

    @extend_schema(request=StatusChangeSerializer, responses=InternalVendorSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Suspend, reinstate, remove, or move between tiers, with a reason (VEN-5)."""
        vendor = self.get_object()
        if not request.user.has_perm("vendors.change_status"):
            raise PermissionDenied
        serializer = StatusChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.change_status(actor=request.user, vendor=vendor, **serializer.validated_data)
        return Response(self._reread(vendor))

    @extend_schema(methods=["get"], responses=DocumentSerializer(many=True))  # paginated
    @extend_schema(methods=["post"], request=DocumentSerializer, responses={201: DocumentSerializer})
    @action(detail=True, methods=["get", "post"])
    def documents(self, request, pk=None):
        """The vendor's licences and certificates; HR or the vendor's own user adds one (VEN-2)."""
        vendor = self.get_object()
        if request.method == "GET":
            return self._page(vendor.documents.select_related("licence_type").order_by("licence_type__name", "-id"))
        if not request.user.has_perm("vendors.attach_qualificationdocument", vendor):
            raise PermissionDenied
        serializer = DocumentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        document = qualification.add_document(
            actor=request.user, vendor=vendor, upload=values.pop("file", None), **values
        )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=AdmissionReviewSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="admission-reviews")
    def admission_reviews(self, request, pk=None):
        """The vendor's admission reviews and annual re-reviews (company staff only)."""
        vendor = self.get_object()
        if not request.user.has_perm("vendors.view_internal"):
            raise PermissionDenied
        return self._page(selectors.reviews_of(vendor).prefetch_related("results"))

    @extend_schema(
        request=inline_serializer("ProfileChangeInput", {"changes": serializers.DictField()}),
        responses={201: ChangeRequestSerializer},
    )
    @action(detail=True, methods=["post"], url_path="change-requests")
    def change_requests(self, request, pk=None):
        """A vendor's own user asks to change master data; HR confirms before it applies (ORG-3)."""
        vendor = self.get_object()
        if not request.user.has_perm("vendors.request_profile_change", vendor):
            raise PermissionDenied
        changes = request.data.get("changes")
        if not isinstance(changes, dict) or not changes:
            raise serializers.ValidationError({"changes": [_("Give the fields to change and their new values.")]})
        unknown = sorted(set(changes) - set(services.PORTAL_EDITABLE))
        if unknown:
            raise serializers.ValidationError(
                {"changes": [_("These fields change only through HR: %(fields)s.") % {"fields": "、".join(unknown)}]}
            )
        change = services.request_profile_change(actor=request.user, vendor=vendor, changes=changes)
        return Response(ChangeRequestSerializer(change).data, status=status.HTTP_201_CREATED)
