"""AUD-3 (P3§7): each department's periodic outsourcing report shows its projects' risk status — the
disguised-dispatch score, open indicator findings, live risks and open incidents — for its department head (page
and Excel); compliance readers read every department's; another department's head and vendors get 403; the heads
are told at the start of each quarter."""

from __future__ import annotations

import datetime as dt

import pytest

from outsourcing.compliance import department_report, scores
from outsourcing.contracts.models import Contract
from outsourcing.core.timeutil import today
from outsourcing.org.models import Department
from tests.compliance.factories import recorded
from tests.workforce.factories import contract_in_force, user

pytestmark = pytest.mark.django_db


def test_aud3_department_head_reads_the_risk_status_of_the_departments_projects(demo, client_for):
    """AUD-3: the head of the project's department sees the project with its score and its live risk; Excel too."""
    contract = contract_in_force()
    Contract.objects.filter(pk=contract.pk).update(pricing_model="headcount_hours")
    scores.run_signs(today())
    scores.rescore(today())
    recorded(title="部门外包风险", project=contract.project)
    department = contract.project.department
    head = client_for("depthead")
    response = head.get("/compliance/departments/", follow=True)
    text = response.content.decode()
    assert response.redirect_chain and contract.project.number in text and 'id="department-report"' in text
    row = next(r for r in department_report.rows(department) if r["project"].pk == contract.project_id)
    assert row["score"].score == 25 and row["risks"] == 1
    excel = head.get(f"/compliance/departments/{department.pk}/?export=xlsx")
    assert excel["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client_for("hr").get(f"/compliance/departments/{department.pk}/").status_code == 200
    assert client_for("ithead").get(f"/compliance/departments/{department.pk}/").status_code == 403
    assert client_for("vendor1").get("/compliance/departments/").status_code == 403


def test_aud3_department_heads_are_told_each_quarter(demo):
    """AUD-3: on the first day of a quarter each department head gets the link to the report; other days nothing."""
    first = dt.date(today().year, 4, 1)
    told = department_report.quarterly_notices(first)
    ops = Department.objects.get(code="OPS")
    assert any(n.recipient_id == user("depthead").pk and n.url == f"/compliance/departments/{ops.pk}/" for n in told)
    assert department_report.quarterly_notices(first + dt.timedelta(days=1)) == []
