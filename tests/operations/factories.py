"""Operations builders: a contract in force for vendor1's or vendor2's company (tests/workforce's builder), and
instructions issued through the service by the project's owner."""

from __future__ import annotations

import datetime as dt

from outsourcing.core.timeutil import today
from outsourcing.operations import instructions
from tests.workforce.factories import contract_in_force, user

__all__ = ["contract_in_force", "instruct", "user"]


def instruct(contract, *, by: str = "requester", to: str | None = None, **overrides):
    values = {
        "contract": contract,
        "addressee": user(to or ("vendor1" if contract.vendor.accounts.filter(user__username="vendor1").exists()
                                 else "vendor2")),
        "subject": "夜班交接记录补全",
        "content": "请现场负责人安排补全近一周夜班交接记录中的未结工单说明，并于到期日前回复结果。",
        "due_date": today() + dt.timedelta(days=5),
    }  # fmt: skip
    values.update(overrides)
    return instructions.issue_instruction(actor=user(by), data=instructions.InstructionData(**values))
