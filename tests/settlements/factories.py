"""Settlement builders: contracts in force from tests/workforce, the demo's tax rules saved by finance, periods
opened and accepted by the project's owner, requests with invoices submitted by vendor1, decisions through the
approval engine."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from outsourcing.audit.actor import perform
from outsourcing.core.timeutil import today
from outsourcing.settlements import acceptance, approval, demo, invoices, opening
from outsourcing.settlements.models import Settlement
from tests.contracts.factories import approve_everything
from tests.workforce.factories import contract_in_force, user

__all__ = ["contract_in_force", "user", "tax_rules", "opened", "accepted", "invoice_data", "requested",
           "approve_everything", "last_month"]  # fmt: skip


def last_month(day: int = 15) -> dt.date:
    first = today().replace(day=1) - dt.timedelta(days=1)
    return first.replace(day=day)


def tax_rules() -> None:
    demo.load_tax_rules(actor=user("finance"))


def opened(contract=None, day: dt.date | None = None, by: str = "requester") -> Settlement:
    contract = contract or contract_in_force("vendor1", start=last_month(1) - dt.timedelta(days=31))
    return perform(by, opening.open_settlement, contract=contract, day=day or last_month())


def accepted(settlement: Settlement | None = None, quantity="1", by: str = "requester") -> Settlement:
    settlement = settlement or opened()
    lines = {line.pk: quantity for line in settlement.acceptance_lines.all()}
    return perform(by, acceptance.accept, settlement=settlement, quantities=lines)


def invoice_data(settlement: Settlement, amount: str = "50000.00", **overrides) -> invoices.InvoiceData:
    vendor = settlement.contract.vendor
    net = (Decimal(amount) / Decimal("1.06")).quantize(Decimal("0.01"))
    values = {"invoice_type": "digital_special", "number": f"2611{settlement.pk:04d}{len(overrides):02d}00001"[:20],
              "issued_on": today() - dt.timedelta(days=1), "tax_item": "现代服务*呼叫中心服务", "tax_method": "general",
              "rate": "6", "amount": str(net), "tax": str(Decimal(amount) - net), "total": amount,
              "issuer_name": vendor.name, "issuer_tax_number": vendor.credit_code, "payee_name": vendor.name,
              "payee_account": "110912345610201", "payee_account_type": "corporate"}  # fmt: skip
    values.update(overrides)
    return invoices.InvoiceData(**values)


def requested(settlement: Settlement | None = None, amount: str | None = None, **invoice) -> Settlement:
    settlement = settlement or accepted()
    from outsourcing.settlements.amounts import payable

    amount = amount or str(payable(settlement))
    tax_rules()
    return perform("vendor1", approval.submit_request, settlement=settlement, amount=amount,
                   invoices=[invoice_data(settlement, amount=invoice.pop("total", amount), **invoice)])  # fmt: skip


def victims(contract) -> list:
    """vendor1's settlement records on `contract` (the generated sweep's victims): the month's settlement accepted,
    requested with its invoice and in approval; an earlier contract's settlement approved and paid; a hidden cost on
    the project (SET-6), its owner role, a labour-cost transfer and its wage-account evidence (CST-2, CST-3)."""
    from outsourcing.settlements import payments

    settlement = requested(accepted(opened(contract, day=today())))
    paid = requested()
    approve_everything(paid, "settlement")
    paid.refresh_from_db()
    payment = perform("finance", payments.record_payment, settlement=paid, paid_on=today(), amount=paid.approved_amount,
                      bank_reference="ICBC-SWEEP")  # fmt: skip
    from outsourcing.settlements import budget, construction

    project = contract.project
    cost = perform("requester", budget.record_hidden_cost, project=project, kind="equipment", description="现场设备",
                   incurred_on=today(), amount="500.00")  # fmt: skip
    perform("requester", construction.set_company_role, project=project, role="owner")
    perform("requester", construction.save_terms, contract=contract, labour_cost_amount="60000.00",
            transfer_cycle="monthly", transfer_day=10, payment_guarantee="银行保函 BG-SWEEP")  # fmt: skip
    transfers = perform("requester", construction.schedule_transfers, contract=contract)[:1]
    evidence = perform("requester", construction.record_evidence, project=project, kind="wage_account",
                       reference="6222-SWEEP", valid_from=today())  # fmt: skip
    return [settlement, *settlement.invoices.all(), *settlement.acceptance_lines.all(), paid, payment,
            *paid.invoices.all(), cost, *transfers, evidence]  # fmt: skip
