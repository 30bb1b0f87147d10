"""REST API of daily operations (X-6): work instructions to the vendor's site manager (OPS-1), meetings and action
items (OPS-3), kick-offs with interface persons (OPS-4). A vendor user reads only its own contracts' records,
acknowledges and completes instructions and closes its own action items."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from outsourcing.contracts.models import Contract
from outsourcing.core.api import rule_permission
from outsourcing.core.api_fields import PlausibleDateField
from outsourcing.operations import instructions, kickoff, meetings, selectors
from outsourcing.operations.models import (
    ActionItem,
    InterfacePerson,
    KickOff,
    Meeting,
    MeetingKind,
    Side,
    WorkInstruction,
)
from outsourcing.operations.permissions import available_actions
from outsourcing.org.models import User


class InstructionSerializer(serializers.ModelSerializer):
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    vendor = serializers.CharField(source="contract.vendor.name", read_only=True)
    addressee_name = serializers.CharField(source="addressee.full_name", read_only=True)
    available_actions = serializers.SerializerMethodField()

    class Meta:
        model = WorkInstruction
        fields = ["id", "number", "contract", "contract_number", "vendor", "addressee", "addressee_name", "subject",
                  "content", "issued_on", "acknowledge_by", "due_date", "status", "acknowledged_at",
                  "completed_at", "completion_report", "available_actions"]  # fmt: skip
        read_only_fields = fields

    def get_available_actions(self, instruction) -> list[str]:
        return available_actions(self.context["request"].user, instruction)


class IssueSerializer(serializers.Serializer):
    """An instruction: the contract, the site manager it goes to, what is needed and by when."""

    contract = serializers.PrimaryKeyRelatedField(queryset=Contract.objects.all())
    addressee = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(),
                                                   help_text="The id of the vendor's site manager.")
    subject = serializers.CharField(max_length=200)
    content = serializers.CharField()
    issued_on = PlausibleDateField(required=False, allow_null=True, default=None)
    due_date = PlausibleDateField()
    send_anyway = serializers.BooleanField(required=False, default=False, help_text=(
        "The text screen answers 400 `direct_management_terms` with its hits; send again with true to send as "
        "written, recorded as a sign of direct management (RSK-3)."))


class CompleteSerializer(serializers.Serializer):
    report = serializers.CharField()


class InstructionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Work instructions the caller may see. POST (the project's department) issues one to the vendor's site
    manager; the site manager POSTs `acknowledge/`, then `complete/` with the report."""

    serializer_class = InstructionSerializer
    permission_classes = [rule_permission("operations.view_operations", object_perm="operations.read_record")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        params = self.request.query_params
        return selectors.instructions_for(self.request.user, status=params.get("status", ""),
                                          search=params.get("search", ""))  # fmt: skip

    @extend_schema(parameters=[
        OpenApiParameter("status", str, description="issued, acknowledged or completed"),
        OpenApiParameter("search", str, description="Part of the number or the subject."),
    ])  # fmt: skip
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=IssueSerializer, responses={201: InstructionSerializer})
    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("operations.issue_instructions"):
            raise PermissionDenied
        serializer = IssueSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = instructions.InstructionData(**serializer.validated_data)
        if not request.user.has_perm("operations.read_record", data.contract):
            raise PermissionDenied
        instruction = instructions.issue_instruction(actor=request.user, data=data)
        return Response(self.get_serializer(instruction).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=InstructionSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        """The vendor's site manager acknowledges the instruction."""
        instruction = instructions.acknowledge_instruction(actor=request.user, instruction=self.get_object())
        return Response(self.get_serializer(instruction).data)

    @extend_schema(request=CompleteSerializer, responses=InstructionSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        """The site manager reports what was done."""
        instruction = self.get_object()
        serializer = CompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instruction = instructions.complete_instruction(actor=request.user, instruction=instruction,
                                                        report=serializer.validated_data["report"])  # fmt: skip
        return Response(self.get_serializer(instruction).data)


# --- kick-offs (OPS-4)


class InterfacePersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = InterfacePerson
        fields = ["id", "side", "person", "name", "responsibility", "since", "until"]
        read_only_fields = ["id", "side", "name", "since", "until"]


class KickOffSerializer(serializers.ModelSerializer):
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    interface_persons = serializers.SerializerMethodField()

    class Meta:
        model = KickOff
        fields = ["id", "contract", "contract_number", "held_on", "goals", "communication_plan", "attendees",
                  "interface_persons"]  # fmt: skip
        read_only_fields = fields

    def get_interface_persons(self, held) -> list[dict]:
        current = self.context.get("interface_persons", {}).get(held.contract_id)
        if current is None:
            current = selectors.current_interface_persons([held.contract_id]).get(held.contract_id, [])
        return InterfacePersonSerializer(current, many=True).data


class PersonEntrySerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    responsibility = serializers.CharField(max_length=200)


class KickOffCreateSerializer(serializers.Serializer):
    contract = serializers.PrimaryKeyRelatedField(queryset=Contract.objects.all())
    held_on = PlausibleDateField()
    goals = serializers.CharField()
    communication_plan = serializers.CharField()
    attendees = serializers.CharField(required=False, allow_blank=True, default="")
    interface_persons = PersonEntrySerializer(many=True, help_text="At least one on each side.")


class KickOffViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Kick-offs the caller may see, each with the contract's current interface persons. POST (the project's
    department or HR) records one after signing, naming both sides' interface persons."""

    serializer_class = KickOffSerializer
    permission_classes = [rule_permission("operations.view_operations", object_perm="operations.read_record")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.kickoffs_for(self.request.user)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        persons = selectors.current_interface_persons([k.contract_id for k in page])
        data = KickOffSerializer(page, many=True, context={"request": request, "interface_persons": persons}).data
        return self.get_paginated_response(data)

    @extend_schema(request=KickOffCreateSerializer, responses={201: KickOffSerializer})
    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("operations.hold_meetings"):
            raise PermissionDenied
        serializer = KickOffCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if not request.user.has_perm("operations.read_record", data["contract"]):
            raise PermissionDenied
        data["interface_persons"] = [kickoff.InterfacePersonData(**entry) for entry in data["interface_persons"]]
        held = kickoff.record_kickoff(actor=request.user, **data)
        return Response(self.get_serializer(held).data, status=status.HTTP_201_CREATED)


# --- meetings and action items (OPS-3)


class ActionItemSerializer(serializers.ModelSerializer):
    meeting_number = serializers.CharField(source="meeting.number", read_only=True)
    owner_name = serializers.CharField(source="owner.full_name", read_only=True)
    available_actions = serializers.SerializerMethodField()

    class Meta:
        model = ActionItem
        fields = ["id", "meeting", "meeting_number", "description", "owner", "owner_name", "owner_side", "due_date",
                  "status", "closed_at", "outcome", "available_actions"]  # fmt: skip
        read_only_fields = fields

    def get_available_actions(self, item) -> list[str]:
        return available_actions(self.context["request"].user, item)


class ActionItemCreateSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=300)
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), allow_null=True, required=False,
                                               default=None, help_text="Company staff or a user of the vendor.")
    due_date = PlausibleDateField(allow_null=True, required=False, default=None)


class MeetingSerializer(serializers.ModelSerializer):
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    company_attendees = serializers.SerializerMethodField()
    vendor_attendees = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "number", "contract", "contract_number", "kind", "held_on", "quarter", "agenda",
                  "company_attendees", "vendor_attendees", "minutes", "minutes_recorded_at"]  # fmt: skip
        read_only_fields = fields

    def _side(self, meeting, side) -> list[str]:
        return [a.name for a in meeting.attendees.all() if a.side == side]

    def get_company_attendees(self, meeting) -> list[str]:
        return self._side(meeting, Side.COMPANY)

    def get_vendor_attendees(self, meeting) -> list[str]:
        return self._side(meeting, Side.VENDOR)


class MeetingCreateSerializer(serializers.Serializer):
    contract = serializers.PrimaryKeyRelatedField(queryset=Contract.objects.all())
    kind = serializers.ChoiceField(choices=MeetingKind.choices)
    held_on = PlausibleDateField()
    quarter = PlausibleDateField(required=False, allow_null=True, default=None,
                                    help_text="A QBR: the first day of the quarter it reviews.")
    agenda = serializers.CharField()
    company_attendees = serializers.ListField(child=serializers.CharField(max_length=100))
    vendor_attendees = serializers.ListField(child=serializers.CharField(max_length=100))


class MinutesSerializer(serializers.Serializer):
    minutes = serializers.CharField()


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.CharField()


class MeetingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings the caller may see. POST records one (agenda, both sides' attendees); `minutes/` records its
    minutes; `action-items/` adds an action item with its owner and due date."""

    serializer_class = MeetingSerializer
    permission_classes = [rule_permission("operations.view_operations", object_perm="operations.read_record")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.meetings_for(self.request.user, kind=self.request.query_params.get("kind", "")
                                      ).prefetch_related("attendees")  # fmt: skip

    @extend_schema(parameters=[OpenApiParameter("kind", str, description="weekly, monthly or qbr")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=MeetingCreateSerializer, responses={201: MeetingSerializer})
    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("operations.hold_meetings"):
            raise PermissionDenied
        serializer = MeetingCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not request.user.has_perm("operations.read_record", serializer.validated_data["contract"]):
            raise PermissionDenied
        held = meetings.record_meeting(actor=request.user, **serializer.validated_data)
        return Response(self.get_serializer(held).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MinutesSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def minutes(self, request, pk=None):
        held = self.get_object()
        serializer = MinutesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        held = meetings.record_minutes(actor=request.user, meeting=held, minutes=serializer.validated_data["minutes"])
        return Response(self.get_serializer(held).data)

    @extend_schema(request=ActionItemCreateSerializer, responses={201: ActionItemSerializer})
    @action(detail=True, methods=["post"], url_path="action-items")
    def action_items(self, request, pk=None):
        held = self.get_object()
        serializer = ActionItemCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = meetings.add_action_item(actor=request.user, meeting=held, **serializer.validated_data)
        return Response(ActionItemSerializer(item, context={"request": request}).data, status=status.HTTP_201_CREATED)


class ActionItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Action items the caller may see, open first by due date; the owner (or who holds the meeting) POSTs
    `close/` with the outcome."""

    serializer_class = ActionItemSerializer
    permission_classes = [rule_permission("operations.view_operations", object_perm="operations.read_record")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.action_items_for(self.request.user, status=self.request.query_params.get("status", ""))

    @extend_schema(parameters=[OpenApiParameter("status", str, description="open or closed")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=OutcomeSerializer, responses=ActionItemSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        item = self.get_object()
        serializer = OutcomeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = meetings.close_action_item(actor=request.user, item=item, outcome=serializer.validated_data["outcome"])
        return Response(self.get_serializer(item).data)
