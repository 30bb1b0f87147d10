from django.apps import AppConfig


class TestappConfig(AppConfig):
    """A document type that lives in the tests and plugs into every engine like a real one."""

    name = "tests.testapp"
    label = "testapp"

    def ready(self):
        from auditlog.registry import auditlog

        from outsourcing.approvals.registry import DocumentKind, StepSpec, register
        from outsourcing.attachments.kinds import register_kinds

        from . import models, permissions  # noqa: F401 - rules register on import

        auditlog.register(models.SampleDocument)
        # An app outside the engine contributes its file kinds: nothing in attachments lists them.
        register_kinds(models.SampleFileKind, scanned=[models.SampleFileKind.RECEIPT])
        # ... and its waiting items on the home page: nothing in the dashboard lists them.
        from outsourcing.core.todos import WaitingItem, register_todos

        def returned_samples(user):  # a project owner's returned samples (no query for anyone else)
            if "requester" not in user.role_codes:
                return []
            count = models.SampleDocument.objects.filter(author=user, status="returned").count()
            return [WaitingItem("退回的示例单据", count, "/")]

        register_todos("testapp", order=95, items=returned_samples)

        register(
            DocumentKind(
                code="sample",
                finished=lambda document, **outcome: document.record_outcome(**outcome),
                label="示例单据",
                model=models.SampleDocument,
                matrix_document_type="demand",  # thresholds of a registered type
                default_steps=(
                    StepSpec(1, "部门负责人审批", "dept_head", "submitter_department"),
                    StepSpec(2, "人力资源部会审", "hr"),
                    StepSpec(2, "财务会审", "finance"),
                    StepSpec(3, "公司管理层审批", "management", "company", "authority_matrix"),
                ),
            )
        )
