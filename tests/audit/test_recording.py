"""X-1: every create, change and state change of a registered model is recorded with who, when and the
values before and after, by django-auditlog; AUD-2: nothing is left out of what auditors read."""

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.utils import timezone

from outsourcing.audit.actor import acting_as
from outsourcing.audit.services import record_access
from outsourcing.org import services
from outsourcing.org.models import (
    AuthorityMatrixVersion,
    AuthorityRule,
    Department,
    Role,
    RoleAssignment,
    User,
)
from outsourcing.org.services import RoleGrant, RuleDraft
from tests.audit.factories import SampleDocumentFactory
from tests.testapp.models import SampleDocument

pytestmark = pytest.mark.django_db


def entries_for(record) -> list[LogEntry]:
    """The record's entries, oldest first."""
    return list(LogEntry.objects.get_for_object(record).order_by("timestamp", "pk"))


def test_the_organisation_and_test_document_models_are_registered():
    """X-1: the models whose history the policy needs are tracked; passwords and log-in times are not."""
    for model in (User, Department, RoleAssignment, AuthorityMatrixVersion, AuthorityRule, SampleDocument):
        assert auditlog.contains(model), model
    excluded = auditlog.get_model_fields(User)["exclude_fields"]
    assert "password" in excluded and "last_login" in excluded


def test_creating_and_changing_a_department_records_who_when_before_and_after(demo):
    """X-1: 周明 creates 质量管理部, then renames it; both entries name him, carry the time, and the rename
    shows the old and the new name."""
    admin = demo.admin
    started = timezone.now()
    with acting_as(admin):
        department = services.create_department(actor=admin, name="质量管理部", code="QA")
        services.update_department(
            actor=admin, department=department, name="质量与合规部", code="QA", parent=None, sort_order=3
        )
    created, changed = entries_for(department)
    assert created.action == LogEntry.Action.CREATE and changed.action == LogEntry.Action.UPDATE
    assert created.actor == admin and changed.actor == admin and changed.actor_email == admin.email
    assert started <= created.timestamp <= changed.timestamp <= timezone.now()
    assert created.changes["name"] == ["None", "质量管理部"] and created.changes["code"] == ["None", "QA"]
    assert changed.changes["name"] == ["质量管理部", "质量与合规部"]
    assert changed.changes["sort_order"] == ["0", "3"]
    assert "code" not in changed.changes  # unchanged fields are not listed


def test_user_changes_are_recorded_but_never_the_password(demo):
    """X-1: a changed e-mail address is recorded; a password reset leaves no password in the trail."""
    admin, hr = demo.admin, demo.hr
    before = LogEntry.objects.get_for_object(hr).count()
    with acting_as(admin):
        services.update_user(
            actor=admin,
            user=hr,
            full_name=hr.full_name,
            email="wangfang@example.cn",
            department=hr.department,
            title=hr.title,
            roles=[RoleGrant(Role.HR)],
        )
        services.reset_password(actor=admin, user=hr, password="Another-pass-2026")
    entries = entries_for(hr)[before:]
    assert len(entries) == 1  # the reset changed only the (excluded) password
    assert entries[0].changes["email"] == ["hr@demo.example.cn", "wangfang@example.cn"]
    assert all("password" not in e.changes and "last_login" not in e.changes for e in LogEntry.objects.all())


def test_granting_and_removing_a_role_are_recorded(demo):
    """X-1: role assignments are records of their own: a grant is a creation, a removal a deletion."""
    admin, finance = demo.admin, demo.finance

    def set_roles(*roles):
        services.update_user(
            actor=admin,
            user=finance,
            full_name=finance.full_name,
            email=finance.email,
            department=finance.department,
            roles=[RoleGrant(role) for role in roles],
        )

    with acting_as(admin):
        set_roles(Role.FINANCE, Role.PANEL_MEMBER)
        set_roles(Role.FINANCE)
    role_entries = [
        e
        for e in LogEntry.objects.filter(content_type__model="roleassignment").order_by("pk")
        if Role.PANEL_MEMBER in e.changes.get("role", []) and str(finance.pk) in e.changes.get("user", [])
    ]
    assert [e.action for e in role_entries] == [LogEntry.Action.CREATE, LogEntry.Action.DELETE]
    assert role_entries[0].changes["role"] == ["None", Role.PANEL_MEMBER]
    assert role_entries[1].changes["role"] == [Role.PANEL_MEMBER, "None"]
    assert all(e.actor == admin for e in role_entries)


def test_publishing_the_authority_matrix_records_the_version_and_each_rule(demo):
    """X-1: the rules used to be bulk-inserted, which auditlog cannot see; each one is recorded now."""
    admin = demo.admin
    drafts = [
        RuleDraft("demand", Role.MANAGEMENT, Decimal("800000")),
        RuleDraft("contract", Role.MANAGEMENT, Decimal("0"), Decimal("100000")),
        RuleDraft("contract", Role.LEGAL, Decimal("0")),
    ]
    with acting_as(admin):
        version = services.publish_authority_matrix(actor=admin, rules=drafts, note="审计测试")
    assert LogEntry.objects.get_for_object(version).get().actor == admin
    rule_entries = LogEntry.objects.get_for_objects(version.rules.all())
    assert rule_entries.count() == 3 and set(rule_entries.values_list("action", flat=True)) == {0}
    contract_cap = version.rules.get(document_type="contract", approval_level=Role.MANAGEMENT)
    assert LogEntry.objects.get_for_object(contract_cap).get().changes["max_amount"] == ["None", "100000"]


def test_a_document_state_change_is_recorded_with_the_old_and_new_status(demo):
    """X-1: a document's status moving draft → in approval → approved is two entries with both states,
    each naming whoever acted."""
    requester, depthead = demo.requester, demo.depthead
    with acting_as(requester):
        document = SampleDocumentFactory(title="客服外包需求", amount=Decimal("120000"))
        document.status = "in_approval"
        document.save()
    with acting_as(depthead):
        document.record_outcome(outcome="approved", actor=depthead)  # the hook its kind declares
    created, submitted, approved = entries_for(document)
    assert created.action == LogEntry.Action.CREATE and created.actor == requester
    assert created.changes["title"] == ["None", "客服外包需求"]
    assert submitted.changes["status"] == ["draft", "in_approval"] and submitted.actor == requester
    assert approved.changes["status"] == ["in_approval", "approved"] and approved.actor == depthead
    assert set(approved.changes) <= {"status", "updated_at"}  # update_fields limits what is compared


def test_writes_outside_a_request_or_acting_block_name_the_system(demo):
    """X-1: a write with nobody behind it (a data migration, a shell) is recorded with no actor."""
    document = SampleDocumentFactory()
    assert entries_for(document)[0].actor is None


def test_a_personal_data_reveal_records_who_saw_which_fields_but_not_the_values(demo):
    """AUD-2: a reveal is an "access" entry auditors can find; it lists the fields, never their values."""
    document = SampleDocumentFactory(title="含个人信息的单据")
    entry = record_access(actor=demo.hr, instance=document, fields=["title"], reason="核对身份")
    entry.refresh_from_db()
    assert entry.action == LogEntry.Action.ACCESS and entry.actor == demo.hr
    assert entry.additional_data == {"viewed_fields": ["title"], "reason": "核对身份"}
    assert "含个人信息的单据" not in str(entry.changes) + str(entry.additional_data)
    assert entry.timestamp > timezone.now() - dt.timedelta(minutes=1)
