"""Demo data for settlement: the tax-rule table with its sources (LEGAL.md §4, §7), and settlements in every state
on the signed demo contracts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from outsourcing.audit.actor import perform
from outsourcing.contracts.demo import _approve_all
from outsourcing.contracts.models import Contract
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.performance.models import FINAL_STATUSES, Evaluation, EvaluationStatus
from outsourcing.settlements import acceptance, adjustments, approval, budget, construction, opening, payments
from outsourcing.settlements.amounts import payable
from outsourcing.settlements.invoices import InvoiceData, save_tax_rule
from outsourcing.settlements.models import Settlement, TaxRule
from outsourcing.settlements.periods import periods_of
from outsourcing.workforce import demo as workforce_demo
from outsourcing.workforce import proofs
from outsourcing.workforce.models import MonthlyProof, ProofStatus

ITEM = "现代服务*呼叫中心服务"

# Today's rates for the items the demo contracts invoice, each with its source (finance keeps the table).
TAX_RULES = [
    ("现代服务*呼叫中心服务", "general", "6", dt.date(2026, 1, 1), None,
     "《增值税法》（2026-01-01施行）：现代服务 6%"),
    ("现代服务*信息技术服务", "general", "6", dt.date(2026, 1, 1), None,
     "《增值税法》（2026-01-01施行）：现代服务 6%"),
    ("现代服务*物流辅助服务", "general", "6", dt.date(2026, 1, 1), None,
     "《增值税法》（2026-01-01施行）：现代服务 6%"),
    ("生活服务*保洁服务", "general", "6", dt.date(2026, 1, 1), None,
     "《增值税法》；财税〔2016〕36号：生活服务 6%"),
    ("经纪代理服务*劳务派遣服务", "general", "6", dt.date(2016, 5, 1), None,
     "财税〔2016〕47号 第一条：劳务派遣 一般计税 6%（全额）"),
    ("经纪代理服务*劳务派遣服务", "margin", "5", dt.date(2016, 5, 1), None,
     "财税〔2016〕47号 第一条：差额 简易计税 5%；2026年第10号公告后是否继续待核实（LEGAL.md §4），财务据实更新"),
    ("经纪代理服务*人力资源外包服务", "simplified", "5", dt.date(2016, 5, 1), None,
     "财税〔2016〕47号 第三条：人力资源外包 一般纳税人可选简易计税 5%"),
    ("经纪代理服务*人力资源外包服务", "margin", "5", dt.date(2016, 5, 1), None,
     "财税〔2016〕47号 第三条：代发工资、社保不计销售额（差额），简易 5%"),
]  # fmt: skip


def load_tax_rules(*, actor) -> list[TaxRule]:
    made = []
    for item, method, rate, start, end, source in TAX_RULES:
        if not TaxRule.objects.filter(tax_item=item, method=method, valid_from=start).exists():
            made.append(save_tax_rule(actor=actor, tax_item=item, method=method, rate=rate, valid_from=start,
                                      valid_until=end, source=source))  # fmt: skip
    return made


def _invoice(settlement: Settlement, issued_on: dt.date, *, rate_for_tax: str = "6") -> InvoiceData:
    """The vendor's 数电专票 for the settlement's payable amount; `rate_for_tax` other than 6 makes the tax of
    another rate (the demo's finance hold)."""
    vendor = settlement.contract.vendor
    total = payable(settlement)
    net = (total / (1 + Decimal(rate_for_tax) / 100)).quantize(Decimal("0.01"))
    return InvoiceData(invoice_type="digital_special", number=f"26{settlement.contract_id:03d}{settlement.pk:05d}"
                       f"{issued_on:%m%d}000001", issued_on=issued_on, tax_item=ITEM, tax_method="general", rate="6",
                       amount=str(net), tax=str(total - net), total=str(total), issuer_name=vendor.name,
                       issuer_tax_number=vendor.credit_code, payee_name=vendor.name,
                       payee_account=vendor.bank_account or f"3100{vendor.pk:04d}88990001",
                       payee_account_type="corporate")  # fmt: skip


def _settle(contract: Contract, month: dt.date, *, owner: str, portal: str, until: str, lines=(), tax_rate="6"):
    """Walk one month of `contract` as far as `until`: accepted, requested, at_hr, at_finance, approved or paid."""
    settlement = perform(owner, opening.open_settlement, contract=contract, day=month)
    quantities = {line.pk: "1" for line in settlement.acceptance_lines.all()}
    settlement = perform(owner, acceptance.accept, settlement=settlement, quantities=quantities)
    for line_type, amount, reason in lines:
        perform(owner, adjustments.add_line, settlement=settlement, line_type_code=line_type, amount=amount,
                reason=reason)  # fmt: skip
    if until == "accepted":
        return settlement
    issued = min(settlement.period_end + dt.timedelta(days=5), today())
    settlement = perform(portal, approval.submit_request, settlement=settlement, amount=str(payable(settlement)),
                         invoices=[_invoice(settlement, issued, rate_for_tax=tax_rate)])  # fmt: skip
    stop = {"requested": ("dept_head", "hr", "finance"), "at_hr": ("hr", "finance"), "at_finance": ("finance",)}
    _approve_all(settlement, "settlement", stop_before=stop.get(until, ()))
    settlement.refresh_from_db()
    if until == "paid":
        perform("finance", payments.record_payment, settlement=settlement,
                paid_on=min(issued + dt.timedelta(days=15), today()), amount=settlement.approved_amount,
                bank_reference=f"ICBC{issued:%Y%m%d}{settlement.pk:04d}")  # fmt: skip
    return settlement


def load(*, stdout=None) -> None:
    """The tax-rule table; settlements in every state on the signed demo contracts, dates in order:
    - 客服质检（一期）, exiting: its first two months paid, the third held at finance (the tax of a 3 % invoice on
      a 6 % rate), the fourth accepted and waiting for the vendor's request;
    - 客户回访（试点）: its worst month with the grade's −10 % deduction and a late fine (capped), held at HR (no
      compliance proofs sent for it); its last month ≥ 95 with the +3 % bonus, approved and waiting for payment;
      the disputed month requested and held at the business step;
    - 客服中心热线 (vendor1): its first month requested, held at the business step (its evaluation waits for the
      vendor) and at HR (the month's proofs lack a worker's social-insurance line)."""
    say = stdout.write if stdout else (lambda _msg: None)
    load_tax_rules(actor=User.objects.get(username="finance"))
    if Settlement.objects.exists():
        say("settlements: already loaded")
        return
    quality = Contract.objects.get(title="客服质检外包服务合同（一期）")
    callback = Contract.objects.get(title="客户回访外包服务合同（试点）")
    hotline = Contract.objects.get(title="客服中心热线外包服务合同")
    ended = [p.start for p in periods_of(quality) if p.end < today()]
    for month, until, rate in zip(
        ended, ("paid", "paid", "at_finance", "accepted"), ("6", "6", "3", "6"), strict=False
    ):
        _settle(quality, month, owner="requester", portal="chutian", until=until, tax_rate=rate)
    graded = list(Evaluation.objects.filter(contract=callback).order_by("period_start"))
    worst = min((e for e in graded if e.status in FINAL_STATUSES), key=lambda e: e.total)
    best = [e for e in graded if e.status in FINAL_STATUSES and e.total >= 95 and e.period_start > worst.period_start]
    disputed = [e for e in graded if e.status == EvaluationStatus.DISPUTED]
    _settle(callback, worst.period_end, owner="requester", portal="youlian", until="at_hr",
            lines=[("late_fine", "-200.00", "回访报告迟交3个工作日（合同附件3第2条）")])  # fmt: skip
    if best:
        # Which month scores best depends on the figures; its proofs are sent and accepted before it is settled.
        month = best[-1].period_start
        if not MonthlyProof.objects.filter(project=callback.project, month=month, status=ProofStatus.ACCEPTED).exists():
            perform("hr", proofs.check_proof, proof=workforce_demo.send_proofs("youlian", callback.project, month),
                    accept=True)  # fmt: skip
        _settle(callback, best[-1].period_end, owner="requester", portal="youlian", until="approved")
    if disputed:
        _settle(callback, disputed[-1].period_end, owner="requester", portal="youlian", until="requested")
    first = next((p for p in periods_of(hotline) if p.end < today()), None)
    if first:
        _settle(hotline, first.end, owner="requester", portal="vendor1", until="requested")
    # SET-6: the hotline project's own management time and the seats it provides, counted in its actual spend.
    perform("requester", budget.record_hidden_cost, project=hotline.project, kind="management_time",
            description="项目负责人与质检专员管理工时（每月约40小时）", incurred_on=today() - dt.timedelta(days=3),
            amount="12000.00")  # fmt: skip
    perform("requester", budget.record_hidden_cost, project=hotline.project, kind="equipment",
            description="公司提供的坐席工位、耳麦与电话线路", incurred_on=today() - dt.timedelta(days=3),
            amount="36000.00")  # fmt: skip
    _construction(today())
    say(f"settlements: {Settlement.objects.count()} settlements, {TaxRule.objects.count()} tax rules")


def _slip(document, *, actor: str, kind: str, title: str, scan_title: str) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from outsourcing.attachments.services import attach

    scan = workforce_demo._pdf(f"Demo scan: {scan_title}")  # the PDF's built-in font is Latin only
    upload = SimpleUploadedFile(f"{title}.pdf", scan, content_type="application/pdf")
    perform(actor, attach, document=document, kind=kind, upload=upload)


def _construction(day: dt.date) -> None:
    """CST-2..CST-4 on 浙江宏远's construction contract: the company is the construction owner (建设单位); the
    contract's labour-cost terms (30 % of the amount, monthly, due on the 1st, a bank guarantee); the monthly
    transfers scheduled over its term, every month past its due day transferred with its bank slip except the
    latest (one late transfer, alerted); the wage account, the wage-guarantee deposit and the rights board kept
    (the project's work-injury insurance is not yet: a flag)."""
    contract = Contract.objects.get(title="新建成品库配套工程劳务分包合同")
    project = perform("logistics", construction.set_company_role, project=contract.project, role="owner")
    perform("logistics", construction.save_terms, contract=contract, labour_cost_ratio="30", transfer_cycle="monthly",
            transfer_day=1, payment_guarantee="工程款支付担保：中国银行杭州分行保函 BG-2026-0417")  # fmt: skip
    transfers = perform("logistics", construction.schedule_transfers, contract=contract)
    late = [t for t in transfers if t.due_on < day]
    for transfer in late[:-1]:
        _slip(transfer, actor="finance", kind="bank_slip", title=f"人工费用拨付回单{transfer.month:%Y%m}",
              scan_title=f"labour-cost transfer slip {transfer.month:%Y-%m}")
        perform("finance", construction.record_transfer, transfer=transfer,
                paid_on=max(transfer.due_on, contract.start_date),
                bank_reference=f"BOC-RGF-{transfer.month:%Y%m}")  # fmt: skip
    start = contract.start_date
    for kind, reference, until, amount in (
        ("wage_account", "农民工工资专用账户 中国银行杭州城西支行 3568 2201 0001", None, None),
        ("guarantee_deposit", "工资保证金 杭州市人社局监管账户（合同额2%）", contract.end_date + dt.timedelta(days=90),
         "9300.00"),
        ("rights_board", "成品库工地大门维权信息告示牌", None, None),
    ):  # fmt: skip
        evidence = perform("logistics", construction.record_evidence, project=project, kind=kind, reference=reference,
                           valid_from=start, valid_until=until, amount=amount)  # fmt: skip
        _slip(evidence, actor="logistics", kind="construction_evidence", title=evidence.get_kind_display(),
              scan_title=kind)
