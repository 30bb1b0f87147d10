"""REST API of vendor selection (X-6): events, answers (sealed like the pages), the panel's declaration and
score sheet, and the results once the viewer may see them."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from outsourcing.core.api import id_from, rule_permission
from outsourcing.demands.models import Project
from outsourcing.sourcing import bidding, events, scoring, selectors
from outsourcing.sourcing.models import DEFAULT_WEIGHTS, SCORED_BY_HAND, Bid, Candidate, Criterion, SourcingEvent
from outsourcing.vendors.models import ServiceCategory, Vendor


class CandidateSerializer(serializers.ModelSerializer):
    vendor = serializers.CharField(source="vendor.name", read_only=True)
    vendor_id = serializers.IntegerField(read_only=True)
    answered = serializers.BooleanField(read_only=True)

    class Meta:
        model = Candidate
        fields = ["id", "vendor_id", "vendor", "answered", "eliminated_at", "elimination_reason"]


class EventSerializer(serializers.ModelSerializer):
    project = serializers.SlugRelatedField(slug_field="number", queryset=Project.objects.all())
    category = serializers.SlugRelatedField(slug_field="code", queryset=ServiceCategory.objects.filter(is_active=True))
    weights = serializers.DictField(child=serializers.DecimalField(max_digits=5, decimal_places=2), required=False)

    class Meta:
        model = SourcingEvent
        fields = [
            "id",
            "number",
            "project",
            "title",
            "category",
            "method",
            "kind",
            "requirements",
            "deadline",
            "weights",
            "single_source_justification",
            "status",
            "stage",
            "invited_at",
            "opened_at",
        ]
        read_only_fields = ["number", "status", "stage", "invited_at", "opened_at"]

    def to_data(self) -> events.EventData:
        d = self.validated_data
        weights = {c: d.get("weights", {}).get(c, default) for c, default in DEFAULT_WEIGHTS.items()}
        return events.EventData(
            project=d["project"],
            title=d["title"],
            category=d["category"],
            method=d["method"],
            kind=d.get("kind", "rfp"),
            requirements=d["requirements"],
            deadline=d["deadline"],
            weights=weights,
            single_source_justification=d.get("single_source_justification", ""),
        )


class QuoteLineSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=100)
    amount = serializers.DecimalField(max_digits=15, decimal_places=2)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class BidSerializer(serializers.ModelSerializer):
    event = serializers.IntegerField(source="candidate.event_id")
    vendor = serializers.CharField(source="candidate.vendor.name", read_only=True)
    lines = QuoteLineSerializer(many=True)

    class Meta:
        model = Bid
        fields = [
            "id",
            "event",
            "vendor",
            "company_profile",
            "similar_cases",
            "service_proposal",
            "quote_total",
            "lines",
            "submitted_at",
        ]
        read_only_fields = ["submitted_at"]


class ScoreInputSerializer(serializers.Serializer):
    candidate = serializers.IntegerField()
    criterion = serializers.ChoiceField(choices=[(c, Criterion(c).label) for c in SCORED_BY_HAND])
    value = serializers.DecimalField(max_digits=5, decimal_places=2)


class EventViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Sourcing events the caller follows; HR and procurement create them and run them."""

    serializer_class = EventSerializer
    permission_classes = [rule_permission("sourcing.view_events", object_perm="sourcing.view_event")]

    def get_queryset(self):
        return selectors.events_for(self.request.user)

    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("sourcing.manage_events"):
            raise PermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = events.create_event(actor=request.user, data=serializer.to_data())
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)

    def _organiser_event(self):
        if not self.request.user.has_perm("sourcing.manage_events"):
            raise PermissionDenied
        return self.get_object()

    @extend_schema(
        methods=["post"],
        request=inline_serializer("CandidateInput", {"vendor": serializers.IntegerField()}),
        responses={201: CandidateSerializer},
    )
    @extend_schema(methods=["get"], responses=CandidateSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def candidates(self, request, pk=None):
        """The candidates (whether each answered, never what); the organiser adds an eligible vendor."""
        if request.method == "GET":
            return Response(CandidateSerializer(selectors.candidates_of(self.get_object()), many=True).data)
        event = self._organiser_event()
        vendor = Vendor.objects.filter(pk=id_from(request.data, "vendor")).first()
        if vendor is None:
            raise serializers.ValidationError({"vendor": ["No such vendor."]})
        candidate = events.add_candidate(actor=request.user, event=event, vendor=vendor)
        return Response(CandidateSerializer(selectors.candidates_of(event).get(pk=candidate.pk)).data, status=201)

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        event = events.issue_invitations(actor=request.user, event=self._organiser_event())
        return Response(EventSerializer(event).data)

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        event = events.open_answers(actor=request.user, event=self._organiser_event())
        return Response(EventSerializer(event).data)

    @extend_schema(responses=BidSerializer(many=True))
    @action(detail=True, methods=["get"])
    def answers(self, request, pk=None):
        """The answers, once the deadline has passed, for the organisers, audit and declared panel members."""
        return Response(BidSerializer(selectors.bids_for(request.user, self.get_object()), many=True).data)

    @extend_schema(
        request=inline_serializer(
            "DeclarationInput", {"has_conflict": serializers.BooleanField(), "declaration": serializers.CharField()}
        ),
        responses=inline_serializer("DeclarationOutput", {"declared_at": serializers.DateTimeField()}),
    )
    @action(detail=True, methods=["post"])
    def declare(self, request, pk=None):
        member = selectors.member_of(request.user, self.get_object())
        if member is None:
            raise PermissionDenied
        member = scoring.declare(
            actor=request.user,
            member=member,
            has_conflict=bool(request.data.get("has_conflict")),
            declaration=str(request.data.get("declaration", "")),
        )
        return Response({"declared_at": member.declared_at})

    @extend_schema(
        request=inline_serializer(
            "ScoreSheetInput", {"scores": ScoreInputSerializer(many=True), "comment": serializers.CharField()}
        ),
        responses=inline_serializer("ScoreSheetOutput", {"submitted_at": serializers.DateTimeField()}),
    )
    @action(detail=True, methods=["post"], url_path="score-sheet")
    def score_sheet(self, request, pk=None):
        """A panel member submits their scores of every remaining candidate, once."""
        event = self.get_object()
        rows = ScoreInputSerializer(data=request.data.get("scores", []), many=True)
        rows.is_valid(raise_exception=True)
        sheet = scoring.submit_sheet(
            actor=request.user,
            event=event,
            scores=[scoring.GivenScore(r["candidate"], r["criterion"], r["value"]) for r in rows.validated_data],
            comment=str(request.data.get("comment", "")),
        )
        return Response({"submitted_at": sheet.submitted_at}, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses=inline_serializer(
            "Ranking",
            {
                "complete": serializers.BooleanField(),
                "ranking": serializers.ListField(child=serializers.DictField()),
            },
        )
    )
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        """The ranking with each criterion's mean and each member's total; 404 while not yet visible."""
        outcome = selectors.results_for(request.user, self.get_object())
        if outcome is None:
            raise NotFound("The results are not visible to you yet: submit your own score sheet first.")
        return Response(
            {
                "complete": outcome.complete,
                "ranking": [
                    {
                        "rank": row.rank,
                        "candidate": row.candidate.pk,
                        "vendor": row.candidate.vendor.name,
                        "total": row.total,
                        "price_score": row.price_score,
                        "means": row.means,
                        "members": [
                            {"member": line.member.user.username, "total": line.total, "outlier": line.outlier}
                            for line in row.lines
                        ],
                    }
                    for row in outcome.rows
                ],
            }
        )


class BidViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Answers: a vendor user sees and submits only its own; company staff read them only after the deadline."""

    serializer_class = BidSerializer
    queryset = Bid.objects.none()  # for the schema; every request reads get_queryset()
    permission_classes = [rule_permission("sourcing.list_bids", object_perm="sourcing.view_bid")]

    def get_queryset(self):
        user = self.request.user
        bids = Bid.objects.select_related("candidate__vendor", "candidate__event").prefetch_related("lines")
        if user.is_vendor_user:
            return bids.filter(candidate__in=selectors.invitations_for(user))
        visible = [e.pk for e in selectors.events_for(user) if selectors.answers_visible(user, e)]
        return bids.filter(candidate__event_id__in=visible)

    def create(self, request, *args, **kwargs):
        """Submit (or replace) the vendor's answer to an invitation before its deadline."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        try:
            candidate = selectors.invitation_for(request.user, d["candidate"]["event_id"])
        except Candidate.DoesNotExist as exc:
            raise NotFound(_("Your company was not invited to this sourcing event.")) from exc
        bid = bidding.submit_answer(
            actor=request.user,
            candidate=candidate,
            answer=bidding.Answer(
                d["company_profile"],
                d["similar_cases"],
                d["service_proposal"],
                d["quote_total"],
                [bidding.QuoteItem(line["item"], line["amount"], line.get("note", "")) for line in d["lines"]],
            ),
        )
        return Response(BidSerializer(bid).data, status=status.HTTP_201_CREATED)
