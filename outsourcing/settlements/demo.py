"""Demo data for settlement: the tax-rule table with its sources (LEGAL.md §4, §7), and settlements in every state
on the signed demo contracts."""

from __future__ import annotations

import datetime as dt

from outsourcing.settlements.invoices import save_tax_rule
from outsourcing.settlements.models import TaxRule

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
