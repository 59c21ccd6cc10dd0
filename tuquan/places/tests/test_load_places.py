"""``load_places``: both maps of Khánh Hòa (and the country) from vietnam-provinces, idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count

from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit, Succession
from tuquan.places.services import places_load, short_name

pytestmark = pytest.mark.django_db

ARTICLE_DISTRICTS = {
    "Nha Trang",
    "Cam Ranh",
    "Ninh Hòa",
    "Diên Khánh",
    "Cam Lâm",
    "Vạn Ninh",
    "Khánh Sơn",
    "Khánh Vĩnh",
    "Trường Sa",
}


def test_khanh_hoa_has_65_current_communes_48_xa_16_phuong_1_dac_khu(khanh_hoa):
    communes = AdminUnit.objects.current().communes().filter(parent=khanh_hoa)
    assert communes.count() == 65
    by_type = dict(communes.values_list("division_type").annotate(total=Count("pk")))
    assert by_type == {"xã": 48, "phường": 16, "đặc khu": 1}


def test_current_communes_hang_directly_under_the_province_with_paths(khanh_hoa, commune):
    assert commune.name == "Phường Bắc Nha Trang"
    assert commune.parent == khanh_hoa
    assert commune.path == "N56/22333/"
    assert str(commune.valid_from) == "2025-07-01"
    assert commune.valid_until is None


def test_pre_2025_khanh_hoa_had_the_districts_named_in_the_article(khanh_hoa):
    old_province = AdminUnit.objects.legacy().get(level=Level.PROVINCE, code="56")
    districts = set(old_province.children.values_list("short_name", flat=True))
    assert districts == ARTICLE_DISTRICTS
    assert old_province.valid_until is not None


def test_every_pre_2025_khanh_hoa_commune_maps_to_at_least_one_current_unit(khanh_hoa):
    old_communes = AdminUnit.objects.legacy().communes().filter(path__startswith="L56/")
    assert old_communes.count() > 100
    unmapped = old_communes.exclude(successions_as_old__new_unit__era=Era.CURRENT)
    assert list(unmapped.values_list("name", flat=True)) == []


def test_every_current_khanh_hoa_commune_came_from_at_least_one_old_commune(khanh_hoa):
    orphans = (
        AdminUnit.objects.current()
        .communes()
        .filter(parent=khanh_hoa)
        .exclude(successions_as_new__old_unit__level=Level.COMMUNE)
    )
    assert list(orphans.values_list("name", flat=True)) == []


def test_a_split_old_commune_maps_to_every_new_commune_that_took_part_of_it(khanh_hoa):
    cam_tan = AdminUnit.objects.legacy().get(level=Level.COMMUNE, name="Xã Cam Tân")
    new_names = set(AdminUnit.objects.filter(successions_as_new__old_unit=cam_tan).values_list("name", flat=True))
    assert {"Xã Cam Hiệp", "Xã Cam Lâm"} <= new_names


def test_old_district_maps_to_the_new_communes_on_its_territory(khanh_hoa):
    cam_lam = AdminUnit.objects.legacy().get(level=Level.DISTRICT, short_name="Cam Lâm")
    new_units = AdminUnit.objects.filter(successions_as_new__old_unit=cam_lam)
    assert new_units.count() >= 3
    assert set(new_units.values_list("level", flat=True)) == {Level.COMMUNE}


def test_former_ninh_thuan_is_part_of_khanh_hoa(khanh_hoa):
    ninh_thuan = AdminUnit.objects.legacy().get(level=Level.PROVINCE, code="58")
    assert ninh_thuan.name == "Tỉnh Ninh Thuận"
    assert Succession.objects.filter(old_unit=ninh_thuan, new_unit=khanh_hoa).exists()
    old_communes = AdminUnit.objects.legacy().communes().filter(path__startswith="L58/")
    assert old_communes.exists()
    targets = AdminUnit.objects.filter(successions_as_new__old_unit__in=old_communes).distinct()
    assert set(targets.values_list("parent", flat=True)) == {khanh_hoa.pk}


def test_second_load_creates_and_changes_nothing(khanh_hoa):
    units, successions = AdminUnit.objects.count(), Succession.objects.count()
    result = places_load(province_codes=[56])
    assert (result.created, result.updated, result.successions_created) == (0, 0, 0)
    assert result.unchanged == units
    assert (AdminUnit.objects.count(), Succession.objects.count()) == (units, successions)


def test_reload_repairs_a_unit_edited_by_hand(khanh_hoa, commune):
    AdminUnit.objects.filter(pk=commune.pk).update(name="Sai tên")
    result = places_load(province_codes=[56])
    assert result.updated == 1
    commune.refresh_from_db()
    assert commune.name == "Phường Bắc Nha Trang"


def test_search_text_is_folded_for_diacritic_free_search(khanh_hoa):
    assert khanh_hoa.search_text == "tinh khanh hoa 56"
    assert AdminUnit.objects.search("CAM LÂM").filter(level=Level.DISTRICT).exists()


def test_command_reports_what_it_did_in_vietnamese():
    out = StringIO()
    call_command("load_places", province=[56], stdout=out)
    assert "tạo mới" in out.getvalue()
    out = StringIO()
    call_command("load_places", province=[56], stdout=out)
    assert "0 tạo mới, 0 cập nhật" in out.getvalue()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Huyện Cam Lâm", "Cam Lâm"),
        ("Thành phố Nha Trang", "Nha Trang"),
        ("Phường 1", "Phường 1"),
        ("Đặc khu Trường Sa", "Trường Sa"),
        ("Tỉnh Khánh Hòa", "Khánh Hòa"),
    ],
)
def test_short_name_drops_the_unit_type_but_keeps_numbered_names(name, expected):
    assert short_name(name) == expected


@pytest.mark.slow
def test_national_load_has_34_provinces_3321_communes_and_63_old_provinces():
    """The whole country: about 14,000 units; measured at ~4 s on SQLite (see docs/operations.md)."""
    result = places_load()
    current = AdminUnit.objects.current()
    assert current.filter(level=Level.PROVINCE).count() == 34
    assert current.communes().count() == 3321
    assert AdminUnit.objects.legacy().filter(level=Level.PROVINCE).count() == 63
    assert result.created == AdminUnit.objects.count()
    # vietnam-provinces 2026.9 lists 28 old communes (of 10,051) merged in the 2023-2025 rearrangements
    # that no new ward names as a source; none of them is in Khánh Hòa or Ninh Thuận.
    unmapped = AdminUnit.objects.legacy().communes().exclude(successions_as_old__isnull=False)
    assert unmapped.count() <= 28
    assert not unmapped.filter(path__startswith="L56/").exists()
    assert not unmapped.filter(path__startswith="L58/").exists()
    again = places_load()
    assert (again.created, again.updated, again.successions_created) == (0, 0, 0)
