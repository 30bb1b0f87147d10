"""Helpers for approval tests: a sample document submitted by 李强 (project owner, 客户服务部)."""

from decimal import Decimal

import pytest

from outsourcing.approvals import services
from outsourcing.approvals.models import ApprovalTask, TaskStatus
from outsourcing.core import notices
from outsourcing.org.models import Department
from tests.testapp.models import SampleDocument


@pytest.fixture
def make_document(demo):
    def make(amount="120000", *, author=None, department="OPS-CS", title="客服外包扩容申请") -> SampleDocument:
        return SampleDocument.objects.create(
            title=title,
            amount=Decimal(amount) if amount is not None else None,
            department=Department.objects.get(code=department),
            author=author or demo.requester,
            status="in_approval",
        )

    return make


@pytest.fixture
def submitted(make_document, demo):
    def submit(amount="120000", **kwargs):
        document = make_document(amount, **kwargs)
        services.submit(document=document, actor=document.author)
        return document

    return submit


def pending(document) -> list[ApprovalTask]:
    return list(ApprovalTask.objects.filter(request__object_id=document.pk, status=TaskStatus.PENDING).order_by("id"))


@pytest.fixture
def captured_notices():
    """Every notice the engine sends during the test."""
    sent: list[notices.Notice] = []

    def capture(batch):
        sent.extend(batch)
        return len(batch)

    notices.register_deliverer(capture)
    yield sent
    notices._deliverers.remove(capture)
