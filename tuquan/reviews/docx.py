"""The review as a Word document in the layout of Nghị định 30/2020/NĐ-CP (python-docx).

The header block, "BÁO CÁO" and the subtitle; numbered sections with the figure tables;
"Nơi nhận" and the signature block; an appendix with the per-unit table. The page, the
header, the tables and the signature come from ``tuquan.core.nd30``.
"""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK

from tuquan.core.nd30 import (
    TEXT_WIDTH_MM,
    _clean,
    _header_block,
    _heading,
    _paragraph,
    _setup,
    _short_rule,
    _signature_block,
    _table,
    _text_block,
    vi_date,
    vi_number,
)
from tuquan.reviews.choices import NARRATIVE_SECTIONS
from tuquan.reviews.models import Review

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _period_label(period: dict) -> str:
    return f"{vi_date(period['start'])} – {vi_date(period['end'])}"


def _results(document, review: Review) -> None:
    figures = review.figures or {}
    totals = figures.get("totals", {})
    _text_block(document, review.results_intro, placeholder="")
    _heading(document, "1. Số lượng mô hình, tổ chức tự quản", level=2)
    change = totals.get("change", 0)
    trend = f"tăng {vi_number(change)}" if change > 0 else (f"giảm {vi_number(-change)}" if change < 0 else "không đổi")
    _text_block(
        document,
        f"Đến ngày {vi_date(figures['period']['end'])}, {review.unit.name} có {vi_number(totals.get('at_end'))} "
        f"mô hình, tổ chức tự quản về an ninh, trật tự; so với cuối kỳ trước {trend}. Trong kỳ thành lập mới "
        f"{vi_number(totals.get('new'))} mô hình, thanh loại {vi_number(totals.get('eliminated'))} mô hình"
        + (f", sáp nhập {vi_number(totals.get('merged'))} mô hình." if totals.get("merged") else "."),
    )
    _table(
        document,
        [
            "Nội dung",
            f"Kỳ báo cáo\n({_period_label(figures['period'])})",
            f"Kỳ trước\n({_period_label(figures['previous_period'])})",
        ],
        [
            ["Số mô hình cuối kỳ", totals.get("at_end", 0), totals.get("at_previous_end", 0)],
            ["Thành lập mới trong kỳ", totals.get("new", 0), totals.get("new_previous", 0)],
            ["Thanh loại trong kỳ", totals.get("eliminated", 0), totals.get("eliminated_previous", 0)],
        ],
        [75, 45, 45],
    )
    classes = figures.get("classes", {})
    _heading(document, "2. Kết quả kiểm tra, đánh giá, phân loại", level=2)
    if classes.get("year"):
        total = classes["total"]
        rows = [
            [row["label"], row["count"], round(100 * row["count"] / total, 1) if total else 0.0]
            for row in classes["rows"]
        ]
        _text_block(
            document, f"Kết quả phân loại năm {classes['year']} của {vi_number(total)} mô hình có trong sổ cuối năm:"
        )
        _table(document, ["Xếp loại", "Số mô hình", "Tỷ lệ (%)"], rows, [95, 35, 35], total=["Tổng cộng", total, 100.0])
    else:
        _text_block(document, "Trong kỳ chưa có kết quả phân loại mô hình.")
    coverage = figures.get("coverage", {})
    _heading(document, "3. Phủ kín địa bàn", level=2)
    sentence = (
        f"Có {vi_number(coverage.get('with_scheme'))}/{vi_number(coverage.get('communes'))} xã, phường, đặc khu "
        f"có mô hình đang hoạt động"
    )
    names = coverage.get("without_names") or []
    sentence += f"; còn {vi_number(len(names))} đơn vị chưa có mô hình: {', '.join(names)}." if names else "."
    _text_block(document, sentence)
    by_kind = figures.get("by_kind", [])
    if by_kind:
        _heading(document, "4. Mô hình theo loại", level=2)
        _table(
            document,
            ["Tên mô hình", "Lĩnh vực", "Số điểm", "Số tổ"],
            [[row["kind"], row["field"], row["schemes"], row["teams"]] for row in by_kind],
            [70, 55, 20, 20],
            total=["Tổng cộng", "", sum(r["schemes"] for r in by_kind), sum(r["teams"] for r in by_kind)],
        )
    activity = figures.get("activity", {})
    _heading(document, f"{5 if by_kind else 4}. Kết quả hoạt động của các mô hình", level=2)
    _text_block(
        document,
        f"Tổng hợp từ {vi_number(activity.get('reports'))} báo cáo kết quả hoạt động của "
        f"{vi_number(activity.get('schemes'))} mô hình có kỳ báo cáo kết thúc trong kỳ:",
    )
    _table(
        document,
        ["Nội dung", "Số lượng"],
        [[row["label"], row["value"]] for row in activity.get("rows", [])],
        [125, 40],
    )
    support = figures.get("support")
    if support is not None:
        _heading(document, f"{6 if by_kind else 5}. Kinh phí, trang bị hỗ trợ các mô hình", level=2)
        _text_block(
            document,
            f"Trong kỳ có {vi_number(support['records'])} lượt hỗ trợ cho {vi_number(support['schemes'])} mô hình: "
            f"kinh phí {vi_number(support['money'])} đồng; {vi_number(support['items'])} trang bị, công cụ "
            f"trị giá {vi_number(support['items_value'])} đồng.",
        )
        if support["by_source"]:
            _table(
                document,
                ["Nguồn", "Kinh phí (đồng)", "Trang bị (đồng)", "Tổng (đồng)"],
                [[row["label"], row["money"], row["items_value"], row["value"]] for row in support["by_source"]],
                [55, 37, 37, 36],
            )

    number = (6 if by_kind else 5) + (1 if figures.get("support") is not None else 0)
    targets = figures.get("targets")
    if targets and targets["assigned"]:
        _heading(document, f"{number}. Thực hiện chỉ tiêu thi đua năm {targets['year']}", level=2)
        _text_block(
            document,
            f"Đạt {vi_number(targets['reached'])}/{vi_number(targets['assigned'])} chỉ tiêu được giao.",
        )
        _table(
            document,
            ["Chỉ tiêu", "Số đơn vị được giao", "Số đơn vị đạt"],
            [[row["label"], row["assigned"], row["reached"]] for row in targets["by_indicator"]],
            [95, 35, 35],
        )
        number += 1
    commendations = figures.get("commendations")
    if commendations and commendations["total"]:
        _heading(document, f"{number}. Khen thưởng", level=2)
        _table(
            document,
            ["Hình thức", "Tập thể (mô hình)", "Cá nhân"],
            [[row["label"], row["schemes"], row["people"]] for row in commendations["by_form"]],
            [95, 35, 35],
        )


def _appendix(document, review: Review) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    figures = review.figures or {}
    _paragraph(document, "PHỤ LỤC", bold=True)
    _paragraph(document, "SỐ LƯỢNG MÔ HÌNH, TỔ CHỨC TỰ QUẢN VỀ AN NINH, TRẬT TỰ THEO ĐƠN VỊ", bold=True)
    issued = f" ngày {review.issued_on:%d/%m/%Y}" if review.issued_on else ""
    number = review.number_line.removeprefix("Số: ")
    _paragraph(document, f"(Kèm theo Báo cáo số {number}{issued})", italic=True, after=6)
    rows = figures.get("by_unit", [])
    _table(
        document,
        ["TT", "Đơn vị", "Số mô hình cuối kỳ", "Thành lập mới", "Thanh loại"],
        [[str(i), row["name"], row["at_end"], row["new"], row["eliminated"]] for i, row in enumerate(rows, start=1)],
        [12, 71, 30, 26, 26],
        total=[
            "",
            "Tổng cộng",
            sum(r["at_end"] for r in rows),
            sum(r["new"] for r in rows),
            sum(r["eliminated"] for r in rows),
        ],
    )


def review_docx(review: Review) -> bytes:
    """The .docx of ``review`` as bytes."""
    document = Document()
    _setup(document)
    _header_block(document, review)
    _paragraph(document, "BÁO CÁO", bold=True, before=18)
    _paragraph(document, review.title, bold=True)
    _short_rule(document, 50, TEXT_WIDTH_MM)
    _paragraph(document, after=6)
    for index, (name, heading) in enumerate(NARRATIVE_SECTIONS):
        _heading(document, f"{ROMAN[index]}. {heading.upper()}")
        if name == "results_intro":
            _results(document, review)
        else:
            _text_block(document, getattr(review, name))
    _paragraph(document, after=6)
    _signature_block(document, review)
    if review.figures.get("by_unit"):
        _appendix(document, review)
    document.core_properties.title = _clean(review.title)
    document.core_properties.author = _clean(review.issuer)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def soffice_path() -> str | None:
    """LibreOffice's command if installed (PDF export needs it), else None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(content: bytes, *, timeout: int = 120) -> bytes:
    """Convert a .docx to PDF with LibreOffice headless, in a private profile (safe in parallel)."""
    soffice = soffice_path()
    if soffice is None:
        raise RuntimeError("Chưa cài LibreOffice (soffice): không xuất được PDF.")
    with tempfile.TemporaryDirectory(prefix="tuquan-pdf-") as tmp:
        workdir = Path(tmp)
        source = workdir / "bao-cao.docx"
        source.write_bytes(content)
        subprocess.run(  # noqa: S603 - fixed arguments, no shell, our own temporary files
            [
                soffice,
                f"-env:UserInstallation=file://{workdir / 'profile'}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(workdir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        return (workdir / "bao-cao.pdf").read_bytes()
