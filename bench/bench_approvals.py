"""Benchmark the approval inbox and the demand list at scale on generated data.

    python bench/bench_approvals.py                       # SQLite in a temporary directory
    DATABASE_URL=postgres://… SECRET_KEY=… python bench/bench_approvals.py

Generates 5,000 demands across 200 departments, submitted into approval (5,000 requests and
20,000 tasks), then times what people open most: a department head's inbox (page of 30), the inbox
count in the navigation, the demand list for HR (page of 30, all demands) and for a project owner, and
the API list of tasks. Prints one line per measurement with the query count.
"""

from __future__ import annotations

import functools
import os
import time
from decimal import Decimal

import benchkit  # sets up Django: import it before models
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from outsourcing.approvals import selectors
from outsourcing.approvals.models import ApprovalFlow, ApprovalRequest, ApprovalTask, TaskStatus
from outsourcing.approvals.states import ApprovalState as DemandStatus
from outsourcing.demands import selectors as demand_selectors
from outsourcing.demands.models import BudgetLine, Demand
from outsourcing.org.models import Department, Role, RoleAssignment, User

timed = functools.partial(benchkit.timed, repeat=5)

DEMANDS = 5_000


def generate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    ops = Department.objects.get(code="OPS")
    requester = User.objects.get(username="requester")
    with transaction.atomic():
        departments = Department.objects.bulk_create(
            Department(name=f"运营班组{i}", code=f"OPS-T{i}", parent=ops) for i in range(200)
        )
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=requester, role=Role.REQUESTER, department=d) for d in departments
        )
        now = timezone.now()
        demands = Demand.objects.bulk_create(
            Demand(
                number=f"DEM-2099-{i:05d}",
                title=f"外包需求{i}",
                department=departments[i % 200],
                requester=requester,
                status=DemandStatus.IN_APPROVAL,
                background="-",
                work_scope="-",
                boundaries="-",
                deliverables="-",
                sla_outline="-",
                period_start="2027-01-01",
                period_end="2027-12-31",
                estimated_headcount=5,
                budget_total=Decimal("100000"),
                risk_reserve=Decimal("0"),
                funding_source="department_budget",
                risk_analysis="-",
                contingency_plan="-",
                declared_nature="auxiliary",
                nature_explanation="-",
                self_check={},
                submitted_at=now,
            )
            for i in range(DEMANDS)
        )
        BudgetLine.objects.bulk_create(BudgetLine(demand=d, item="服务费", amount=Decimal("100000")) for d in demands)
        flow = ApprovalFlow.objects.get(document_type="demand")
        content_type = ContentType.objects.get_for_model(Demand)
        requests = ApprovalRequest.objects.bulk_create(
            ApprovalRequest(
                content_type=content_type,
                object_id=d.pk,
                flow=flow,
                title=d.number,
                amount=d.budget_total,
                department=d.department,
                submitter=requester,
                submitted_at=now,
            )
            for d in demands
        )
        tasks = []
        for i, request in enumerate(requests):
            at_head = i % 3 != 0
            tasks.append(
                ApprovalTask(
                    request=request,
                    round=1,
                    position=1,
                    step_name="部门负责人初审",
                    role=Role.DEPT_HEAD,
                    department=request.department,
                    status=TaskStatus.PENDING if at_head else TaskStatus.APPROVED,
                    opened_at=now,
                )
            )
            for position, role in ((2, Role.HR), (3, Role.FINANCE), (4, Role.LEGAL)):
                status = TaskStatus.PENDING if (not at_head and position == 2) else TaskStatus.WAITING
                tasks.append(
                    ApprovalTask(
                        request=request,
                        round=1,
                        position=position,
                        step_name=role,
                        role=role,
                        status=status,
                        opened_at=now,
                    )
                )
        ApprovalTask.objects.bulk_create(tasks)


def main() -> None:
    t0 = time.perf_counter()
    generate()
    print(
        f"database: {connection.vendor}; generated {DEMANDS} demands, {ApprovalTask.objects.count()} tasks "
        f"in {time.perf_counter() - t0:.1f} s"
    )
    head, hr, requester = (User.objects.get(username=u) for u in ("depthead", "hr", "requester"))
    timed("inbox: department head, first page of 30", lambda: list(selectors.inbox(head)[:30]))
    timed("inbox count in the navigation (department head)", lambda: selectors.inbox_count(head))
    timed("inbox: HR, first page of 30", lambda: list(selectors.inbox(hr)[:30]))
    timed("inbox count in the navigation (HR)", lambda: selectors.inbox_count(hr))
    timed(
        "demand list: HR, count + first page of 30",
        lambda: (demand_selectors.demands_for(hr).count(), list(demand_selectors.demands_for(hr)[:30])),
    )
    timed(
        "demand list: project owner (200 departments), first page",
        lambda: (demand_selectors.demands_for(requester).count(), list(demand_selectors.demands_for(requester)[:30])),
    )
    timed("demand list: search by number", lambda: list(demand_selectors.demands_for(hr, search="DEM-2099-04999")))


if __name__ == "__main__":
    main()
