"""The printable badge (工牌, WRK-3): card-sized PDF that leads with the vendor's name and "外包人员 / OUTSOURCED"
across it in a colour no employee badge uses, then the WB badge number and the validity; never the ID number.
The company's name is secondary (smaller, grey, below): the badge says whose people they are (issue 15, loophole
10 — a badge headed by the company's name reads like an employee's and blurs who manages the worker)."""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from outsourcing.core.pdf import FAMILY, company_name, embed_fonts
from outsourcing.workforce.models import Worker

WIDTH, HEIGHT = 54.0, 85.6  # ISO/IEC 7810 ID-1, portrait
MARK = "外包人员 OUTSOURCED"
MARK_COLOUR = (214, 96, 18)  # orange band: employees' badges are blue


def badge_pdf(worker: Worker) -> bytes:
    pdf = FPDF(orientation="P", unit="mm", format=(WIDTH, HEIGHT))
    embed_fonts(pdf)
    pdf.set_auto_page_break(False)
    pdf.set_margins(4, 4, 4)
    pdf.set_title(f"{worker.badge_number} {MARK}")
    pdf.set_creator("劳务外包管理系统")
    pdf.add_page()
    size = 9.0  # the vendor's name on one line where it fits at a readable size; wrapped otherwise
    pdf.set_font(FAMILY, "B", size)
    while size > 6.5 and pdf.get_string_width(worker.vendor.name) > WIDTH - 8:
        size -= 0.5
        pdf.set_font(FAMILY, "B", size)
    pdf.multi_cell(0, 4.5, worker.vendor.name, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    pdf.set_fill_color(*MARK_COLOUR)
    pdf.set_text_color(255)
    pdf.set_font(FAMILY, "B", 11)
    pdf.set_x(0)
    pdf.cell(WIDTH, 10, MARK, align="C", fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0)
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", 15)
    pdf.cell(0, 9, worker.name, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "", 8)
    pdf.cell(0, 5, worker.post, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    for label, value in (
        ("工牌号", worker.badge_number),
        ("服务项目", worker.project.name),
        ("有效期至", worker.planned_end.isoformat()),
    ):
        pdf.set_font(FAMILY, "", 6.5)
        pdf.set_text_color(110)
        pdf.cell(0, 3.6, label, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0)
        pdf.set_font(FAMILY, "B" if label == "工牌号" else "", 8 if label == "工牌号" else 7)
        pdf.multi_cell(0, 4, value, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    # Secondary: where the worker serves, small and grey, never as the badge's heading.
    pdf.set_y(HEIGHT - 13)
    pdf.set_font(FAMILY, "", 5.5)
    pdf.set_text_color(130)
    pdf.cell(0, 3.5, f"服务单位：{company_name()}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(HEIGHT - 9)
    pdf.set_fill_color(*MARK_COLOUR)
    pdf.set_x(0)
    pdf.set_text_color(255)
    pdf.set_font(FAMILY, "", 6)
    pdf.cell(WIDTH, 9, "非本公司员工 · 由外包商管理", align="C", fill=True)
    return bytes(pdf.output())
