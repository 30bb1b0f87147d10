"""X-1 "who": the person behind each recorded change is named whether the change came from a page (session),
the REST API (token), or a management command."""

import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from outsourcing.audit.actor import acting_as, current_actor
from outsourcing.org.models import Department
from tests.audit.factories import SampleDocumentFactory

pytestmark = pytest.mark.django_db


def latest_entry_for(model, **lookup) -> LogEntry:
    return LogEntry.objects.get_for_object(model.objects.get(**lookup)).order_by("-pk").first()


def test_a_page_post_names_the_logged_in_user(client_for, demo):
    """X-1: 周明 creates a department on the page; the entry names him and where the request came from."""
    response = client_for("admin").post("/org/departments/new/", {"name": "品质部", "code": "QC", "sort_order": 0})
    assert response.status_code == 302
    entry = latest_entry_for(Department, code="QC")
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == demo.admin and entry.remote_addr == "127.0.0.1"


def test_a_token_api_write_names_the_token_user(api_for, demo):
    """X-1: auditlog's own middleware reads the user before DRF has checked the token and would record
    nobody; the project's middleware names the token's user."""
    response = api_for("admin").post("/api/departments/", {"name": "接口部门", "code": "API-1"}, format="json")
    assert response.status_code == 201
    entry = latest_entry_for(Department, code="API-1")
    assert entry.actor == demo.admin, (
        "token-authenticated write recorded without an actor: MIDDLEWARE must use "
        "outsourcing.audit.middleware.AuditlogMiddleware instead of auditlog.middleware.AuditlogMiddleware"
    )


def test_a_token_api_change_names_the_token_user_not_the_session_of_someone_else(api_for, demo):
    """X-1: an update through the API by the administrator's token is attributed to the administrator."""
    department = Department.objects.get(code="ADM")
    response = api_for("admin").patch(f"/api/departments/{department.pk}/", {"name": "综合行政部"}, format="json")
    assert response.status_code == 200
    entry = latest_entry_for(Department, code="ADM")
    assert entry.changes["name"] == ["行政部", "综合行政部"] and entry.actor == demo.admin


def test_load_demo_names_the_demo_administrator(loaded_demo, demo):
    """X-1: records the demo loader creates once the administrator exists carry 周明 as the actor (the loader is
    run again over the loaded demo; it recreates only what is missing)."""
    Department.objects.get(code="ADM").delete()  # no members or sub-departments: the loader recreates it
    call_command("load_demo", stdout=io.StringIO())
    entry = latest_entry_for(Department, code="ADM")
    assert entry.action == LogEntry.Action.CREATE and entry.actor == demo.admin
    _the_demo_tells_a_consistent_past()


def _the_demo_tells_a_consistent_past():
    """The same full demo (loaded once, it is slow): answers before their deadline, each project's period
    covering its contracts, each contracted vendor admitted before its first signature (DEM-4, SRC-3, VEN-5)."""
    from outsourcing.contracts.models import Contract
    from outsourcing.sourcing.models import Bid

    bids = Bid.objects.select_related("candidate__event")
    assert bids and all(b.submitted_at < b.candidate.event.deadline for b in bids)
    contracts = Contract.objects.select_related("project", "vendor")
    assert contracts and all(
        c.project.period_start <= c.start_date and c.end_date <= c.project.period_end for c in contracts
    )
    signed = [c for c in contracts if c.signed_on]
    assert signed and all(c.vendor.admitted_at.date() < c.signed_on for c in signed)


def test_acting_blocks_nest_and_restore_the_outer_actor(demo):
    """X-1: a command acting for one person that calls code acting for another gets each right, and
    nothing leaks past the block (auditlog's own set_actor does not restore the outer one)."""
    with acting_as(demo.hr):
        with acting_as(demo.admin):
            inner = SampleDocumentFactory()
        outer = SampleDocumentFactory()
    after = SampleDocumentFactory()
    assert latest_entry_for(type(inner), pk=inner.pk).actor == demo.admin
    assert latest_entry_for(type(outer), pk=outer.pk).actor == demo.hr
    assert latest_entry_for(type(after), pk=after.pk).actor is None
    assert current_actor() is None


def test_an_anonymous_or_missing_user_names_nobody(demo):
    """X-1: an anonymous request user is not an actor."""
    from django.contrib.auth.models import AnonymousUser

    with acting_as(lambda: AnonymousUser()):
        assert current_actor() is None
        document = SampleDocumentFactory()
    assert latest_entry_for(type(document), pk=document.pk).actor is None
