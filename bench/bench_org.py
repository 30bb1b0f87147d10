"""Benchmark the organisation reads at scale on generated data.

    make bench                         # SQLite in a temporary directory
    DATABASE_URL=postgres://… make bench

Generates 1,000 departments (three levels) and 20,000 users holding 30,000 role assignments, then
times the reads every page makes: the department tree, a page of the user list, permission checks,
authority-matrix look-ups, and issuing 2,000 document numbers. Prints one line per measurement.
"""

from __future__ import annotations

import time
from decimal import Decimal

from benchkit import timed  # sets up Django: import it before models
from django.db import connection, reset_queries, transaction

from outsourcing.core.numbering import next_number
from outsourcing.org import selectors
from outsourcing.org.demo import load
from outsourcing.org.models import Department, DocumentType, Role, RoleAssignment, User

DEPARTMENTS, USERS = 1_000, 20_000


def generate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    load()
    with transaction.atomic():
        roots = Department.objects.bulk_create(Department(name=f"事业部{i}", code=f"BU-{i}") for i in range(20))
        level2 = Department.objects.bulk_create(
            Department(name=f"中心{i}", code=f"C-{i}", parent=roots[i % 20]) for i in range(180)
        )
        leaves = Department.objects.bulk_create(
            Department(name=f"科室{i}", code=f"T-{i}", parent=level2[i % 180]) for i in range(DEPARTMENTS - 200)
        )
        every = roots + level2 + leaves
        users = User.objects.bulk_create(
            User(username=f"u{i:05d}", full_name=f"员工{i}", department=every[i % len(every)], password="!")
            for i in range(USERS)
        )
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(user=u, role=Role.REQUESTER, department=u.department) for u in users]
            + [RoleAssignment(user=u, role=Role.PANEL_MEMBER) for u in users[::2]]
        )


def main() -> None:
    vendor = connection.vendor
    t0 = time.perf_counter()
    generate()
    print(f"database: {vendor}; generated {DEPARTMENTS} departments, {USERS} users in {time.perf_counter() - t0:.1f} s")
    timed("department tree (whole, annotated with member counts)", lambda: len(selectors.department_tree()), 5)
    timed(
        "user list: first page of 50 with roles",
        lambda: [list(u.role_assignments.all()) for u in selectors.users_list()[:50]],
        5,
    )
    timed("user list: search 员工1999", lambda: list(selectors.users_list(search="员工1999")[:50]), 5)
    leaf = Department.objects.filter(code="T-799").select_related("parent__parent").get()
    head = User.objects.get(username="depthead")
    timed(
        "permission: act as department head (deep leaf)",
        lambda: head.has_perm("org.act_as_department_head", leaf),
        50,
    )
    timed(
        "authority matrix: required levels for a demand",
        lambda: selectors.required_approval_levels(document_type=DocumentType.DEMAND, amount=Decimal("750000")),
        50,
    )

    def issue_numbers():
        for _ in range(2_000):
            with transaction.atomic():
                next_number("BEN")

    timed("document numbers: 2,000 issued one transaction each", issue_numbers)
    reset_queries()


if __name__ == "__main__":
    main()
