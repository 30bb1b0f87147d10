"""VEN-6: the vendor's page shows everything about it, each app contributing its section through the registry
(core.sections): documents (the page's own), selections, contracts, projects, workers, post-project
evaluations; later apps (performance, incidents, risks, settlements) add theirs the same way. In the portal
the vendor's user sees its own company's sections only."""

import re

import pytest
from django.apps import apps
from django.template.loader import render_to_string
from django.test import RequestFactory

from outsourcing.contracts import changes, ending
from outsourcing.core.sections import sections_for
from outsourcing.core.timeutil import today
from outsourcing.vendors import services as vendor_services
from outsourcing.vendors.models import Vendor
from tests.contracts.factories import approved_award, user
from tests.workforce.factories import contract_in_force, on_site

pytestmark = pytest.mark.django_db

PAGE_OWNER = "vendors"  # the vendor's own records (master data, documents, reviews) are the page itself


def apps_with_vendor_data() -> set[str]:
    """Every app of ours with a table that points at a vendor."""
    found = set()
    for model in apps.get_models():
        if not model.__module__.startswith("outsourcing."):
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Vendor:
                found.add(model._meta.app_label)
    return found


def test_ven6_every_app_with_vendor_data_registers_a_vendor_section():
    """VEN-6: adding an app with vendor data without a section on the vendor's page fails here."""
    registered = {section.app for section in sections_for("vendor")}
    missing = apps_with_vendor_data() - {PAGE_OWNER} - registered
    assert not missing, f"apps with vendor data but no section on the vendor's page: {sorted(missing)}"
    assert {"sourcing", "contracts", "workforce"} <= registered
    templates = {section.template for section in sections_for("vendor")}
    assert {"contracts/_vendor_projects.html", "contracts/_vendor_evaluations.html"} <= templates


def _first_id(html: str) -> str:
    return re.search(r'id="([^"]+)"', html).group(1)


def test_ven6_each_section_is_rendered_and_the_portal_sees_only_its_own(demo, client_for):
    """VEN-6, ORG-3: one vendor with records in every app: staff see every section on its page; its own user
    sees in the portal its contracts and workers, nothing internal and nothing of another vendor."""
    award, _vendors = approved_award()
    vendor = award.winner.vendor
    vendor_services.link_account(user=user("vendor1"), vendor=vendor)
    contract = contract_in_force("vendor1")
    on_site(contract)
    ended = contract_in_force("vendor1")
    changes.start_exit(actor=user("procurement"), contract=ended, due=today())
    for item in ended.exit_items.all():
        changes.complete_exit_item(actor=user("procurement"), item=item, evidence="已完成")
    changes.close_contract(actor=user("procurement"), contract=ended)
    ending.record_post_evaluation(actor=user("requester"), contract=ended, quality_score=4, delivery_score=4,
                                  compliance_score=5, cooperation_score=4, performance_summary="按期交付，一次整改",
                                  business_outlook="业务收回自营", recommendation="with_conditions")  # fmt: skip
    # performance (PRF-6): a published evaluation of last month, on a contract in force since before it
    from tests.performance import factories as perf

    measured = contract_in_force("vendor1", start=perf.month_ago(2, 1))
    answer = perf.kpi()
    perf.sla(measured, [(answer, 100)])
    perf.figure(measured, answer, perf.month_ago(1), answered=96, offered=100)
    perf.published(measured, perf.month_ago(1))
    # settlement (SET-2): last month's settlement of the same contract, opened by its owner
    from tests.settlements.factories import opened

    opened(measured, day=perf.month_ago(1))
    # compliance (INC-1, RSK-1): an incident on the contract and a risk on the vendor
    from outsourcing.compliance import incidents
    from tests.compliance.factories import recorded

    incidents.record_incident(actor=user("requester"), data=incidents.IncidentData(
        kind="service_interruption", title="热线中断两小时", description="坐席系统故障", occurred_on=today(),
        contract=contract))  # fmt: skip
    recorded(vendor=vendor)
    # partnership (PTN-1): the vendor's improvement proposal
    from tests.partnership.factories import submitted

    submitted(contract)
    other = contract_in_force("vendor2")

    request = RequestFactory().get(vendor.get_absolute_url())
    request.user = user("hr")
    page = client_for("hr").get(vendor.get_absolute_url()).content.decode()
    assert 'id="documents"' in page  # the page's own section
    for section in sections_for("vendor"):
        context = section.context(request, vendor)
        assert context is not None, f"{section.template} shows nothing for a vendor with data in its app"
        marker = _first_id(render_to_string(section.template, {**context, "request": request}))
        assert f'id="{marker}"' in page, section.template
    assert contract.project.number in page and "按期交付，一次整改" in page

    portal = client_for("vendor1").get("/vendors/portal/").content.decode()
    assert 'id="vendor-contracts"' in portal and contract.number in portal and 'id="vendor-workers"' in portal
    assert 'id="vendor-incidents"' in portal and 'id="vendor-risks"' not in portal  # its incidents, not the register
    assert other.number not in portal
    for internal in ("vendor-sourcing", "vendor-projects", "vendor-evaluations", "vendor-risks"):
        assert f'id="{internal}"' not in portal
    assert client_for("vendor1").get(other.vendor.get_absolute_url()).status_code in (403, 404)


def test_ven6_the_vendor_page_costs_the_same_queries_with_one_or_five_contracts_and_workers(
    demo, client_for, django_assert_max_num_queries
):
    """VEN-6: every section reads its records in a fixed number of queries: the page with five contracts, each
    with a worker on site, an incident and a risk costs what it costs with one."""
    from outsourcing.compliance import incidents
    from tests.compliance.factories import recorded

    def grow():
        contract = contract_in_force("vendor1")
        on_site(contract)
        incidents.record_incident(actor=user("requester"), data=incidents.IncidentData(
            kind="service_interruption", title="热线中断", description="坐席系统故障", occurred_on=today(),
            contract=contract))  # fmt: skip
        recorded(contract=contract)
        return contract

    vendor = grow().vendor
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hr = client_for("hr")
    hr.get(vendor.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        assert hr.get(vendor.get_absolute_url()).status_code == 200
    for _ in range(4):
        grow()
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = hr.get(vendor.get_absolute_url())
    html = page.content.decode()
    assert html.count('href="/compliance/incidents/') >= 5 and 'id="vendor-risks"' in html
