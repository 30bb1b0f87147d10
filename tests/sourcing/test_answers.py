"""SRC-3 vendors answer in the portal before the deadline; answers are sealed: before the deadline nobody
inside the company, administrator included, reads a quote on any page, export, endpoint or audit entry."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from outsourcing.attachments import services as attachments
from outsourcing.core.errors import RuleViolation
from outsourcing.sourcing import bidding, events
from outsourcing.sourcing.models import Bid
from tests.sourcing.factories import answer, draft_event, event_with_answers, pass_deadline, three_vendors, user

pytestmark = pytest.mark.django_db

QUOTES = ("1234567.89", "1111111.11", "1357913.57")
SECRETS = ["1234567.89", "1,234,567.89", "1111111.11", "1,111,111.11", "成立于2012年", "为三家银行"]

INTERNAL = ["admin", "hr", "procurement", "auditor", "legal", "finance", "manager", "requester", "itowner"]


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


def test_nobody_inside_reads_an_answer_before_the_deadline(demo, client_for, api_for):
    """SRC-3: every page, export and endpoint, for every inside role, the administrator included."""
    event, _vendors = event_with_answers(QUOTES)
    bid = Bid.objects.filter(candidate__event=event).first()
    attachments.attach(
        actor=demo.vendor1,
        document=Bid.objects.get(candidate__event=event, candidate__vendor__accounts__user=demo.vendor1),
        upload=SimpleUploadedFile("报价单.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        kind="other",
    )
    urls = [
        "/sourcing/",
        "/sourcing/?export=xlsx",
        event.get_absolute_url(),
        f"/sourcing/{event.pk}/score/",
        f"/sourcing/{event.pk}/report.pdf",
        f"/sourcing/answers/{bid.pk}/",
        "/audit/?object_type=sourcing.bid",
        "/approvals/inbox/",
    ]
    endpoints = [
        "/api/bids/",
        f"/api/bids/{bid.pk}/",
        f"/api/sourcing-events/{event.pk}/",
        f"/api/sourcing-events/{event.pk}/answers/",
        f"/api/sourcing-events/{event.pk}/candidates/",
        f"/api/sourcing-events/{event.pk}/results/",
        "/api/audit-events/?page_size=1000",
        f"/api/attachments/?document_type=sourcing.bid&object_id={bid.pk}",
    ]
    for username in INTERNAL:
        client, api = client_for(username), api_for(username)
        for url in urls:
            response = client.get(url)
            body = response.content.decode("utf-8", "replace")
            assert not leaks(body), f"{username} GET {url} shows {leaks(body)}"
        for url in endpoints:
            response = api.get(url)
            body = response.content.decode("utf-8", "replace")
            assert not leaks(body), f"{username} API {url} shows {leaks(body)}"
    page = client_for("procurement").get(event.get_absolute_url()).content.decode()
    assert page.count("sealed") + page.count("密封") >= 3  # the organiser sees that three answers are in, not what


def test_after_the_deadline_the_organisers_audit_and_declared_members_read_them(demo, client_for, api_for):
    """SRC-3, SRC-4: unsealed for organisers, audit and panel members who declared no conflict; never for
    a member who has not declared, nor for a vendor of another candidate."""
    event, _vendors = event_with_answers(QUOTES)
    event = pass_deadline(event)
    for username in ("procurement", "hr", "auditor"):
        body = api_for(username).get(f"/api/sourcing-events/{event.pk}/answers/").content.decode()
        assert "1234567.89" in body, username
    assert "1234567.89" not in api_for("legal").get(f"/api/sourcing-events/{event.pk}/answers/").content.decode()
    member = event.panel.get(user=demo.legal)
    from outsourcing.sourcing import scoring

    scoring.declare(actor=demo.legal, member=member, has_conflict=False)
    assert "1234567.89" in api_for("legal").get(f"/api/sourcing-events/{event.pk}/answers/").content.decode()
    finance = event.panel.get(user=demo.finance)
    scoring.declare(actor=demo.finance, member=finance, has_conflict=True, declaration="配偶在候选外包商任职")
    assert "1234567.89" not in api_for("finance").get(f"/api/sourcing-events/{event.pk}/answers/").content.decode()
    own = api_for("vendor2").get("/api/bids/").json()["results"]
    assert [b["quote_total"] for b in own] == ["1111111.11"]
    assert "1234567.89" not in client_for("vendor2").get(f"/sourcing/portal/{event.pk}/").content.decode()


def test_a_late_answer_is_refused(demo, client_for, api_for):
    """SRC-3: refused as late (not as someone else's invitation), on the page, in the service and the API."""
    vendors = three_vendors()
    event = draft_event(vendors=vendors)
    events.issue_invitations(actor=demo.procurement, event=event)
    event = pass_deadline(event)
    candidate = event.candidates.get(vendor=vendors[0])
    with pytest.raises(RuleViolation) as refused:
        bidding.submit_answer(actor=demo.vendor1, candidate=candidate, answer=answer())
    assert refused.value.code == "late"
    late = api_for("vendor1").post("/api/bids/", {"event": event.pk, "company_profile": "公司简介",
                                                  "similar_cases": "案例", "service_proposal": "方案",
                                                  "quote_total": "900000.00",
                                                  "lines": [{"item": "坐席服务费", "amount": "900000.00"}]},
                                   format="json")  # fmt: skip
    assert late.status_code == 409 and "逾期" in late.json()["detail"]
    response = client_for("vendor1").post(f"/sourcing/portal/{event.pk}/", {"company_profile": "x"})
    assert response.status_code == 302
    assert not Bid.objects.filter(candidate=candidate).exists()


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        (lambda a: setattr(a, "service_proposal", ""), "service_proposal"),
        (lambda a: setattr(a, "quote_total", Decimal("999")), "quote_total"),
        (lambda a: setattr(a, "lines", []), "lines"),
    ],
)
def test_an_incomplete_or_inconsistent_answer_is_refused(demo, bad, field):
    """SRC-3, X-8: every part, an itemised quote that adds up to the total."""
    vendors = three_vendors()
    event = draft_event(vendors=vendors)
    events.issue_invitations(actor=demo.procurement, event=event)
    candidate = event.candidates.get(vendor=vendors[0])
    given = answer()
    bad(given)
    with pytest.raises(RuleViolation) as refused:
        bidding.submit_answer(actor=demo.vendor1, candidate=candidate, answer=given)
    assert refused.value.field == field
    assert not Bid.objects.filter(candidate=candidate).exists()


def test_a_vendor_answers_only_its_own_invitation_and_can_replace_it_until_the_deadline(demo, api_for):
    """SRC-3, ORG-3"""
    vendors = three_vendors()
    event = draft_event(vendors=vendors)
    with pytest.raises(RuleViolation):  # not invited yet
        bidding.submit_answer(actor=demo.vendor1, candidate=event.candidates.get(vendor=vendors[0]), answer=answer())
    early = api_for("vendor1").post("/api/bids/", {"event": event.pk, "company_profile": "公司简介",
                                                   "similar_cases": "案例", "service_proposal": "方案",
                                                   "quote_total": "1.00", "lines": [{"item": "x", "amount": "1.00"}]},
                                    format="json")  # fmt: skip
    assert early.status_code == 404 and "未受邀" in early.json()["detail"]
    event = events.issue_invitations(actor=demo.procurement, event=event)
    theirs = event.candidates.get(vendor=vendors[1])
    with pytest.raises(RuleViolation):
        bidding.submit_answer(actor=demo.vendor1, candidate=theirs, answer=answer())
    payload = {
        "event": event.pk,
        "company_profile": "公司简介",
        "similar_cases": "案例",
        "service_proposal": "方案",
        "quote_total": "900000.00",
        "lines": [{"item": "坐席服务费", "amount": "900000.00"}],
    }
    first = api_for("vendor1").post("/api/bids/", payload, format="json")
    assert first.status_code == 201, first.content
    again = api_for("vendor1").post(
        "/api/bids/", {**payload, "quote_total": "880000.00", "lines": [{"item": "坐席", "amount": "880000.00"}]},
        format="json",
    )  # fmt: skip
    assert again.status_code == 201
    assert Bid.objects.get(candidate__event=event, candidate__vendor=vendors[0]).quote_total == Decimal("880000.00")
    assert api_for("vendor2").get(f"/api/bids/{again.json()['id']}/").status_code == 404
    assert user("vendor1").has_perm("sourcing.view_invitation", event.candidates.get(vendor=vendors[0]))
