"""Excel in: the template, import with preview, all or nothing, refused files, the import pages' scoping."""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tuquan.accounts.testing import ScopedViewChecks
from tuquan.schemes.excel import importers
from tuquan.schemes.models import Scheme
from tuquan.schemes.tests.excel_helpers import (
    HEADERS,
    URL,
    confirm,
    opened,
    plan_of,
    preview,
    upload,
    xlsx_bytes,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("excel_media")]


def test_template_has_the_import_columns_and_a_catalogue_of_kinds_and_communes(client, users, commune):
    client.force_login(users["commune"])
    workbook = opened(client.get(reverse(URL + "template")))
    assert [cell.value for cell in workbook["Mô hình"][1]] == ["STT", *HEADERS]
    catalogue = list(workbook["Danh mục"].iter_rows(values_only=True))
    assert "Tiếng kẻng an ninh" in [row[0] for row in catalogue]
    assert [row[4] for row in catalogue if row[4]] == ["Xã/phường/đặc khu", commune.name]


# --------------------------------------------------------------------------- import: the plan


def test_import_with_one_bad_row_writes_nothing_and_names_the_row_and_column(client, users):
    tomorrow = timezone.localdate() + timedelta(days=1)
    content = xlsx_bytes(
        [
            ["Tiếng kẻng tổ dân phố 1", "Tiếng kẻng an ninh", "Bắc Nha Trang", date(2020, 3, 1)],
            ["Camera an ninh tổ 2", "camera an ninh", "Phường Bắc Nha Trang", "05/06/2021"],
            ["Tuần tra nhân dân tổ 3", "Tuần tra nhân dân", "Bắc Nha Trang", tomorrow],
        ]
    )
    client.force_login(users["commune"])
    assert upload(client, content).status_code == 302

    page = preview(client)
    assert page.status_code == 200
    plan = page.context["plan"]
    assert [(error.row, error.column) for error in plan.errors] == [(4, "Ngày thành lập")]
    assert "tương lai" in plan.errors[0].message
    assert "Dòng" in page.content.decode() and "Ngày thành lập" in page.content.decode()

    response = confirm(client)

    assert response.status_code == 200
    assert response.context["rejected"] is True
    assert Scheme.objects.count() == 0


def test_import_creates_rows_only_after_confirmation_then_all_of_them(client, users, commune):
    content = xlsx_bytes(
        [
            ["Tiếng kẻng tổ dân phố 1", "Tiếng kẻng an ninh", "Bắc Nha Trang", date(2020, 3, 1)],
            ["Camera an ninh tổ 2", "Camera an ninh", "22333", "05/06/2021"],
        ]
    )
    client.force_login(users["commune"])
    upload(client, content)

    plan = preview(client).context["plan"]
    assert plan.ok and plan.created == 2
    assert Scheme.objects.count() == 0

    response = confirm(client)

    assert response.status_code == 302
    assert set(Scheme.objects.values_list("name", "commune")) == {
        ("Tiếng kẻng tổ dân phố 1", commune.pk),
        ("Camera an ninh tổ 2", commune.pk),
    }
    assert "schemes_excel_import" not in client.session


def test_old_district_and_commune_names_land_in_the_right_current_communes(users, tmp_path):
    headers = ["STT", "Tên mô hình", "Tên tổ chức", "Huyện", "Xã/phường/thị trấn cũ", "Xã, phường", "Ngày thành lập"]
    content = xlsx_bytes(
        [
            [
                1,
                "Tiếng kẻng an ninh",
                "Kẻng thôn Tân Xương",
                "huyện Cam Lâm",
                "Thị trấn Cam Đức",
                "",
                "01/02/2019",
            ],
            [2, "Tuần tra nhân dân", "Tuần tra thôn Vân Sơn", "Cam Lâm", "Cam Phước Tây", "", "02/03/2020"],
            [3, "Camera an ninh", "Camera khu phố Bãi Giếng", "", "", "Cam Lâm", "03/04/2024"],
            [4, "Cổng rào an ninh", "Cổng rào tổ 7", "TP. Nha Trang", "", "Bắc Nha Trang", "04/05/2022"],
            [5, "Tổ gương sáng", "Tổ gương sáng Suối Cát", "H. Cam Lâm", "xã Suối Cát", "", "05/06/2023"],
        ],
        headers=headers,
        before=[["DANH SÁCH MÔ HÌNH TỰ QUẢN VỀ ANTT NĂM 2024"], []],
    )

    plan = plan_of(users["pv05"], content, tmp_path, commit=True)

    assert plan.errors == []
    placed = dict(Scheme.objects.values_list("name", "commune__name"))
    assert placed == {
        "Kẻng thôn Tân Xương": "Xã Cam Lâm",
        "Tuần tra thôn Vân Sơn": "Xã Cam An",
        "Camera khu phố Bãi Giếng": "Xã Cam Lâm",
        "Cổng rào tổ 7": "Phường Bắc Nha Trang",
        "Tổ gương sáng Suối Cát": "Xã Suối Dầu",
    }
    legacy = dict(Scheme.objects.values_list("name", "legacy_commune__name"))
    assert legacy["Kẻng thôn Tân Xương"] == "Thị trấn Cam Đức"
    assert legacy["Tuần tra thôn Vân Sơn"] == "Xã Cam Phước Tây"


def test_an_old_unit_split_into_several_communes_is_an_error_naming_them(users, tmp_path):
    headers = ["Tên mô hình, tổ chức", "Loại mô hình", "Huyện/thị xã/thành phố cũ", "Ngày thành lập"]
    content = xlsx_bytes([["Tuần tra thôn 1", "Tuần tra nhân dân", "huyện Cam Lâm", "01/01/2020"]], headers=headers)

    plan = plan_of(users["pv05"], content, tmp_path)

    assert len(plan.errors) == 1
    error = plan.errors[0]
    assert (error.row, error.column) == (2, "Huyện/thị xã/thành phố cũ")
    for name in ("Xã Cam An", "Xã Cam Hiệp", "Xã Cam Lâm", "Xã Suối Dầu"):
        assert name in error.message


def test_reimporting_the_same_file_creates_no_duplicates(users, tmp_path):
    content = xlsx_bytes(
        [
            ["Tiếng kẻng tổ dân phố 1", "Tiếng kẻng an ninh", "Bắc Nha Trang", date(2020, 3, 1)],
            ["Camera an ninh tổ 2", "Camera an ninh", "Bắc Nha Trang", date(2021, 6, 5)],
        ]
    )
    first = plan_of(users["commune"], content, tmp_path, commit=True)
    assert (first.created, first.errors) == (2, [])

    again = plan_of(users["commune"], content, tmp_path, commit=True)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Scheme.objects.count() == 2


def test_a_changed_row_updates_its_scheme_and_the_preview_shows_before_and_after(users, tmp_path):
    plan_of(
        users["commune"],
        xlsx_bytes([["Tiếng kẻng tổ 1", "Tiếng kẻng an ninh", "Bắc Nha Trang", date(2020, 3, 1)]]),
        tmp_path,
        commit=True,
    )
    changed = xlsx_bytes([["TIẾNG KẺNG TỔ 1", "Tiếng kẻng an ninh", "Bắc Nha Trang", date(2020, 3, 2)]])

    plan = plan_of(users["commune"], changed, tmp_path)

    assert plan.updated == 1
    changes = {(c.header, c.before, c.after) for c in plan.rows[0].changes}
    assert ("Ngày thành lập", "01/03/2020", "02/03/2020") in changes
    assert Scheme.objects.get().founded_on == date(2020, 3, 1)  # a preview writes nothing


def test_the_exported_file_imports_back_without_any_change(client, users, make_scheme, tmp_path):
    make_scheme(
        name="=cmd|' /C calc'!A0",
        leader_phone="0905123456",
        founding_decision_number="5/QĐ-UBND",
        founding_decision_date=date(2024, 3, 1),
        camera_count=4,
        focus_religion=True,
    )
    make_scheme(name="Camera an ninh khu phố 2", founded_on=date(2019, 5, 1))
    client.force_login(users["commune"])
    exported = b"".join(client.get(reverse(URL + "export_download")).streaming_content)

    plan = plan_of(users["commune"], exported, tmp_path)

    assert plan.errors == []
    assert (plan.created, plan.updated, plan.unchanged) == (0, 0, 2)


def test_csv_with_bom_nfd_text_and_semicolons_imports(users, tmp_path):
    import unicodedata

    text = (
        "Tên mô hình;Tên tổ chức;Xã/phường/đặc khu;Ngày thành lập;Điện thoại\n"
        "Tiếng kẻng an ninh;Tiếng kẻng tổ dân phố Đồng Đế;phường bắc nha trang;15/08/2022;905 123 456\n"
    )
    content = b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).encode("utf-8")

    plan = plan_of(users["commune"], content, tmp_path, extension="csv", commit=True)

    assert plan.errors == []
    scheme = Scheme.objects.get()
    assert scheme.name == unicodedata.normalize("NFC", "Tiếng kẻng tổ dân phố Đồng Đế")
    assert scheme.kind.name == "Tiếng kẻng an ninh"
    assert scheme.founded_on == date(2022, 8, 15)
    assert scheme.leader_phone == "0905123456"


def test_rows_outside_the_officers_commune_are_errors(users, tmp_path, other_commune):
    content = xlsx_bytes([["Tuần tra tổ 1", "Tuần tra nhân dân", other_commune.name, date(2024, 1, 1)]])

    plan = plan_of(users["commune"], content, tmp_path, commit=True)

    assert [(e.row, e.column) for e in plan.errors] == [(2, "Xã/phường/đặc khu")]
    assert "ngoài địa bàn" in plan.errors[0].message
    assert Scheme.objects.count() == 0


def test_a_code_of_another_communes_scheme_is_an_error(users, tmp_path, other_scheme):
    headers = ["Mã mô hình", "Tên mô hình, tổ chức", "Loại mô hình", "Xã/phường/đặc khu", "Ngày thành lập"]
    content = xlsx_bytes(
        [[other_scheme.code, "Đổi tên", "Camera an ninh", "Bắc Nha Trang", date(2024, 1, 1)]], headers=headers
    )

    plan = plan_of(users["commune"], content, tmp_path)

    assert [(e.column, "ngoài địa bàn" in e.message) for e in plan.errors] == [("Mã mô hình", True)]


def test_bad_cells_are_reported_with_their_columns_in_vietnamese(users, tmp_path):
    headers = ["Tên mô hình, tổ chức", "Loại mô hình", "Xã/phường/đặc khu", "Ngày thành lập", "Số camera"]
    content = xlsx_bytes(
        [
            ["", "Mô hình không có", "Xã Không Có", "2019", "nhiều"],
            ["Tổ 2", "Camera an ninh", "Bắc Nha Trang", "31/02/2020", -1],
            ["Tổ 2", "Camera an ninh", "Bắc Nha Trang", "01/02/2020", 1],
            ["Tổ 2", "Camera an ninh", "Bắc Nha Trang", "01/02/2020", 1],
        ],
        headers=headers,
    )

    plan = plan_of(users["commune"], content, tmp_path)

    found = {(e.row, e.column) for e in plan.errors}
    assert {
        (2, "Tên mô hình, tổ chức"),
        (2, "Loại mô hình"),
        (2, "Xã/phường/đặc khu"),
        (2, "Ngày thành lập"),
        (2, "Số camera"),
        (3, "Ngày thành lập"),
        (3, "Số camera"),
        (5, "Tên mô hình, tổ chức"),
    } <= found
    assert any("Trùng với dòng 3" in e.message for e in plan.errors)


def test_a_file_without_the_required_columns_is_refused(users, tmp_path):
    with pytest.raises(importers.ImportFileError, match="Loại mô hình"):
        plan_of(users["commune"], xlsx_bytes([["a", "b"]], headers=["Tên mô hình, tổ chức", "Ghi chú"]), tmp_path)


# --------------------------------------------------------------------------- import: refused files


def _zip_bomb() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 * 1024 * 1024))
    return output.getvalue()


def _with_macro() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([])))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for item in source.infolist():
            archive.writestr(item, source.read(item.filename))
        archive.writestr("xl/vbaProject.bin", b"VBA")
    return output.getvalue()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"PK\x03\x04 garbage that is not a zip", "tep.xlsx", "bị hỏng"),
        (b"hello, world", "tep.xlsx", "không phải tệp Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "tep.xlsx", "mật khẩu"),
        (None, "tep.xlsx", "giải nén quá lớn"),
        (b"PK", "tep.xlsm", "macro"),
        ("macro", "tep.xlsx", "macro"),
        (b"a,b\n", "tep.xls", ".xls"),
        (b"MZ\x90\x00", "tep.exe", "Chỉ nhận tệp"),
        (b"\xff\xfeT\x00", "tep.csv", "UTF-8"),
        (b"Ten;Loai\nx;y\n", "tep.csv", "thiếu cột bắt buộc"),
        (b"a;b\nx;y\n", "tep.csv", "dòng tiêu đề"),
    ],
    ids=[
        "garbage",
        "not-zip",
        "ole",
        "zip-bomb",
        "xlsm",
        "vba-in-xlsx",
        "xls",
        "exe",
        "utf16-csv",
        "missing-columns",
        "no-header",
    ],
)
def test_bad_files_get_a_clear_message_and_no_500(client, users, content, name, message):
    if content is None:
        content = _zip_bomb()
    elif content == "macro":
        content = _with_macro()
    client.force_login(users["commune"])

    response = upload(client, content, name)
    if response.status_code == 302:
        response = preview(client)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Scheme.objects.count() == 0


def test_a_file_over_10_mb_is_refused(client, users):
    client.force_login(users["commune"])
    response = upload(client, b"a" * (10 * 1024 * 1024 + 1), "lon.csv")
    assert response.status_code == 200
    assert "tối đa 10 MB" in response.content.decode()


def test_more_than_20000_rows_is_refused(users, tmp_path):
    lines = ["Tên mô hình, tổ chức,Loại mô hình,Xã/phường/đặc khu,Ngày thành lập"]
    lines += [f"Tổ {n},Camera an ninh,Bắc Nha Trang,01/01/2020" for n in range(20_001)]
    with pytest.raises(importers.ImportFileError, match="20.000 dòng"):
        plan_of(users["commune"], "\n".join(lines).encode(), tmp_path, extension="csv")


def test_upload_keeps_the_file_under_media_imports_until_confirmed(client, users, settings):
    client.force_login(users["commune"])
    upload(client, xlsx_bytes([["Tổ 1", "Camera an ninh", "Bắc Nha Trang", date(2020, 1, 1)]]))
    key = client.session["schemes_excel_import"]["key"]
    path = settings.MEDIA_ROOT / "imports" / f"{key}.xlsx"
    assert path.is_file()

    confirm(client)

    assert not path.exists()
    assert Scheme.objects.count() == 1


def test_htmx_upload_redirects_to_the_preview(client, users):
    client.force_login(users["commune"])
    file = io.BytesIO(xlsx_bytes([["Tổ 1", "Camera an ninh", "Bắc Nha Trang", date(2020, 1, 1)]]))
    file.name = "a.xlsx"
    response = client.post(reverse(URL + "import_upload"), {"file": file}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == reverse(URL + "import_preview")
    page = client.get(reverse(URL + "import_preview"), HTTP_HX_REQUEST="true")
    assert page.context["plan"].created == 1
    assert "Xác nhận nhập 1 mô hình" in page.content.decode()


# --------------------------------------------------------------------------- scoping


class TestImportPagesScoping(ScopedViewChecks):
    permitted_role = "commune"
    forbidden_role = "viewer"

    @pytest.fixture
    def scoped_objects(self, scheme, other_scheme):
        return scheme, other_scheme

    def object_urls(self, obj):
        return []

    def list_urls(self):
        return [
            (reverse(URL + "import_upload"), "get"),
            (reverse(URL + "template"), "get"),
            (reverse(URL + "import_confirm"), "post"),
            (reverse(URL + "import_cancel"), "post"),
        ]


def test_import_pages_show_no_error_for_a_viewer_of_the_export(client, users):
    client.force_login(users["viewer"])
    assert client.get(reverse(URL + "export")).status_code == 200
    assert client.get(reverse(URL + "import_upload")).status_code == 403


def test_unit_names_match_whatever_their_spelling():
    from tuquan.schemes.excel.units import unit_key

    assert unit_key("TP. Nha Trang") == ("district", "nha trang")
    assert unit_key("huyện  Cam Lâm") == ("district", "cam lam")
    assert unit_key("Xã Cam Lâm") == ("commune", "cam lam")
    assert unit_key("P.1")[1] == unit_key("Phường 1")[1]


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("TÊN MÔ HÌNH, TỔ CHỨC (*)", "name"),
        ("Tên mô hình", "kind"),
        ("ngay  thanh lap", "founded_on"),
        ("Ngày thành lập (dd/mm/yyyy)", "founded_on"),
        ("Xã, phường", "commune"),
        ("Huyện/TP cũ", "legacy_district"),
        ("Xã, phường (trước sáp nhập)", "legacy_commune"),
        ("SĐT", "leader_phone"),
    ],
)
def test_headers_match_whatever_their_case_diacritics_and_synonyms(header, key):
    from tuquan.schemes.excel.columns import match_header

    assert match_header(header).key == key


def test_a_preview_reports_every_row_and_writes_nothing(users, tmp_path):
    rows = [[f"Tổ tự quản {n}", "Tuần tra nhân dân", "Bắc Nha Trang", date(2020, 1, n)] for n in range(1, 6)]
    rows[3][3] = timezone.localdate() + timedelta(days=2)
    content = xlsx_bytes(rows)

    plan = plan_of(users["commune"], content, tmp_path)

    assert plan.created == 4
    assert [(e.row, e.column) for e in plan.errors] == [(5, "Ngày thành lập")]
    assert Scheme.objects.count() == 0


def test_a_row_with_its_code_and_no_unit_updates_the_scheme_where_it_is(users, tmp_path, scheme, commune):
    headers = ["Mã mô hình", "Tên mô hình, tổ chức", "Loại mô hình", "Ngày thành lập", "Số camera"]
    content = xlsx_bytes([[scheme.code, scheme.name, scheme.kind.name, scheme.founded_on, 6]], headers=headers)

    plan = plan_of(users["commune"], content, tmp_path, commit=True)

    assert (plan.errors, plan.updated) == ([], 1)
    scheme.refresh_from_db()
    assert (scheme.camera_count, scheme.commune_id) == (6, commune.pk)


def test_a_sheet_used_to_its_last_row_is_refused_at_upload_not_queued(client, users, settings):
    from tuquan.core.models import Job
    from tuquan.core.tests.test_sheets import far_workbook

    client.force_login(users["commune"])
    response = upload(client, far_workbook("A1", "XFD1048576").getvalue())
    assert response.status_code == 200
    assert "Ctrl+End" in response.content.decode() and "dòng 1.048.576" in response.content.decode()
    assert "schemes_excel_import" not in client.session
    assert not list((settings.MEDIA_ROOT / "imports").glob("*.xlsx"))
    assert not Job.objects.exists()  # refused here, not left to a background job
