"""Approval flow definitions: each document type's steps, conditions and the defaults apps register (WF-1)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from outsourcing.approvals import registry
from outsourcing.approvals.errors import ErrorCode
from outsourcing.approvals.models import (
    ApprovalFlow,
    FlowStep,
    StepCondition,
    StepScope,
)
from outsourcing.core.errors import RuleViolation
from outsourcing.org.models import DEPARTMENT_SCOPED_ROLES, Department, Role, User


@dataclass(frozen=True)
class StepDraft:
    position: int
    name: str
    role: str
    scope: str = StepScope.COMPANY
    department: Department | None = None
    condition: str = StepCondition.ALWAYS
    min_amount: Decimal | None = None
    categories: tuple[str, ...] = ()


def _check_steps(flow: ApprovalFlow, steps: list[StepDraft]) -> None:
    if not steps:
        raise RuleViolation(ErrorCode.EMPTY_FLOW, _("A flow needs at least one step."))
    for step in steps:
        label = Role(step.role).label
        if step.role in (Role.VENDOR_MANAGER, Role.ADMIN, Role.AUDITOR):
            raise RuleViolation(
                ErrorCode.BAD_STEP, _("The role %(role)s does not approve documents.") % {"role": label}
            )
        if step.role in DEPARTMENT_SCOPED_ROLES and step.scope == StepScope.COMPANY:
            raise RuleViolation(
                ErrorCode.BAD_STEP,
                _("Step “%(step)s”: %(role)s acts for a department; choose the document's or a fixed one.")
                % {"step": step.name, "role": label},
            )
        if step.role not in DEPARTMENT_SCOPED_ROLES and step.scope != StepScope.COMPANY:
            raise RuleViolation(
                ErrorCode.BAD_STEP,
                _("The step “%(step)s”: %(role)s is company-wide; its scope must be company-wide.")
                % {"step": step.name, "role": label},
            )
        if step.scope == StepScope.FIXED_DEPARTMENT and step.department is None:
            raise RuleViolation(
                ErrorCode.BAD_STEP, _("The step “%(step)s” needs its fixed department.") % {"step": step.name}
            )
        if step.min_amount is not None and step.min_amount <= 0:
            raise RuleViolation(
                ErrorCode.BAD_STEP,
                _("The step “%(step)s”: the amount it applies from must be above zero.") % {"step": step.name},
            )
        known = {code for code, _label in registry.category_choices()}
        unknown = [code for code in step.categories if code not in known]
        if unknown:
            raise RuleViolation(
                ErrorCode.BAD_STEP,
                _("The step “%(step)s” names unknown categories: %(codes)s.")
                % {"step": step.name, "codes": "、".join(unknown)},
            )
        if step.condition == StepCondition.AUTHORITY_MATRIX and not flow.matrix_document_type:
            raise RuleViolation(
                ErrorCode.BAD_STEP,
                _("The step “%(step)s” depends on the authority matrix, but the flow names no matrix document type.")
                % {"step": step.name},
            )
    by_position = defaultdict(list)
    for step in steps:
        by_position[step.position].append(step.role)
    for position, roles in by_position.items():
        if len(roles) != len(set(roles)):
            raise RuleViolation(
                ErrorCode.BAD_STEP,
                _("Position %(n)s lists the same role twice; a co-review needs different roles.") % {"n": position},
            )


def _write_steps(flow: ApprovalFlow, steps: list[StepDraft]) -> None:
    for step in steps:
        FlowStep.objects.create(
            flow=flow,
            position=step.position,
            name=step.name.strip(),
            role=step.role,
            scope=step.scope,
            department=step.department if step.scope == StepScope.FIXED_DEPARTMENT else None,
            condition=step.condition,
            min_amount=step.min_amount,
            categories=sorted(set(step.categories)),
        )


@transaction.atomic
def save_flow(
    *, actor: User, flow: ApprovalFlow, name: str, is_active: bool, matrix_document_type: str, steps: list[StepDraft]
) -> ApprovalFlow:
    """Replace a flow's steps. Approvals already running keep the steps they started with."""
    flow = ApprovalFlow.objects.select_for_update().get(pk=flow.pk)
    flow.name = name.strip()
    flow.is_active = is_active
    flow.matrix_document_type = matrix_document_type
    _check_steps(flow, steps)
    flow.stamp(actor)
    flow.save()
    flow.steps.all().delete()
    _write_steps(flow, steps)
    return flow


def install_default_flows(*, actor: User | None = None) -> list[ApprovalFlow]:
    """Create the flow of every registered document type that has none yet, from its default steps.

    Flow names are data the administrator may edit later: they are written in the company's language.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _install_default_flows(actor)


def _install_default_flows(actor: User | None) -> list[ApprovalFlow]:
    created = []
    for kind in registry.kinds():
        if ApprovalFlow.objects.filter(document_type=kind.code).exists():
            continue
        with transaction.atomic():
            flow = ApprovalFlow(
                document_type=kind.code, name=str(kind.label), matrix_document_type=kind.matrix_document_type
            )
            flow.stamp(actor)
            flow.save()
            _write_steps(
                flow,
                [StepDraft(s.position, str(s.name), s.role, s.scope, None, s.condition) for s in kind.default_steps],
            )
        created.append(flow)
    return created
