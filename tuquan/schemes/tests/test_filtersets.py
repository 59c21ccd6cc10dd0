"""SchemeFilterSet: diacritics-insensitive search, unit subtree (current and pre-2025 units), flags."""

import unicodedata
from datetime import date

import pytest

from tuquan.places.models import AdminUnit
from tuquan.schemes import services
from tuquan.schemes.filtersets import SchemeFilterSet
from tuquan.schemes.models import Scheme, SchemeKind

pytestmark = pytest.mark.django_db


def names(data, user) -> set[str]:
    filterset = SchemeFilterSet(data, queryset=Scheme.objects.visible_to(user))
    return set(filterset.qs.values_list("name", flat=True))


@pytest.fixture
def registry(make_scheme, other_commune):
    camera = SchemeKind.objects.get(name="Camera an ninh")
    parish = SchemeKind.objects.get(name="Xóm đạo bình yên")
    vinh_hai = AdminUnit.objects.get(era="legacy", level="commune", code="22330")
    return {
        "keng": make_scheme(
            name="Tiếng kẻng an ninh tổ dân phố Vĩnh Hải", founded_on=date(2019, 4, 2), legacy_commune=vinh_hai
        ),
        "camera": make_scheme(
            name="Camera an ninh đường Đặng Tất", kind=camera, founded_on=date(2024, 1, 5), camera_count=8
        ),
        "parish": make_scheme(
            name="Xóm đạo bình yên giáo xứ Phú Nhơn",
            kind=parish,
            commune=other_commune,
            host="giao_xu",
            co_hosts=["mttq"],
            focus_religion=True,
            founded_on=date(2021, 6, 1),
        ),
    }


def test_search_without_diacritics_finds_vietnamese_name(registry, users):
    assert names({"q": "tieng keng"}, users["pv05"]) == {"Tiếng kẻng an ninh tổ dân phố Vĩnh Hải"}


def test_search_accepts_nfd_and_upper_case_input(registry, users):
    nfd = unicodedata.normalize("NFD", "TIẾNG KẺNG")
    assert names({"q": nfd}, users["pv05"]) == {"Tiếng kẻng an ninh tổ dân phố Vĩnh Hải"}
    assert names({"q": "dang tat"}, users["pv05"]) == {"Camera an ninh đường Đặng Tất"}


def test_search_matches_every_word_in_any_order(registry, users):
    assert names({"q": "phu nhon xom dao"}, users["pv05"]) == {"Xóm đạo bình yên giáo xứ Phú Nhơn"}
    assert names({"q": "phu nhon camera"}, users["pv05"]) == set()


def test_search_by_code(registry, users):
    assert names({"q": registry["camera"].code.lower()}, users["pv05"]) == {"Camera an ninh đường Đặng Tất"}


def test_unit_subtree_of_current_units(registry, users, khanh_hoa, commune):
    assert names({"unit": khanh_hoa.pk}, users["pv05"]) == {s.name for s in registry.values()}
    assert names({"unit": commune.pk}, users["pv05"]) == {registry["keng"].name, registry["camera"].name}


def test_unit_filter_accepts_legacy_district_and_commune(registry, users):
    nha_trang = AdminUnit.objects.get(era="legacy", level="district", code="568")
    vinh_hai = AdminUnit.objects.get(era="legacy", level="commune", code="22330")
    assert names({"unit": nha_trang.pk}, users["pv05"]) == {registry["keng"].name}
    assert names({"unit": vinh_hai.pk}, users["pv05"]) == {registry["keng"].name}


def test_unknown_unit_gives_nothing_and_bad_input_no_error(registry, users):
    assert names({"unit": 987654}, users["pv05"]) == set()
    filterset = SchemeFilterSet({"unit": "abc", "founded_year": "x"}, queryset=Scheme.objects.all())
    assert not filterset.form.is_valid()
    assert filterset.qs.count() == 3


def test_scoping_still_applies_under_the_filters(registry, users, khanh_hoa):
    assert names({"unit": khanh_hoa.pk}, users["commune"]) == {registry["keng"].name, registry["camera"].name}


def test_kind_field_status_year_host_and_focus(registry, users):
    pv05 = users["pv05"]
    camera = SchemeKind.objects.get(name="Camera an ninh")
    assert names({"kind": camera.pk}, pv05) == {registry["camera"].name}
    assert names({"field": "ton_giao"}, pv05) == {registry["parish"].name}
    assert names({"founded_year": 2019}, pv05) == {registry["keng"].name}
    assert names({"host": "mttq"}, pv05) == {registry["parish"].name}
    assert names({"host": "giao_xu"}, pv05) == {registry["parish"].name}
    assert names({"focus": ["religion"]}, pv05) == {registry["parish"].name}
    assert names({"focus": ["ethnic"]}, pv05) == set()


def test_voided_records_show_only_when_asked(registry, users):
    services.scheme_void(user=users["pv05"], scheme=registry["camera"], reason="Nhập trùng")
    assert registry["camera"].name not in names({}, users["pv05"])
    assert names({"status": "voided"}, users["pv05"]) == {registry["camera"].name}


def test_latest_rating_and_unrated(registry, users):
    Scheme.objects.filter(pk=registry["keng"].pk).update(latest_rating="tot", latest_rating_year=2024)
    assert names({"latest_rating": "tot"}, users["pv05"]) == {registry["keng"].name}
    assert names({"latest_rating": "none"}, users["pv05"]) == {registry["camera"].name, registry["parish"].name}


def test_absurd_founded_year_is_a_form_error_not_a_crash(client, users):
    client.force_login(users["pv05"])
    response = client.get("/mo-hinh/", {"founded_year": "-6e16"})
    assert response.status_code == 200
