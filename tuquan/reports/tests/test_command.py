"""``manage.py statistics``: the same tables as the page, for scripts."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tuquan.reports.selectors import AGENCY_LABEL


def run(*args) -> str:
    out = io.StringIO()
    call_command("statistics", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_csv_has_a_header_row_and_a_totals_row(dataset):
    lines = run("--year", "2022", "--rows", "old-district", "--columns", "class", "--format", "csv").splitlines()
    assert lines[0].startswith('"Huyện, thị xã, thành phố (trước 01/7/2025)",Tốt,Khá,Trung bình')
    assert f'"{AGENCY_LABEL}",0,1,0,0,0,1' in lines
    assert lines[-1] == "Tổng cộng,3,1,0,1,1,6"


def test_json_output(dataset):
    payload = json.loads(run("--year", "2022", "--rows", "host", "--columns", "class", "--format", "json"))
    assert payload["totals"]["total"] == 6
    assert payload["header"][-1] == "Tổng số"


def test_table_output_uses_vietnamese_number_format(dataset):
    text = run("--year", "2021", "--to", "2023", "--rows", "province", "--columns", "year")
    assert "Tỉnh Khánh Hòa" in text
    assert "Tổng cộng" in text


def test_unit_limits_the_scope_and_accepts_old_codes(dataset, commune):
    lines = run("--year", "2022", "--rows", "commune", "--format", "csv", "--unit", commune.code).splitlines()
    assert lines[-1].endswith(",4")
    lines = run("--year", "2022", "--rows", "old-district", "--format", "csv", "--unit", "569").splitlines()
    assert lines[-1].endswith(",1")  # Cam Ranh, an old district


def test_xlsx_needs_an_output_file(dataset, tmp_path):
    with pytest.raises(CommandError):
        run("--year", "2022", "--format", "xlsx")
    target = tmp_path / "t.xlsx"
    run("--year", "2022", "--format", "xlsx", "--output", str(target))
    sheet = load_workbook(target).active
    assert sheet["A3"].value.startswith("Huyện")


def test_missing_year_or_unknown_unit_is_a_clear_error(khanh_hoa):
    with pytest.raises(CommandError):
        run("--rows", "province")
    with pytest.raises(CommandError):
        run("--year", "2022", "--unit", "000")


def test_legacy_unit_flag_picks_the_pre_2025_unit(dataset):
    lines = run("--year", "2022", "--format", "csv", "--unit", "56", "--legacy-unit").splitlines()
    assert lines[-1] == "Tổng cộng,3,1,0,1,1,6"
