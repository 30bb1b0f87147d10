"""Joint improvement projects (联合改进, PTN-3): members of both sides, milestones, status and outcome; and the
strategic vendor's relationship plan (PTN-5): executive visits, knowledge-sharing sessions and shared insights,
each with its date and, once held, its record (reminded when due)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.partnership.errors import ErrorCode
from outsourcing.partnership.models import (
    JOINT_MACHINE,
    ActivityKind,
    JointMember,
    JointMilestone,
    JointProject,
    JointStatus,
    PlanActivity,
    Proposal,
    Side,
)
from outsourcing.vendors.models import POOL_STATUSES, Vendor, VendorStatus


def _required(value, field: str, message) -> str:
    value = (value or "").strip()
    if not value:
        raise RuleViolation(ErrorCode.REQUIRED, message, field=field)
    return value


@transaction.atomic
def start_joint_project(*, actor: User, vendor: Vendor, title: str, goal: str, starts_on: dt.date,
                        members: list[tuple[str, str, str]], milestones: list[tuple[str, dt.date]],
                        proposal: Proposal | None = None) -> JointProject:  # fmt: skip
    """A project with members of both sides (`(side, name, role)`) and dated milestones (`(title, due)`)."""
    if not actor.has_perm("partnership.run_joint_projects"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR, management or a project's department runs joint projects."),
                            status=403)  # fmt: skip
    if vendor.status not in POOL_STATUSES:
        raise RuleViolation(ErrorCode.VENDOR_NOT_IN_POOL, _("%(vendor)s is not in the pool.") % {"vendor": vendor.name},
                            field="vendor")  # fmt: skip
    if proposal is not None and proposal.contract.vendor_id != vendor.pk:
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The proposal is another vendor's."), field="proposal")
    members = [(side, (name or "").strip(), (role or "").strip()) for side, name, role in members
               if (name or "").strip()]  # fmt: skip
    sides = {side for side, _name, _role in members}
    if not sides >= {Side.COMPANY, Side.VENDOR} or not sides <= set(Side.values):
        raise RuleViolation(ErrorCode.REQUIRED, _("Name members of both sides: the company's and the vendor's."),
                            field="members")  # fmt: skip
    if starts_on is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the start date."), field="starts_on")
    steps = [((t or "").strip(), due) for t, due in milestones if (t or "").strip()]
    if not steps or any(due is None or due < starts_on for _t, due in steps):
        raise RuleViolation(ErrorCode.DATES, _("Give at least one milestone, each due after the start."),
                            field="milestones")  # fmt: skip
    project = JointProject(number=next_number("JIP"), vendor=vendor, proposal=proposal, starts_on=starts_on,
                           title=_required(title, "title", _("Give the project a title.")),
                           goal=_required(goal, "goal", _("Say what the project is to improve.")))  # fmt: skip
    project.stamp(actor)
    project.save()
    JointMember.objects.bulk_create([JointMember(project=project, side=s, name=n, role=r) for s, n, r in members])
    JointMilestone.objects.bulk_create([JointMilestone(project=project, title=t, due_on=d) for t, d in steps])
    return project


@transaction.atomic
def move_joint_project(*, actor: User, project: JointProject, to: str, outcome: str = "") -> JointProject:
    project = JointProject.objects.select_for_update().get(pk=project.pk)
    if not actor.has_perm("partnership.run_joint_projects"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR, management or a project's department runs joint projects."),
                            status=403)  # fmt: skip
    if to in (JointStatus.COMPLETED, JointStatus.CANCELLED):
        project.outcome = _required(outcome, "outcome", _("Record the outcome."))
    JOINT_MACHINE.move(project, to)
    project.stamp(actor)
    project.save()
    return project


@transaction.atomic
def complete_milestone(*, actor: User, milestone: JointMilestone, done_on: dt.date) -> JointMilestone:
    milestone = JointMilestone.objects.select_for_update().select_related("project").get(pk=milestone.pk)
    if not actor.has_perm("partnership.run_joint_projects"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR, management or a project's department runs joint projects."),
                            status=403)  # fmt: skip
    if milestone.project.status != JointStatus.RUNNING:
        raise Conflict(ErrorCode.WRONG_STATUS, _("Milestones are reached while the project runs."))
    if done_on is None or done_on > today() or done_on < milestone.project.starts_on:
        raise RuleViolation(ErrorCode.DATES, _("The day lies between the project's start and today."),
                            field="done_on")  # fmt: skip
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    return milestone


@transaction.atomic
def plan_activity(*, actor: User, vendor: Vendor, kind: str, title: str, planned_on: dt.date) -> PlanActivity:
    """An activity of a strategic vendor's relationship plan (PTN-5)."""
    if not actor.has_perm("partnership.keep_plans"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR or management keeps the relationship plans."), status=403)
    if vendor.status != VendorStatus.STRATEGIC:
        raise RuleViolation(ErrorCode.WRONG_STATUS, _("%(vendor)s is not in the strategic tier: it has no relationship "
                            "plan.") % {"vendor": vendor.name}, field="vendor")  # fmt: skip
    if kind not in ActivityKind.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the kind of activity."), field="kind")
    if planned_on is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the planned date."), field="planned_on")
    activity = PlanActivity(vendor=vendor, kind=kind, planned_on=planned_on,
                            title=_required(title, "title", _("Give the activity a title.")))  # fmt: skip
    activity.stamp(actor)
    activity.save()
    return activity


@transaction.atomic
def record_activity(*, actor: User, activity: PlanActivity, held_on: dt.date, record: str) -> PlanActivity:
    activity = PlanActivity.objects.select_for_update().get(pk=activity.pk)
    if not actor.has_perm("partnership.keep_plans"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR or management keeps the relationship plans."), status=403)
    if held_on is None or held_on > today():
        raise RuleViolation(ErrorCode.DATES, _("An activity is recorded once it has taken place."), field="held_on")
    activity.held_on = held_on
    activity.record = _required(record, "record", _("Write what was discussed and agreed."))
    activity.stamp(actor)
    activity.save()
    return activity
