"""ORG-1, ORG-3, X-8 (security finding 1; consolidation 6): the generated sweep. Every page and API route is read
from the URL resolver — nobody lists them — and filled with the ids of one department's and one vendor's records
(客户服务部 and vendor1: a demand, its project, a sourcing event and award, contracts, a worker with access, items,
a request and a monthly proof, an instruction, attachments, a risk and the indicators' findings). Then each
outsider — vendor2 (another vendor), `logistics` (another department's project owner) and an anonymous visitor —
reads (GET) and writes (POST) every one of them:
- no answer is a server error;
- no answer shows the victims' records (each carries a marker in its title or name);
- no write changes anything: every row of every domain table is the same after the sweep as before.
A route that is public on purpose is named in PUBLIC with the reason. The test prints how many it tried.
"""

from __future__ import annotations

import itertools
import re
from importlib import import_module

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from outsourcing.core.timeutil import today

pytestmark = pytest.mark.django_db

MARK = "泄露标记"  # in the department's and vendor1's own records: no outsider may see it
VENDOR_MARK = "供应商标记"  # in vendor1's company name: staff see the vendor pool, another vendor does not
DEPT_MARK = "部门标记"  # in the award's event and project: vendor2 was invited to bid, another department was not
SEEN_BY = {"vendor2": (MARK, VENDOR_MARK), "logistics": (MARK, DEPT_MARK), None: (MARK, VENDOR_MARK, DEPT_MARK)}
# Routes anyone may open, and why.
PUBLIC = {
    "accounts/login/": "the login page",
    "api/auth/token/": "the token login",
    "i18n/setlang/": "choosing the language (a cookie, no data)",
}
SKIPPED = {
    "accounts/logout/": "would end the outsider's own session midway; logging out writes nothing of others",
}
# Apps whose rows the outsiders' requests may legitimately add or change: their own notifications read, the
# audit trail of what they tried, their own login records.
MAY_CHANGE = {"notifications", "auditlog", "axes", "sessions", "authtoken", "admin", "contenttypes"}
# Rows an outsider may write for itself (its own API tokens, issued and revoked on its account page): those
# rows are left out of the comparison; everyone else's stay in it.
OWN_ROWS = {"org.ApiToken": "user__username"}
OUTSIDERS = ("vendor2", "logistics")
BODY = {
    "decision": "approve", "approve": "1", "note": "x", "reason": "看看这个人", "field": "id_number",
    "response": "好", "evidence": "x", "title": "x", "description": "x", "subject": "x", "content": "x",
    "in_use": "1", "day": "2026-12-01", "due": "2026-12-31", "due_date": "2026-12-31", "choice": "renew",
    "kind": "system", "resource": "x", "comment": "x", "declaration": "x", "has_conflict": "", "evaluation": "x",
    "category": "knowledge", "amount": "100", "references": "x", "items": "x", "confirm": "1",
    "starts_on": "2026-12-01", "resumed_on": "2026-12-01", "last_day": "2027-06-30", "accept": "1",
    "quality_score": "4", "delivery_score": "4", "compliance_score": "4", "cooperation_score": "4",
    "performance_summary": "x", "business_outlook": "x", "recommendation": "work_again",
}  # fmt: skip


def _routes() -> list[tuple[str, object]]:
    found = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                found.append((prefix + str(pattern.pattern), pattern.callback))

    walk(get_resolver().url_patterns)
    return [
        (route, view) for route, view in found
        if not route.startswith("django-admin/") and "(?P<format>" not in route and route not in SKIPPED
    ]  # fmt: skip


PARAM = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def _fill(route: str, values: dict[str, str]) -> str:
    def one(match):
        return values[match.group(2) or match.group(3)]

    return "/" + PARAM.sub(one, route).replace("^", "").replace("$", "").replace("\\", "")


def _params(route: str) -> list[tuple[str, str]]:
    return [(m.group(1) or "regex", m.group(2) or m.group(3)) for m in PARAM.finditer(route)]


def _victims():
    """客户服务部's and vendor1's records, each marked; answers the records."""
    from outsourcing.contracts import changes, ending
    from outsourcing.contracts.models import Contract
    from outsourcing.demands.models import Demand, Project
    from outsourcing.org import tokens
    from outsourcing.sourcing.models import SourcingEvent
    from outsourcing.vendors.models import Vendor
    from outsourcing.workforce import access, certificates, proofs
    from outsourcing.workforce import requests as worker_requests
    from outsourcing.workforce.models import Worker
    from tests.compliance.factories import victims as compliance_victims
    from tests.contracts.factories import approve_everything, approved_award, draft
    from tests.operations.factories import instruct
    from tests.partnership.factories import victims as partnership_victims
    from tests.performance.factories import victims as performance_victims
    from tests.settlements.factories import victims as settlement_victims
    from tests.workforce.factories import contract_in_force, granted, insurance_list, on_site, upload, user

    award, _vendors = approved_award()
    drafted = draft(award)
    contract = contract_in_force("vendor1", start=today().replace(day=1))
    worker = on_site(contract, entered=today().replace(day=1), planned_start=today().replace(day=1))
    grant = granted(worker)
    item = access.issue_item(actor=user("requester"), worker=worker, kind="card", description="门禁卡",
                             issued_on=today())  # fmt: skip
    request = worker_requests.raise_request(actor=user("requester"), worker=worker, subject="交接",
                                            description="请改进")
    proof = proofs.submit_proof(actor=user("vendor1"), project=contract.project, month=today(), lines=[])
    upload("tax_filing", "vendor1", proof)
    insurance_list(proof, [worker])  # the month's social-insurance list (WRK-6)
    Contract.objects.filter(pk=contract.pk).update(special_work="电工作业")  # CON-9: its workers' certificates
    certificate = certificates.record_certificate(
        actor=user("vendor1"), worker=worker, operation="电工作业", certificate_number="T3101150001",
        issuer="应急管理局", valid_until=today().replace(year=today().year + 2),
    )  # fmt: skip
    upload("qualification_certificate", "vendor1", certificate)
    instruction = instruct(contract)
    performance = performance_victims()
    settlements = settlement_victims(contract)  # SET-2..SET-7: a settlement in approval, another paid
    # CON-10: the vendor's termination request (legal's review route) and an approved decision to end with its
    # notice of non-renewal (its letter's route), on vendor1's contract.
    termination = ending.request_termination(actor=user("vendor1"), contract=contract, reason="业务调整",
                                             last_day=contract.end_date)  # fmt: skip
    decision = changes.decide_renewal(actor=user("requester"), contract=contract, choice="end", reason="收回自营")
    approve_everything(decision, "contract_renewal_decision")
    compliance = compliance_victims(contract, MARK)  # a risk on the contract and today's findings (RSK-1, RSK-2)
    partnership = partnership_victims(contract, MARK)  # PTN-1, PTN-2: an adopted proposal with a measured saving
    tokens.issue_token(user=user("vendor1"), name="现场负责人的接口")  # another's token: must stay as it is
    marked = (
        (MARK, Demand, contract.project.demand_id, "title"), (MARK, Project, contract.project_id, "name"),
        (MARK, Contract, contract.pk, "title"), (MARK, Contract, drafted.pk, "title"),
        (MARK, Worker, worker.pk, "name"),
        (DEPT_MARK, Project, award.event.project_id, "name"), (DEPT_MARK, SourcingEvent, award.event_id, "title"),
    )  # fmt: skip
    for mark, model, pk, field in marked:
        value = model.objects.values_list(field, flat=True).get(pk=pk)
        model.objects.filter(pk=pk).update(**{field: f"{mark}{value}"[:50]})
    vendor = contract.vendor
    Vendor.objects.filter(pk=vendor.pk).update(name=f"{VENDOR_MARK}{vendor.name}")
    return [award, award.event, drafted, contract, contract.project, worker, grant, item, request, proof,
            certificate, instruction, vendor, termination, decision, *contract.non_renewal_notices.all(),
            *award.event.candidates.all(), *contract.exit_items.all(), *performance,
            *settlements, *compliance, *partnership]  # fmt: skip


def _snapshot() -> dict:
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in MAY_CHANGE:
            continue
        found = model.objects.order_by("pk")
        if model._meta.label in OWN_ROWS:
            found = found.exclude(**{f"{OWN_ROWS[model._meta.label]}__in": OUTSIDERS})
        rows[model._meta.label] = list(found.values_list())
    return rows


def _ids(victims) -> tuple[list[int], list[tuple[int, int]], list[str]]:
    """The victims' ids, (parent, child) id pairs along their foreign keys, and the attachments' uuids."""
    from outsourcing.attachments.models import Attachment

    ids = sorted({v.pk for v in victims})
    pairs = set()
    for victim in victims:
        for field in victim._meta.concrete_fields:
            if field.is_relation and getattr(victim, field.attname, None) in ids:
                pairs.add((getattr(victim, field.attname), victim.pk))
    uuids = [str(a.uuid) for a in Attachment.objects.all()]
    return ids, sorted(pairs), uuids


def _urls(route: str, view, ids, pairs, uuids) -> list[str]:
    params = _params(route)
    if not params:
        return ["/" + route.replace("^", "").replace("$", "")]
    module = import_module(view.__module__) if hasattr(view, "__module__") else None
    slugs = sorted(set(getattr(module, "ACTIONS", {})) | set(getattr(module, "PART_ACTIONS", {}))) or ["x"]
    choices = []
    int_params = [name for kind, name in params if kind not in ("uuid", "slug", "path", "str")
                  and name not in ("uuid", "action")]  # fmt: skip
    for kind, name in params:
        if kind == "uuid" or name == "uuid":
            choices.append([(name, u) for u in uuids] or [(name, "00000000-0000-0000-0000-000000000000")])
        elif kind == "slug" or name == "action":
            choices.append([(name, s) for s in slugs])
        elif len(int_params) == 1:
            choices.append([(name, str(i)) for i in ids])
        else:
            choices.append(None)  # filled from the pairs below
    if len(int_params) >= 2:
        first, second = int_params[:2]
        combos = [{first: str(a), second: str(b)} for a, b in pairs]
        fixed = [c for c in choices if c is not None]
        return [_fill(route, {**combo, **dict(rest)}) for combo in combos for rest in itertools.product(*fixed)]
    return [_fill(route, dict(combo)) for combo in itertools.product(*choices)]


def _client(username: str | None) -> tuple[Client, APIClient]:
    from outsourcing.org.models import User

    page, api = Client(), APIClient()
    if username:
        person = User.objects.get(username=username)
        page.force_login(person)
        api.force_authenticate(person)
    return page, api


def test_every_route_as_every_outsider_leaks_nothing_and_writes_nothing(demo, capsys):
    """ORG-1, ORG-3, X-8: generated from the resolver; vendor2, another department and anonymous."""
    victims = _victims()
    ids, pairs, uuids = _ids(victims)
    routes = _routes()
    clients = {outsider: _client(outsider) for outsider in (*OUTSIDERS, None)}  # logins before the snapshot
    before = _snapshot()
    tried, problems = 0, []
    for outsider, (page, api) in clients.items():
        for route, view in routes:
            public = route in PUBLIC
            for url in _urls(route, view, ids, pairs, uuids):
                client = api if url.startswith("/api/") else page
                for method in ("get", "post"):
                    body = BODY if method == "post" else None
                    kwargs = {"format": "json"} if client is api and body else {}
                    response = getattr(client, method)(url, body, **kwargs)
                    tried += 1
                    text = response.content.decode("utf-8", "replace") if not response.streaming else ""
                    who = outsider or "anonymous"
                    if response.status_code >= 500:
                        problems.append(f"{who}: {method.upper()} {url} answered {response.status_code}")
                    elif any(mark in text for mark in SEEN_BY[outsider]):
                        problems.append(f"{who}: {method.upper()} {url} showed a victim's record")
                    elif outsider is None and response.status_code == 200 and not public:
                        problems.append(f"anonymous: {method.upper()} {url} answered 200")
    after = _snapshot()
    changed = [label for label in before if before[label] != after[label]]
    with capsys.disabled():
        print(f"\ngenerated sweep: {len(routes)} routes, {tried} requests as vendor2, logistics and anonymous")
    assert not problems, "\n".join(problems[:40])
    assert not changed, f"outsiders' requests changed {changed}"
    # The victims themselves get through: the sweep does not pass because everything is shut.
    owner_page, _ = _client("vendor1")
    worker = next(v for v in victims if v._meta.model_name == "worker")
    assert MARK in owner_page.get(worker.get_absolute_url()).content.decode()
    requester_page, _ = _client("requester")
    assert MARK in requester_page.get("/demands/").content.decode()
