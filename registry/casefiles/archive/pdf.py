"""The archive PDF: the file's cover data and its index, drawn with fpdf2 (pure Python).

Vietnamese needs a Unicode font; DejaVu Sans ships with the app (fonts/, its licence beside it),
so the server needs no system fonts and no browser.
"""

import datetime as dt
import logging
from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

from .index import ArchiveIndex, hidden_label

# fontTools logs every table it subsets at INFO: one PDF would fill the server's log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVu"
COLUMNS = (12, 38, 24, 52, 104, 18, 29)  # mm, landscape A4 less margins (277)


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


class _Document(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.cell(0, 6, f"{self.footer_text} · {self.page_no()}/{{nb}}", align="C")


def _pdf(index: ArchiveIndex) -> _Document:
    pdf = _Document(orientation="L", unit="mm", format="A4")
    pdf.add_font(FONT, style="", fname=str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, style="B", fname=str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_title(f"{index.file_code} {index.title}")
    pdf.set_author(index.organ_name)
    pdf.set_creator("Docflow")
    pdf.footer_text = index.file_code
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.alias_nb_pages()
    pdf.add_page()
    return pdf


def _cover(pdf: FPDF, index: ArchiveIndex) -> None:
    pdf.set_font(FONT, "B", 11)
    pdf.cell(0, 6, index.organ_name.upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(FONT, "B", 15)
    pdf.cell(0, 8, _("MỤC LỤC VĂN BẢN"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "B", 12)
    pdf.multi_cell(0, 6, index.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(FONT, size=10)
    lines = [
        (_("Mã hồ sơ"), index.file_code),
        (_("Số và ký hiệu hồ sơ"), index.notation),
        (_("Thời hạn bảo quản"), index.maintenance),
        (_("Chế độ sử dụng"), index.rights),
        (_("Người lập hồ sơ"), f"{index.creator} – {index.unit}"),
        (_("Thời gian"), f"{_date(index.start_date)} – {_date(index.end_date)}"),
        (_("Tổng số văn bản / tổng số trang"), f"{index.doc_total} / {index.page_total}"),
        (_("Ngôn ngữ"), index.language),
    ]
    if index.description:
        lines.append((_("Ghi chú"), index.description))
    for label, value in lines:
        pdf.multi_cell(0, 5.5, f"{label}: {value}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _table(pdf: FPDF, index: ArchiveIndex) -> None:
    pdf.set_font(FONT, size=9)
    headings = (_("STT"), _("Số, ký hiệu"), _("Ngày tháng"), _("Tác giả"),
                _("Trích yếu nội dung"), _("Số trang"), _("Ghi chú"))
    with pdf.table(col_widths=COLUMNS, width=sum(COLUMNS), text_align="LEFT", line_height=5,
                   headings_style=FontFace(emphasis="BOLD"), padding=1) as table:
        table.row(headings)
        for row in sorted(index.rows, key=lambda r: r.ordinal):
            if row.hidden:
                table.row((f"{row.ordinal:02d}", "", "", "", hidden_label(), "", ""))
                continue
            table.row((f"{row.ordinal:02d}", row.notation, _date(row.date), row.author,
                       row.summary, str(row.pages or ""), row.description))


def archive_pdf(index: ArchiveIndex, *, created: dt.datetime) -> bytes:
    pdf = _pdf(index)
    _cover(pdf, index)
    _table(pdf, index)
    pdf.ln(4)
    pdf.set_font(FONT, size=10)
    pdf.multi_cell(0, 5.5, _("Mục lục này gồm %(docs)s văn bản, %(pages)s trang. Lập ngày "
                             "%(date)s.") % {"docs": index.doc_total, "pages": index.page_total,
                                             "date": created.strftime("%d/%m/%Y")},
                   new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
