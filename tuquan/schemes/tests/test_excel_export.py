"""Excel out: export of the filtered list and of one scheme, personal data masked, formulas neutralised."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tuquan.accounts.testing import ScopedViewChecks
from tuquan.schemes import services
from tuquan.schemes.excel.columns import SCHEME_COLUMNS
from tuquan.schemes.tests.excel_helpers import HEADERS, URL, opened

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("excel_media")]


def test_export_holds_the_filtered_rows_with_real_dates_and_nothing_from_another_commune(
    client, users, make_scheme, commune, other_commune
):
    make_scheme(
        name="Tiếng kẻng an ninh tổ 5",
        founded_on=date(2021, 5, 19),
        founding_decision_number="12/QĐ",
        founding_decision_date=date(2021, 5, 10),
    )
    make_scheme(name="Camera an ninh khu phố 2", founded_on=date(2023, 1, 2))
    make_scheme(name="Tiếng kẻng an ninh xã bên", commune=other_commune)
    client.force_login(users["commune"])

    response = client.get(reverse(URL + "export_download"), {"q": "tieng keng", "sheets": "schemes"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="so-dang-ky-mo-hinh-')
    sheet = opened(response)["Mô hình"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã mô hình", "Tên mô hình, tổ chức", "Loại mô hình")
    assert [row[1] for row in rows[1:]] == ["Tiếng kẻng an ninh tổ 5"]
    founded = sheet.cell(row=2, column=HEADERS.index("Ngày thành lập") + 2)  # +1 for "Lĩnh vực", +1 1-based
    assert founded.value.date() == date(2021, 5, 19)
    assert founded.number_format == "DD/MM/YYYY"
    assert rows[1][SCHEME_COLUMNS.index(next(c for c in SCHEME_COLUMNS if c.key == "commune"))] == commune.name
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 40


def test_export_masks_members_personal_data_for_a_viewer_and_logs_it_for_an_officer(client, users, scheme):
    team = services.team_create(user=users["pv05"], scheme=scheme, data={"name": "Tổ 1"})
    services.member_create(
        user=users["pv05"],
        scheme=scheme,
        data={"team": team, "full_name": "Nguyễn Văn An", "phone": "0905123456", "national_id": "056090001234"},
    )
    url = reverse(URL + "export_download") + "?sheets=members&sheets=teams"

    client.force_login(users["viewer"])
    members = opened(client.get(url))["Thành viên"]
    row = [cell.value for cell in members[2]]
    assert row[4] == "Nguyễn Văn An"
    assert "0905123456" not in row and "056090001234" not in row
    assert row[7] == "090****56"

    client.force_login(users["commune"])
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    workbook = opened(client.get(url))
    assert [cell.value for cell in workbook["Thành viên"][2]][7:9] == ["0905123456", "056090001234"]
    assert [cell.value for cell in workbook["Tổ"][2]][3] == "Tổ 1"
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == before + 1


def test_export_neutralises_formulas_in_text_cells(client, users, make_scheme):
    make_scheme(name='=HYPERLINK("http://evil.example","Bấm")', leader_name="+84 tổ trưởng", area="@SUM(1)")
    client.force_login(users["commune"])

    sheet = opened(client.get(reverse(URL + "export_download")))["Mô hình"]

    values = [cell.value for cell in sheet[2]]
    assert values[1] == '\'=HYPERLINK("http://evil.example","Bấm")'
    assert "'+84 tổ trưởng" in values and "'@SUM(1)" in values
    assert all(cell.data_type != "f" for cell in sheet[2])


def test_export_runs_a_bounded_number_of_queries_whatever_the_size(
    client, users, make_scheme, django_assert_max_num_queries
):
    for number in range(12):
        scheme = make_scheme(name=f"Tổ tự quản số {number}")
        team = services.team_create(user=users["pv05"], scheme=scheme, data={"name": "Tổ 1"})
        services.member_create(user=users["pv05"], scheme=scheme, data={"team": team, "full_name": f"Người {number}"})
    client.force_login(users["pv05"])
    url = reverse(URL + "export_download") + "?sheets=schemes&sheets=teams&sheets=members&sheets=activity"

    with django_assert_max_num_queries(14):
        workbook = opened(client.get(url))

    assert workbook["Mô hình"].max_row == 13
    assert workbook["Thành viên"].max_row == 13


def test_one_scheme_exports_with_all_its_sheets(client, users, scheme):
    client.force_login(users["commune"])
    workbook = opened(client.get(reverse(URL + "scheme_export", args=[scheme.pk])))
    assert workbook.sheetnames == ["Mô hình", "Tổ", "Thành viên", "Kết quả hoạt động"]
    assert workbook["Mô hình"]["A2"].value == scheme.code


class TestExcelPagesScoping(ScopedViewChecks):
    permitted_role = "commune"
    forbidden_role = None

    @pytest.fixture
    def scoped_objects(self, scheme, other_scheme):
        return scheme, other_scheme

    def object_urls(self, obj):
        return [(reverse(URL + "scheme_export", args=[obj.pk]), "get")]

    def list_urls(self):
        return [(reverse(URL + "export"), "get"), (reverse(URL + "export_download"), "get")]


def test_the_list_buttons_keep_the_filters_and_offer_import_only_to_importers(rf, users):
    from django.contrib.auth.context_processors import PermWrapper
    from django.template.loader import render_to_string

    request = rf.get("/mo-hinh/", {"q": "tieng keng"})

    def render(user):
        return render_to_string("schemes/excel/partials/buttons.html", {"perms": PermWrapper(user), "request": request})

    officer = render(users["commune"])
    assert reverse(URL + "export") + "?q=tieng+keng" in officer
    assert reverse(URL + "import_upload") in officer
    viewer = render(users["viewer"])
    assert reverse(URL + "export") in viewer
    assert reverse(URL + "import_upload") not in viewer
