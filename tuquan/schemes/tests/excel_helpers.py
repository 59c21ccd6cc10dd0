"""Helpers of the Excel tests: workbooks made in memory, the import pages' steps, a plan run directly."""

import io

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tuquan.schemes.excel import importers
from tuquan.schemes.excel.columns import SCHEME_COLUMNS

URL = "schemes:excel_"
HEADERS = [column.header for column in SCHEME_COLUMNS if column.importable]


def xlsx_bytes(rows, headers=None, title="Mô hình", before=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in before:
        sheet.append(row)
    sheet.append(headers or ["Tên mô hình, tổ chức", "Loại mô hình", "Xã/phường/đặc khu", "Ngày thành lập"])
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def upload(client, content: bytes, name="so-theo-doi.xlsx"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse(URL + "import_upload"), {"file": file})


def preview(client):
    return client.get(reverse(URL + "import_preview"), {"bang": "1"})


def confirm(client):
    return client.post(reverse(URL + "import_confirm"))


def opened(response):
    content = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(content))


def plan_of(user, content: bytes, tmp_path, extension="xlsx", commit=False):
    path = tmp_path / f"import.{extension}"
    path.write_bytes(content)
    run = importers.scheme_import_apply if commit else importers.import_plan
    return run(user=user, path=path, extension=extension)
