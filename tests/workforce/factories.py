"""Workforce builders: vendor1's and vendor2's companies each with a contract in force and a confidentiality
agreement (the contract's own life is proven in tests/contracts), valid ID numbers, filings with their proofs,
and workers taken through HR's decision and the entry record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from outsourcing.attachments.services import attach
from outsourcing.contracts import signing
from outsourcing.contracts.models import Contract, ContractStatus
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import SHANGHAI, today
from outsourcing.org.models import User
from outsourcing.vendors import services as vendor_services
from outsourcing.workforce import access, filing
from outsourcing.workforce import entry as worker_entry
from outsourcing.workforce.idnumber import with_check_character
from outsourcing.workforce.models import LawfulBasis, Worker, WorkerFileKind
from tests.contracts.factories import template
from tests.sourcing.factories import approved_project
from tests.vendors.factories import prospect

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_serial = count(1)


def user(username: str) -> User:
    return User.objects.get(username=username)


def id_number(birth: dt.date | None = None, region: str = "110101") -> str:
    """A valid resident ID number (GB 11643 check character) for a made-up person."""
    birth = birth or dt.date(1990, 3, 7)
    return with_check_character(f"{region}{birth:%Y%m%d}{next(_serial) % 1000:03d}")


def years_ago(years: int, days: int = 0) -> dt.date:
    day = today()
    return day.replace(year=day.year - years, day=min(day.day, 28)) - dt.timedelta(days=days)


@transaction.atomic
def contract_in_force(username: str = "vendor1", *, nda: bool = True, vendor=None, start=None, months=12) -> Contract:
    """A signed contract of `username`'s company (linked here if it has none yet) with its agreement."""
    account_user = user(username)
    if vendor is None:
        existing = getattr(account_user, "vendor_account", None)
        vendor = existing.vendor if existing else prospect(name=f"{username}的外包公司（人员测试）")
        if existing is None:
            vendor_services.link_account(user=account_user, vendor=vendor)
    project = approved_project()
    start = start or today() - dt.timedelta(days=10)
    contract = Contract(
        number=next_number("CON"), title=f"{project.name}服务合同", project=project, vendor=vendor,
        template=template(), status=ContractStatus.ACTIVE, subject="service_result", scope="按服务结果交付",
        sla="接通率≥95%", acceptance="按月验收", start_date=start, end_date=start + dt.timedelta(days=30 * months),
        amount=Decimal("600000"), pricing_model="fixed", period_fee=Decimal("50000"), settlement_cycle="monthly",
        payment_terms="月结", invoice_type="增值税专用发票", signed_on=start,
    )  # fmt: skip
    contract.stamp(user("procurement"))
    contract.save()
    if nda and not vendor.confidentiality_agreements.exists():
        signing.record_confidentiality_agreement(
            actor=user("legal"), vendor=vendor, contract=contract, signed_on=start, valid_from=start,
            valid_until=contract.end_date, scope="商业秘密、个人信息与系统数据",
        )  # fmt: skip
    return contract


def worker_data(contract: Contract, **overrides) -> filing.WorkerData:
    values = {
        "name": "王小明",
        "id_number": id_number(),
        "phone": "13800138000",
        "post": "热线坐席",
        "planned_start": max(today(), contract.start_date),
        "planned_end": contract.end_date,
        "contract": contract,
        "consent_reference": "个人信息告知同意书 2026-001",
    }
    values.update(overrides)
    return filing.WorkerData(**values)


def upload(kind: str, username: str, document) -> None:
    attach(actor=user(username), document=document, kind=kind,
           upload=SimpleUploadedFile(f"{kind}.pdf", PDF, content_type="application/pdf"))  # fmt: skip


def filed(contract: Contract, username: str = "vendor1", *, proofs=True, **overrides) -> Worker:
    """A filing with its proofs: the labor contract, the social-insurance proof and, on a consent basis, the
    worker's separate consent (PIPL art. 23)."""
    worker = filing.file_worker(actor=user(username), data=worker_data(contract, **overrides))
    if proofs:
        upload(WorkerFileKind.LABOR_CONTRACT, username, worker)
        upload(WorkerFileKind.SOCIAL_INSURANCE_PROOF, username, worker)
        if worker.lawful_basis == LawfulBasis.NOTICE_AND_CONSENT:
            upload(WorkerFileKind.WORKER_CONSENT, username, worker)
    return worker


def approved(contract: Contract, username: str = "vendor1", **overrides) -> Worker:
    worker = filed(contract, username, **overrides)
    return worker_entry.decide_entry(actor=user("hr"), worker=worker, approve=True)


def on_site(contract: Contract, username: str = "vendor1", *, entered=None, **overrides) -> Worker:
    """On site since `entered`; HR's approval is dated that morning (nobody enters before it, loophole 4)."""
    worker = approved(contract, username, **overrides)
    entered = entered or today()
    if entered < today():
        approved_at = timezone.make_aware(dt.datetime.combine(entered, dt.time(8)), SHANGHAI)
        Worker.objects.filter(pk=worker.pk).update(decided_at=approved_at)
        worker.refresh_from_db()
    worker_entry.record_entry(actor=user("requester"), worker=worker, briefing_on=entered, topics=["safety",
                              "workplace"],
                        undertaking_signed_on=entered, workplace_conditions="工位与网络由公司提供")  # fmt: skip
    worker.refresh_from_db()
    return worker


def granted(worker: Worker, *, kind="system", resource="客服工单系统", until=None):
    from tests.contracts.factories import approve_everything

    grant = access.request_grant(actor=user("requester"), worker=worker, kind=kind, resource=resource,
                                 reason="接听热线后在工单系统中记录客户诉求", valid_from=worker.planned_start,
                                 valid_until=until or worker.planned_end)  # fmt: skip
    approve_everything(grant, "access_grant")
    grant.refresh_from_db()
    return grant


def construction_contract(username: str = "vendor1") -> Contract:
    """A contract in force awarded in the construction-labour category (工程劳务: real-name registration, CST-1)."""
    from outsourcing.sourcing.models import SourcingEvent
    from outsourcing.vendors.models import ServiceCategory
    from tests.contracts.factories import approved_award

    award, _vendors = approved_award()
    category = ServiceCategory.objects.get(code="construction_labour")
    SourcingEvent.objects.filter(pk=award.event_id).update(category=category)
    vendor = getattr(user(username), "vendor_account", None)
    contract = contract_in_force(username, vendor=vendor.vendor if vendor else award.winner.vendor)
    contract.award = award
    contract.save()
    return contract


def insurance_xlsx(id_numbers, *, header: str = "身份证号码", extra_columns=("姓名", "险种")) -> SimpleUploadedFile:
    """The social-insurance office's detail as a vendor downloads it: a header row, one row per person (the ID
    number as text), other columns beside it (WRK-6)."""
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([*extra_columns[:1], header, *extra_columns[1:]])
    for number in id_numbers:
        sheet.append(["张三", number, "养老保险"])
    buffer = BytesIO()
    book.save(buffer)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return SimpleUploadedFile("社保缴费明细.xlsx", buffer.getvalue(), content_type=xlsx)


def clear_id(worker: Worker) -> str:
    from outsourcing.core import personal_data

    return personal_data.decrypt(worker.id_cipher)


def insurance_list(proof, workers, username: str = "vendor1"):
    """Upload the month's list holding exactly `workers`."""
    from outsourcing.workforce.insurance_list import upload_insurance_list

    return upload_insurance_list(
        actor=user(username), proof=proof, upload=insurance_xlsx([clear_id(w) for w in workers])
    )
