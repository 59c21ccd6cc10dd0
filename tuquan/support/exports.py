"""The support overview as an Excel workbook: every record, the summaries, the schemes without support."""

import io

from openpyxl import Workbook

from tuquan.schemes.excel.exporters import neutralise

SUMMARY_SHEETS = [
    ("Theo xã", "by_commune"),
    ("Theo loại mô hình", "by_scheme_kind"),
    ("Theo nguồn", "by_source"),
    ("Theo nội dung", "by_category"),
    ("Theo năm", "by_year"),
]


def overview_xlsx(*, records, overview: dict, without, months: int) -> bytes:
    """``records`` (with scheme, commune and team loaded), ``overview`` (``selectors.support_overview``)
    and the schemes ``without`` support for ``months`` months, one sheet each."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Khoản hỗ trợ"
    sheet.append(["Ngày", "Xã, phường", "Mô hình", "Tổ", "Hình thức", "Nội dung", "Mô tả", "Số lượng",
                  "Giá trị (đồng)", "Nguồn", "Nhà tài trợ", "Số quyết định", "Ngày quyết định"])  # fmt: skip
    for r in records:
        sheet.append([
            r.date, r.scheme.commune.name, neutralise(r.scheme.name), neutralise(r.team.name if r.team else ""),
            r.get_kind_display(), r.get_category_display(), neutralise(r.description), r.quantity, r.value,
            r.get_source_display(), neutralise(r.donor_name), neutralise(r.decision_number), r.decision_date,
        ])  # fmt: skip
    for title, key in SUMMARY_SHEETS:
        table = workbook.create_sheet(title)
        table.append([title.removeprefix("Theo ").capitalize(), "Số khoản", "Kinh phí (đồng)",
                      "Giá trị trang bị (đồng)", "Số lượng trang bị", "Số mô hình"])  # fmt: skip
        for row in overview[key]:
            table.append([neutralise(str(row["label"])), row["records"], row["money"], row["items_value"],
                          row["items"], row["schemes"]])  # fmt: skip
    sheet_without = workbook.create_sheet(f"Không nhận {months} tháng")
    sheet_without.append(["Xã, phường", "Mô hình", "Loại mô hình"])
    for scheme in without:
        sheet_without.append([scheme.commune.name, neutralise(scheme.name), scheme.kind.name])
    for ws in workbook.worksheets:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if hasattr(cell.value, "year") and not isinstance(cell.value, int):
                    cell.number_format = "DD/MM/YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
