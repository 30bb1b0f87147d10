"""REST API of attachments (X-3, X-6): a document's files, upload, download and removal, under the
same rules as the pages: 404 for a document the user may not see, 403 for one they may see but not
attach to, 400 {"detail", "code", "field"} for a file the rules refuse."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from outsourcing.attachments import selectors, services
from outsourcing.attachments.kinds import kind_choices
from outsourcing.attachments.models import Attachment
from outsourcing.attachments.views import file_response
from outsourcing.core.errors import RuleViolation

DOCUMENT_TYPE_HELP = "The document's model as app_label.modelname, e.g. contracts.contract."


class AttachmentSerializer(serializers.ModelSerializer):
    document_type = serializers.SerializerMethodField()
    kind_display = serializers.CharField(source="kind_label", read_only=True)
    uploaded_by_name = serializers.CharField(source="uploaded_by.get_full_name", read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "uuid",
            "document_type",
            "object_id",
            "kind",
            "kind_display",
            "original_name",
            "size",
            "mime_type",
            "sha256",
            "description",
            "uploaded_by",
            "uploaded_by_name",
            "uploaded_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_document_type(self, attachment) -> str:
        # get_for_id is served from ContentType's cache: no query per row.
        content_type = ContentType.objects.get_for_id(attachment.content_type_id)
        return f"{content_type.app_label}.{content_type.model}"

    def get_download_url(self, attachment) -> str:
        url = reverse("attachment-download", kwargs={"uuid": attachment.uuid})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class AttachmentUploadSerializer(serializers.Serializer):
    document_type = serializers.CharField(max_length=100, help_text=DOCUMENT_TYPE_HELP)
    object_id = serializers.IntegerField(min_value=1, help_text="The document's id.")
    kind = serializers.ChoiceField(choices=())  # the registered kinds, filled in when the serializer is made
    # Empty files, size and type are the service's rules, answered with their stable codes.
    file = serializers.FileField(allow_empty_file=True, help_text="PDF, JPG, PNG, DOCX or XLSX, judged by content.")
    description = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices()


class AnyMediaRenderer(JSONRenderer):
    """Lets a download answer whatever the client accepts (errors still come as JSON)."""

    media_type = "*/*"


def _document(user, data):
    """The document named in `data`; 400 for a malformed reference, 404 if missing or not visible."""
    document_type = str(data.get("document_type", ""))
    if selectors.document_model(document_type) is None:
        raise RuleViolation(
            "document_type_unknown",
            _("Unknown document type; give it as app_label.modelname."),
            field="document_type",
        )
    try:
        object_id = int(data.get("object_id"))
    except (TypeError, ValueError):
        object_id = 0
    if object_id <= 0:
        raise RuleViolation("object_id_invalid", _("Give the document's id as a positive number."), field="object_id")
    document = selectors.visible_document(user=user, document_type=document_type, object_id=object_id)
    if document is None:
        raise NotFound
    return document


@extend_schema_view(
    list=extend_schema(
        summary="Files of one document",
        parameters=[
            OpenApiParameter("document_type", str, required=True, description=DOCUMENT_TYPE_HELP),
            OpenApiParameter("object_id", int, required=True, description="The document's id."),
        ],
    ),
    retrieve=extend_schema(summary="One file's details"),
    destroy=extend_schema(summary="Remove a file (its uploader, while they may attach to the document)"),
)
class AttachmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """Files attached to documents. Who may see, add or remove them is the document's own rule."""

    serializer_class = AttachmentSerializer
    parser_classes = [MultiPartParser, FormParser]
    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-fA-F-]{32,36}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Attachment.objects.none()
        return selectors.attachments_for(document=_document(self.request.user, self.request.query_params))

    def get_object(self):
        try:
            return selectors.attachment_for_user(user=self.request.user, uuid=self.kwargs["uuid"])
        except Attachment.DoesNotExist as exc:
            raise NotFound from exc

    @extend_schema(
        summary="Attach a file to a document",
        request={"multipart/form-data": AttachmentUploadSerializer},
        responses={201: AttachmentSerializer},
    )
    def create(self, request):
        upload = AttachmentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        document = _document(request.user, data)
        if not request.user.has_perm("attachments.attach_to_document", document):
            raise PermissionDenied
        attachment = services.attach(
            actor=request.user,
            document=document,
            upload=data["file"],
            kind=data["kind"],
            description=data["description"],
        )
        return Response(self.get_serializer(attachment).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.remove(actor=self.request.user, attachment=instance)

    @extend_schema(
        summary="Download a file under its original name",
        responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)},
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, AnyMediaRenderer])
    def download(self, request, uuid=None):
        return file_response(self.get_object())
