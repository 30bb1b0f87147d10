"""The approved settlement as a PDF (SET-5): the accepted lines, the performance and itemised lines, the invoices
and the payable amount in figures and in 人民币大写 (the capital-numeral form a payment document carries)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from outsourcing.core.money import format_cny
from outsourcing.core.pdf import Letter, render
from outsourcing.settlements.amounts import figures
from outsourcing.settlements.lines import label_of

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
GROUP_UNITS = ("", "万", "亿", "万亿")


def _group(number: int) -> str:
    """0 < number < 10000 in capital numerals, with the zeros inside it (e.g. 1005 → 壹仟零伍)."""
    text, zero = "", False
    for position in range(3, -1, -1):
        digit = number // 10**position % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += DIGITS[digit] + SMALL_UNITS[position]
    return text


def rmb_upper(amount) -> str:
    """人民币大写 of an amount in yuan, e.g. 45,000.50 → 人民币肆万伍仟元伍角.

    Rules: 元 after the integer part; 整 when there are no fen (分); 零 for skipped digits inside the number and
    between 元 and a lone 分; a negative amount starts with 负.
    """
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "负" if value < 0 else ""
    value = abs(value)
    yuan, cents = int(value), int(value * 100 % 100)
    jiao, fen = divmod(cents, 10)
    if yuan == 0 and cents == 0:
        return "人民币零元整"
    integer, groups, index, pending_zero = "", [], 0, False
    while yuan:
        groups.append(yuan % 10000)
        yuan //= 10000
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            pending_zero = bool(integer)
            continue
        if integer and (pending_zero or group < 1000):
            integer += "零"
        integer += _group(group) + GROUP_UNITS[index]
        pending_zero = False
    text = f"人民币{sign}"
    if integer:
        text += integer + "元"
    if cents == 0:
        return text + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif integer:
        text += "零"
    if fen:
        text += DIGITS[fen] + "分"
    else:
        text += "整"
    return text


def settlement_pdf(settlement) -> bytes:
    figs = figures(settlement)
    amount = settlement.approved_amount if settlement.approved_amount is not None else figs.payable
    contract = settlement.contract
    table = [[_("Item"), _("Quantity"), _("Unit price"), _("Amount")]]
    table += [[line.description, f"{line.accepted_quantity:,.2f} {line.unit}", format_cny(line.unit_price),
               format_cny(line.amount)] for line in settlement.acceptance_lines.all()]  # fmt: skip
    table += [[f"{label_of(a.line_type)}：{a.reason}", "", "", format_cny(a.amount)]
              for a in settlement.adjustments.all() if not a.after_payment]  # fmt: skip
    if figs.capped:
        table.append([_("Deductions capped at %(cap)s") % {"cap": format_cny(figs.cap)}, "", "",
                      format_cny(figs.capped_deductions - figs.deductions)])  # fmt: skip
    facts = [
        (_("Contract"), f"{contract.number} {contract.title}"),
        (_("Vendor"), contract.vendor.name),
        (_("Period"), settlement.period_label),
        (_("Approved amount"), format_cny(amount)),
        (_("In words"), rmb_upper(amount)),
    ] + [(_("Invoice"), f"{i.number} · {i.get_invoice_type_display()} · {format_cny(i.total)}")
         for i in settlement.invoices.all()]  # fmt: skip
    return render(Letter(
        title=_("Settlement statement"), number=settlement.number, addressee=contract.vendor.name,
        paragraphs=[_("The settlement of the period below is approved; the amount will be paid to the vendor's "
                      "corporate account on its invoices.")],
        facts=facts, table=table, table_widths=(4, 2, 2, 2),
    ))  # fmt: skip
