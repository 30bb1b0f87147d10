"""REST API of outsourced workers (X-6): a vendor user files and reads only its own workers and sends its
monthly proofs; company staff read what they may (always masked) and act as on the pages. ID and phone
numbers go in once, in clear, on filing; they come back only masked, or through `reveal` (audited).
Files (labor contract, social-insurance proof, the month's proofs) go through /api/attachments/."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from outsourcing.core.api import MAX_ID, rule_permission
from outsourcing.core.api_fields import PlausibleDateField
from outsourcing.core.errors import RuleViolation
from outsourcing.demands.models import Project
from outsourcing.vendors.permissions import vendor_id_of
from outsourcing.workforce import (
    access,
    certificates,
    entry_batch,
    exits,
    filing,
    idnumber,
    insurance_list,
    proofs,
    selectors,
)
from outsourcing.workforce import entry as worker_entry
from outsourcing.workforce import requests as worker_requests
from outsourcing.workforce.models import (
    AccessGrant,
    BriefingTopic,
    ExitReason,
    ExitRequest,
    LawfulBasis,
    MonthlyProof,
    ProofLine,
    RefusalGround,
    SpecialOperationCertificate,
    Worker,
    WorkerRequest,
)

GROUNDS = ", ".join(RefusalGround.values)
EXIT_REASONS = ", ".join(ExitReason.values)


class WorkerSerializer(serializers.ModelSerializer):
    """What is read back: masked numbers, never the ciphertext or the hash."""

    vendor = serializers.CharField(source="vendor.name", read_only=True)
    project = serializers.CharField(source="project.number", read_only=True)
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    outsourced_worker = serializers.SerializerMethodField()
    planned_start_passed = serializers.BooleanField(
        source="start_passed", read_only=True,
        help_text="Still waiting for HR although the planned start has passed (flagged to HR).",
    )  # fmt: skip
    refusal_ground = serializers.CharField(read_only=True, help_text=f"When the entry was refused: {GROUNDS}.")
    refusal_ground_label = serializers.CharField(source="get_refusal_ground_display", read_only=True)

    class Meta:
        model = Worker
        fields = ["id", "badge_number", "outsourced_worker", "name", "id_masked", "phone_masked", "vendor", "project",
                  "contract", "contract_number", "post", "planned_start", "planned_end", "lawful_basis",
                  "consent_reference", "is_minor", "minor_confirmed_at", "realname_reference", "status",
                  "planned_start_passed", "decided_at", "refusal_ground", "refusal_ground_label", "decision_note",
                  "entered_on", "exited_on",
                  "anonymised_at"]  # fmt: skip
        read_only_fields = fields

    def get_outsourced_worker(self, worker) -> bool:
        """Always true: the mark that tells an outsourced worker from an employee (WRK-3)."""
        return True


class FilingSerializer(serializers.Serializer):
    """A filing: the filing fields (WRK-1) and nothing more (WRK-10)."""

    name = serializers.CharField(max_length=50)
    id_number = serializers.CharField(max_length=30, write_only=True)
    phone = serializers.CharField(max_length=30, write_only=True)
    post = serializers.CharField(max_length=100)
    contract = serializers.IntegerField(help_text="The id of one of your contracts in force.")
    planned_start = PlausibleDateField()
    planned_end = PlausibleDateField()
    lawful_basis = serializers.ChoiceField(choices=LawfulBasis.choices, default=LawfulBasis.NOTICE_AND_CONSENT)
    consent_reference = serializers.CharField(max_length=200)

    def to_data(self, vendor_id: int | None) -> filing.WorkerData:
        data = dict(self.validated_data)
        contract = selectors.filing_contracts(vendor_id).filter(pk=data.pop("contract")).first()
        if contract is None:
            raise ValidationError({"contract": [_("Choose one of your company's contracts in force.")]})
        return filing.WorkerData(contract=contract, **data)


class GrantSerializer(serializers.ModelSerializer):
    class Meta:
        model = AccessGrant
        fields = ["id", "number", "kind", "resource", "reason", "valid_from", "valid_until", "status", "revoked_on"]
        read_only_fields = ["id", "number", "status", "revoked_on"]


class LineSerializer(serializers.ModelSerializer):
    """One worker's line; `wage_amount` (CNY) is required when `wage_paid`, else 400 `wage_amount`."""

    badge_number = serializers.CharField(source="worker.badge_number", read_only=True)
    wage_amount = serializers.DecimalField(max_digits=15, decimal_places=2, min_value=0, required=False,
                                           allow_null=True, default=None)  # fmt: skip
    own_account = serializers.BooleanField(required=False, default=False,
                                           help_text="The wage went to the worker's own bank account.")  # fmt: skip

    class Meta:
        model = ProofLine
        fields = ["worker", "badge_number", "wage_paid", "wage_amount", "own_account", "social_insurance",
                  "housing_fund", "tax_filed"]  # fmt: skip


class DifferenceSerializer(serializers.Serializer):
    """A difference between the social-insurance list and the roster (WRK-6, loophole 7)."""

    kind = serializers.ChoiceField(choices=["not_listed", "not_on_roster", "registration_pending"])
    is_gap = serializers.BooleanField()
    badge_number = serializers.CharField()
    id_masked = serializers.CharField()
    due = serializers.DateField(allow_null=True, help_text="registration_pending: the last day to register.")
    message = serializers.CharField(source="__str__")


class InsuranceListSerializer(serializers.Serializer):
    file = serializers.FileField(write_only=True, help_text="The office's list (.xlsx) with an ID number column.")


class ProofListSerializer(serializers.ModelSerializer):
    """A month in the list: its status and how many roster lines (the gaps are on the month itself)."""

    vendor = serializers.CharField(source="vendor.name", read_only=True)
    project_number = serializers.CharField(source="project.number", read_only=True)
    line_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = MonthlyProof
        fields = ["id", "vendor", "project", "project_number", "month", "status", "note", "checked_at", "line_count"]


class ProofSerializer(serializers.ModelSerializer):
    vendor = serializers.CharField(source="vendor.name", read_only=True)
    project_number = serializers.CharField(source="project.number", read_only=True)
    lines = LineSerializer(many=True)
    gaps = serializers.SerializerMethodField()
    missing_files = serializers.SerializerMethodField()
    insurance_list_uploaded = serializers.SerializerMethodField()
    insurance_differences = serializers.SerializerMethodField()

    class Meta:
        model = MonthlyProof
        fields = ["id", "vendor", "project", "project_number", "month", "status", "note", "checked_at", "lines",
                  "gaps", "missing_files", "insurance_list_uploaded", "insurance_differences"]  # fmt: skip
        read_only_fields = ["id", "status", "note", "checked_at"]

    def _gaps(self, proof):
        if getattr(proof, "_gaps", None) is None:
            proof._gaps = proofs.proof_gaps(proof)  # computed once for both fields
        return proof._gaps

    def get_gaps(self, proof) -> list[str]:
        return [str(gap) for gap in self._gaps(proof)[0]]

    def get_missing_files(self, proof) -> list[str]:
        return self._gaps(proof)[1]

    def get_insurance_list_uploaded(self, proof) -> bool:
        return proofs.insurance_list_of(proof) is not None

    @extend_schema_field(DifferenceSerializer(many=True))
    def get_insurance_differences(self, proof) -> list[dict]:
        """The social-insurance list against the roster; empty until the list is uploaded."""
        return DifferenceSerializer(proofs.insurance_differences(proof) or [], many=True).data


REVEAL = inline_serializer("Reveal", {
    "field": serializers.ChoiceField(choices=["id_number", "phone"]), "reason": serializers.CharField(),
    "legal_claim": serializers.CharField(required=False, help_text="Required for a record in storage only (exited "
                                         "or refused): the legal claim the data is needed for (PIPL art. 47).")})
# fmt: skip


class RequestSerializer(serializers.ModelSerializer):
    """A request to the vendor's site manager. A text that speaks of managing the worker (leave, pay, discipline,
    hiring, dismissal …) answers 400 {"code": "direct_management_terms", "hits": [...]} until it is sent again
    with `send_anyway: true`; the sending is then recorded as a sign (OPS-2)."""

    send_anyway = serializers.BooleanField(write_only=True, required=False, default=False)
    created_by = serializers.CharField(source="created_by.username", read_only=True, default="")
    direct_management_terms = serializers.SerializerMethodField()

    class Meta:
        model = WorkerRequest
        fields = ["id", "subject", "description", "send_anyway", "created_by", "created_at", "vendor_response",
                  "responded_at", "direct_management_terms"]  # fmt: skip
        read_only_fields = ["vendor_response", "responded_at"]

    def get_direct_management_terms(self, request) -> list[str]:
        return [term for sign in request.signs.all() for term in sign.terms]


class EntryBatchSerializer(serializers.Serializer):
    workers = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=False,
        max_length=entry_batch.BATCH_LIMIT,
        help_text="Ids of filed workers waiting for the entry decision.",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


@extend_schema_serializer(component_name="WorkerDecision")  # approvals has its own DecisionSerializer
class DecisionSerializer(serializers.Serializer):
    """A refusal names a documented ground (OPS-2); a missing or unknown one answers 400 `refusal_ground`,
    `other_legal` without a note naming the law 400 `legal_ground_note`. An approval needs none."""

    approve = serializers.BooleanField()
    ground = serializers.CharField(required=False, allow_blank=True, default="",
                                   help_text=f"Required when refusing: one of {GROUNDS}.")  # fmt: skip
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EntrySerializer(serializers.Serializer):
    """The business department's entry record (WRK-4): the briefing (safety, confidentiality, workplace only)."""

    briefing_on = serializers.DateField()
    topics = serializers.ListField(child=serializers.ChoiceField(choices=BriefingTopic.choices), allow_empty=False)
    undertaking_signed_on = serializers.DateField()
    workplace_conditions = serializers.CharField()


class ExitAskSerializer(serializers.ModelSerializer):
    """The company's request to the vendor for a worker's exit (OPS-2), answered when the vendor records it. An
    unknown reason answers 400 `exit_reason`; a breach of site rules without evidence 400 `exit_evidence`."""

    reason = serializers.CharField(required=False, allow_blank=True, default="", help_text=f"One of {EXIT_REASONS}.")
    reason_label = serializers.CharField(source="get_reason_display", read_only=True)
    evidence = serializers.CharField(required=False, allow_blank=True, default="",
                                     help_text="Required for a breach of the site rules.")  # fmt: skip
    created_by = serializers.CharField(source="created_by.username", read_only=True, default="")

    class Meta:
        model = ExitRequest
        fields = ["id", "reason", "reason_label", "evidence", "created_by", "created_at", "answered_at"]
        read_only_fields = ["answered_at"]


class ExitSerializer(serializers.Serializer):
    exited_on = PlausibleDateField()


class CertificateSerializer(serializers.ModelSerializer):
    """A worker's special-operation certificate (特种作业操作证, CON-9)."""

    valid_until = PlausibleDateField()

    class Meta:
        model = SpecialOperationCertificate
        fields = ["id", "operation", "certificate_number", "issuer", "valid_until", "created_at"]
        read_only_fields = ["id", "created_at"]


class CheckSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class IdSearchSerializer(serializers.Serializer):
    id_number = serializers.CharField(min_length=18, max_length=18)


def _valid(serializer_class, data) -> dict:
    """Parse a small body; bad input answers 400 {"field": [messages]} like every serializer error."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


LIST_PARAMETERS = [
    OpenApiParameter("status", str, description="filed, approved, on_site, exited, rejected, or active"),
    OpenApiParameter("search", str, description="Part of the badge number, the name or the post."),
]


class WorkerViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Workers the caller may see (a vendor user: only its own). POST `search/` finds a person by exact ID number
    (the number travels in the body, never in a URL)."""

    serializer_class = WorkerSerializer
    permission_classes = [rule_permission("workforce.view_workers", object_perm="workforce.read_worker")]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        params = self.request.query_params
        if idnumber.looks_like_one(params.get("search", "")):
            raise RuleViolation(idnumber.IN_URL_CODE, idnumber.IN_URL_MESSAGE, field="search")
        return selectors.workers_for(self.request.user, status=params.get("status", ""),
                                     search=params.get("search", ""))  # fmt: skip

    @extend_schema(parameters=LIST_PARAMETERS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=IdSearchSerializer, responses=WorkerSerializer(many=True))
    @action(detail=False, methods=["post"])
    def search(self, request):
        """The workers the caller may see with exactly this ID number (compared through the keyed hash)."""
        number = _valid(IdSearchSerializer, request.data)["id_number"]
        page = self.paginate_queryset(selectors.workers_for(request.user, id_number=number))
        return self.get_paginated_response(WorkerSerializer(page, many=True).data)

    @extend_schema(request=FilingSerializer, responses={201: WorkerSerializer})
    def create(self, request, *args, **kwargs):
        """The vendor files a worker (then attaches the labor contract and social-insurance proof)."""
        if not request.user.has_perm("workforce.file_workers"):
            raise PermissionDenied
        serializer = FilingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        worker = filing.file_worker(actor=request.user, data=serializer.to_data(vendor_id_of(request.user)))
        return Response(WorkerSerializer(worker).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=REVEAL, responses=inline_serializer("Revealed", {"value": serializers.CharField()}))
    @action(detail=True, methods=["post"])
    def reveal(self, request, pk=None):
        """The ID or phone number in clear, with a reason; recorded in the audit trail."""
        value = filing.reveal(actor=request.user, worker=self.get_object(), field=str(request.data.get("field", "")),
                              reason=str(request.data.get("reason", "")),
                              legal_claim=str(request.data.get("legal_claim", "")))  # fmt: skip
        return Response({"value": value}, headers={"Cache-Control": "no-store"})

    @extend_schema(request=DecisionSerializer, responses=WorkerSerializer)
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        """HR approves the entry, or refuses it on a documented ground (`ground`)."""
        worker = self.get_object()
        data = _valid(DecisionSerializer, request.data)
        worker = worker_entry.decide_entry(actor=request.user, worker=worker, approve=data["approve"],
                                           note=data["note"], ground=data["ground"])  # fmt: skip
        return Response(WorkerSerializer(worker).data)

    @extend_schema(request=EntryBatchSerializer, responses=WorkerSerializer(many=True))
    @action(detail=False, methods=["post"], url_path="approve-entries")
    def approve_entries(self, request):
        """HR approves many filed workers' entry at once: each checked and recorded on its own; if any may not
        enter yet, nobody is approved (`batch_refused`, each worker's reason under `blockers`)."""
        data = _valid(EntryBatchSerializer, request.data)
        workers = entry_batch.chosen_workers(request.user, data["workers"])
        approved = entry_batch.approve_entries(actor=request.user, workers=workers, note=data["note"])
        rows = selectors.workers_for(request.user).filter(pk__in=[w.pk for w in approved]).order_by("pk")
        return Response(WorkerSerializer(rows, many=True).data)

    @extend_schema(request=EntrySerializer, responses=WorkerSerializer)
    @action(detail=True, methods=["post"])
    def entry(self, request, pk=None):
        """The project's department records the entry: not before HR approved it (WRK-4)."""
        worker = self.get_object()
        worker_entry.record_entry(actor=request.user, worker=worker, **_valid(EntrySerializer, request.data))
        return Response(WorkerSerializer(selectors.worker_for(request.user, worker.pk)).data)

    @extend_schema(request=ExitSerializer, responses=WorkerSerializer)
    @action(detail=True, methods=["post"])
    def exit(self, request, pk=None):
        """The vendor records that its worker leaves the project on this day (access and items are closed that
        day); a company user is refused 403 `exit_by_vendor` and asks through `exit-request/`."""
        worker = self.get_object()
        worker = worker_entry.record_exit(actor=request.user, worker=worker,
                                    exited_on=_valid(ExitSerializer, request.data)["exited_on"])  # fmt: skip
        return Response(WorkerSerializer(worker).data)

    @extend_schema(methods=["get"], responses=ExitAskSerializer(many=True))
    @extend_schema(methods=["post"], request=ExitAskSerializer, responses={201: ExitAskSerializer})
    @action(detail=True, methods=["get", "post"], url_path="exit-request")
    def exit_request(self, request, pk=None):
        """The company's requests to the vendor for this worker's exit; POST asks for it (HR or the project's
        department) with a reason from the contract. The vendor answers by recording the exit."""
        worker = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(worker.exit_requests.select_related("created_by"))
            return self.get_paginated_response(ExitAskSerializer(page, many=True).data)
        data = _valid(ExitAskSerializer, request.data)
        asked = exits.ask_for_exit(actor=request.user, worker=worker, reason=data["reason"],
                                   evidence=data["evidence"])  # fmt: skip
        return Response(ExitAskSerializer(asked).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=GrantSerializer(many=True))
    @extend_schema(methods=["post"], request=GrantSerializer, responses={201: GrantSerializer})
    @action(detail=True, methods=["get", "post"], url_path="access-grants")
    def access_grants(self, request, pk=None):
        """The worker's access grants; POST requests one (the project's department), approved by its head."""
        worker = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(worker.grants.order_by("-created_at"))
            return self.get_paginated_response(GrantSerializer(page, many=True).data)
        serializer = GrantSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        grant = access.request_grant(actor=request.user, worker=worker, **serializer.validated_data)
        return Response(GrantSerializer(grant).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=CertificateSerializer(many=True))
    @extend_schema(methods=["post"], request=CertificateSerializer, responses={201: CertificateSerializer})
    @action(detail=True, methods=["get", "post"])
    def certificates(self, request, pk=None):
        """The worker's special-operation certificates (CON-9); POST records one (the worker's vendor or HR). An
        expired one answers 400 `special_operation_certificate_expired`. The scan goes to /api/attachments/ with
        document_type workforce.specialoperationcertificate."""
        worker = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(worker.certificates.order_by("valid_until", "id"))
            return self.get_paginated_response(CertificateSerializer(page, many=True).data)
        data = _valid(CertificateSerializer, request.data)
        recorded = certificates.record_certificate(actor=request.user, worker=worker, **data)
        return Response(CertificateSerializer(recorded).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["get"], responses=RequestSerializer(many=True))
    @extend_schema(methods=["post"], request=RequestSerializer, responses={201: RequestSerializer})
    @action(detail=True, methods=["get", "post"])
    def requests(self, request, pk=None):
        """Requests to the vendor's site manager about the worker; POST raises one (HR or the project's
        department), screened for direct management first (OPS-2)."""
        worker = self.get_object()
        if request.method == "GET":
            found = worker.requests.select_related("created_by").prefetch_related("signs")
            page = self.paginate_queryset(found)
            return self.get_paginated_response(RequestSerializer(page, many=True).data)
        data = _valid(RequestSerializer, request.data)
        raised = worker_requests.raise_request(actor=request.user, worker=worker, subject=data["subject"],
                                      description=data["description"], send_anyway=data["send_anyway"])  # fmt: skip
        return Response(RequestSerializer(raised).data, status=status.HTTP_201_CREATED)


class MonthlyProofViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Monthly compliance proofs (WRK-6). POST (a vendor): project, month, and a line per worker."""

    permission_classes = [rule_permission("workforce.view_proofs", object_perm="workforce.read_proof")]

    def get_serializer_class(self):
        return ProofListSerializer if self.action == "list" else ProofSerializer

    def get_queryset(self):
        found = selectors.proofs_for(self.request.user).order_by("-month", "id")
        return found if self.action == "list" else found.prefetch_related("lines__worker")

    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("workforce.submit_proofs"):
            raise PermissionDenied
        serializer = ProofSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        project: Project = data["project"]
        lines = [proofs.LineData(worker_id=line["worker"].pk, wage_paid=line["wage_paid"],
                                 social_insurance=line["social_insurance"], housing_fund=line["housing_fund"],
                                 tax_filed=line["tax_filed"], wage_amount=line.get("wage_amount"),
                                 own_account=line.get("own_account", False)) for line in data["lines"]]  # fmt: skip
        proof = proofs.submit_proof(actor=request.user, project=project, month=data["month"], lines=lines)
        return Response(ProofSerializer(selectors.proof_for(request.user, proof.pk)).data,
                        status=status.HTTP_201_CREATED)  # fmt: skip

    @extend_schema(request=CheckSerializer, responses=ProofSerializer)
    @action(detail=True, methods=["post"])
    def check(self, request, pk=None):
        """HR's check: accept a complete month, or record gaps."""
        proof = self.get_object()
        data = _valid(CheckSerializer, request.data)
        proof = proofs.check_proof(actor=request.user, proof=proof, accept=data["accept"], note=data["note"])
        return Response(ProofSerializer(selectors.proof_for(request.user, proof.pk)).data)

    @extend_schema(request={"multipart/form-data": InsuranceListSerializer}, responses=ProofSerializer)
    @action(detail=True, methods=["post"], url_path="insurance-list",
            parser_classes=[MultiPartParser, FormParser])  # fmt: skip
    def insurance_list(self, request, pk=None):
        """The vendor uploads the month's social-insurance list (.xlsx): ID numbers are matched through the keyed
        hash and the file is not kept; the answer names the differences. A bad file answers 400 with its code
        (file_too_large, not_xlsx, xlsx_unreadable, missing_column, too_many_rows, insurance_list_invalid)."""
        proof = self.get_object()
        upload = request.FILES.get("file")
        insurance_list.upload_insurance_list(actor=request.user, proof=proof, upload=upload)
        return Response(ProofSerializer(selectors.proof_for(request.user, proof.pk)).data)
