import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tuquan.accounts.testing import ScopedViewChecks
from tuquan.targets.choices import Indicator
from tuquan.targets.models import Target

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def scoped_objects(commune, other_commune):
    own = Target.objects.create(year=YEAR, unit=commune, indicator=Indicator.MIN_ACTIVE_SCHEMES, value=1)
    other = Target.objects.create(year=YEAR, unit=other_commune, indicator=Indicator.MIN_ACTIVE_SCHEMES, value=1)
    return own, other


class TestTargetEditPages(ScopedViewChecks):
    """A PV05-role user placed on one commune: the other commune's target is outside (404)."""

    permitted_role = "editor_on_commune"
    forbidden_role = "viewer"

    @pytest.fixture
    def users(self, users, commune):
        from tuquan.accounts.choices import Role
        from tuquan.accounts.testing import make_user

        return {**users, "editor_on_commune": make_user("pv_commune", Role.PV05, commune)}

    def object_urls(self, obj):
        return [(reverse("targets:update", args=[obj.pk]), "get"), (reverse("targets:delete", args=[obj.pk]), "post")]

    def list_urls(self):
        return [
            (reverse("targets:create", args=[YEAR]), "get"),
            (reverse("targets:bulk", args=[YEAR]), "get"),
            (reverse("targets:import", args=[YEAR]), "get"),
            (reverse("targets:import_template", args=[YEAR]), "get"),
        ]

    def test_commune_officer_cannot_edit_other_commune_target(self, client, users, scoped_objects):
        # the commune role lacks the permission altogether: 403 before any lookup
        _, other = scoped_objects
        client.force_login(users["commune"])
        assert client.get(reverse("targets:update", args=[other.pk])).status_code == 403


class TestTargetYearPage(ScopedViewChecks):
    permitted_role = "commune"

    def object_urls(self, obj):
        return []

    def list_urls(self):
        return [(reverse("targets:year", args=[YEAR]), "get"), (reverse("targets:export", args=[YEAR]), "get")]


def test_pv05_outside_jurisdiction_gets_404_on_edit(client, users, khanh_hoa, scoped_objects):
    from tuquan.accounts.choices import Role
    from tuquan.accounts.testing import make_user

    own, _ = scoped_objects
    other_pv = make_user("pv_other", Role.PV05, own.unit.parent.children.exclude(pk=own.unit.pk).first())
    client.force_login(other_pv)
    assert client.get(reverse("targets:update", args=[own.pk])).status_code == 404


def test_commune_officer_sees_only_own_commune_on_year_page(client, users, scoped_objects, commune, other_commune):
    client.force_login(users["commune"])
    body = client.get(reverse("targets:year", args=[YEAR])).content.decode()
    assert f'data-unit="{commune.code}"' in body
    assert f'data-unit="{other_commune.code}"' not in body


def test_year_page_queries_bounded(client, users, khanh_hoa, django_assert_max_num_queries):
    for unit in khanh_hoa.children.all()[:20]:
        Target.objects.create(year=YEAR, unit=unit, indicator=Indicator.MIN_ACTIVE_SCHEMES, value=1)
    client.force_login(users["pv05"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("targets:year", args=[YEAR]) + "?status=not_reached")
    assert response.status_code == 200
    assert response.content.decode().count('data-status="not_reached"') == 20


def test_bulk_form_assigns_to_all_communes(client, users, khanh_hoa):
    client.force_login(users["pv05"])
    response = client.post(
        reverse("targets:bulk", args=[YEAR]), {"indicator": Indicator.MIN_ACTIVE_SCHEMES, "value": "1"}
    )
    assert response.status_code == 302
    assert Target.objects.filter(year=YEAR).count() == khanh_hoa.children.count()


def test_form_errors_shown_next_to_fields(client, users, commune):
    client.force_login(users["pv05"])
    response = client.post(
        reverse("targets:create", args=[YEAR]),
        {"unit": commune.pk, "indicator": Indicator.MIN_SHARE_GOOD, "value": "150"},
    )
    assert response.status_code == 200
    assert 'data-field-error="value"' in response.content.decode()
    assert not Target.objects.exists()


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chỉ tiêu"
    sheet.append(
        ["Năm", "Mã xã", "Tên xã, phường, đặc khu", "Chỉ tiêu", "Loại mô hình", "Lĩnh vực", "Giá trị giao", "Ghi chú"]
    )
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "chi-tieu.xlsx"
    return buffer


def test_import_lists_every_error_and_writes_nothing(client, users, commune):
    client.force_login(users["pv05"])
    upload = _xlsx(
        [
            [YEAR, commune.code, "", "Số mô hình đang hoạt động tối thiểu", "", "", 2, ""],
            [YEAR, "99999", "", "Chỉ tiêu lạ", "", "", "abc", ""],
            [YEAR, commune.code, "", "min_share_good", "", "", 120, ""],
        ]
    )
    response = client.post(reverse("targets:import", args=[YEAR]), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    for text in ("99999", "Chỉ tiêu lạ", "không phải số nguyên", "vượt quá 100"):
        assert text in body
    assert "<td>3</td>" in body and "<td>4</td>" in body
    # confirm without a valid preview writes nothing
    client.post(reverse("targets:import_confirm", args=[YEAR]))
    assert not Target.objects.exists()


def test_import_preview_then_confirm_writes_all(client, users, commune, other_commune):
    client.force_login(users["pv05"])
    upload = _xlsx(
        [
            [YEAR, commune.code, "", "Số mô hình đang hoạt động tối thiểu", "", "", 2, "ghi chú"],
            [YEAR, other_commune.code, "", "Có mô hình thuộc loại / lĩnh vực", "", "Tôn giáo", 1, ""],
        ]
    )
    response = client.post(reverse("targets:import", args=[YEAR]), {"file": upload})
    assert 'data-testid="import-preview"' in response.content.decode()
    assert not Target.objects.exists()
    client.post(reverse("targets:import_confirm", args=[YEAR]))
    assert Target.objects.count() == 2


def test_import_rejects_a_file_that_is_not_xlsx(client, users):
    client.force_login(users["pv05"])
    upload = io.BytesIO(b"not a workbook")
    upload.name = "x.xlsx"
    response = client.post(reverse("targets:import", args=[YEAR]), {"file": upload})
    assert response.status_code == 200
    assert "không phải Excel" in response.content.decode()


def test_template_and_export_are_workbooks(client, users, scoped_objects):
    client.force_login(users["pv05"])
    template = load_workbook(io.BytesIO(client.get(reverse("targets:import_template", args=[YEAR])).content))
    assert template.sheetnames == ["Chỉ tiêu", "Danh mục"]
    export = load_workbook(io.BytesIO(client.get(reverse("targets:export", args=[YEAR])).content))
    assert export.active.max_row == 3


def test_bad_year_is_404(client, users):
    client.force_login(users["pv05"])
    assert client.get("/chi-tieu/1800/").status_code == 404
