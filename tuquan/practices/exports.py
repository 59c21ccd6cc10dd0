"""Excel files of the good-practices library."""

import io

from openpyxl import Workbook

from tuquan.practices.selectors import spread_totals
from tuquan.schemes.excel.exporters import neutralise


def spread_xlsx(spread: list[dict]) -> bytes:
    """Every kind's spread (points, communes, replicated) and the totals, one sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhân rộng theo mô hình"
    sheet.append(["Tên mô hình", "Số điểm", "Số xã có mô hình", "Nhân rộng"])
    for row in spread:
        sheet.append([neutralise(row["kind"]), row["points"], row["communes"], row["replicated"]])
    totals = spread_totals(spread)
    sheet.append(["Tổng cộng", totals["points"], None, totals["replicated"]])
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()
