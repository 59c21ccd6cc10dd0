"""The unit-tree pages: search without diacritics, old → new and new ← old."""

import unicodedata

import pytest
from django.urls import reverse

from tuquan.accounts.testing import ScopedViewChecks
from tuquan.places.choices import Level
from tuquan.places.models import AdminUnit

pytestmark = pytest.mark.django_db

LIST_URL = reverse("places:unit_list")


def _names(response) -> list[str]:
    return [unit.name for unit in response.context["object_list"]]


class TestUnitPagesAccess(ScopedViewChecks):
    """Units are reference data: every role reads the whole country (see tuquan/places/views.py)."""

    permitted_role = "commune"

    @pytest.fixture
    def scoped_objects(self, commune, other_commune):
        return commune, other_commune

    def object_urls(self, obj):
        return [(obj.get_absolute_url(), "get")]

    def list_urls(self):
        return [(LIST_URL, "get")]

    def test_other_jurisdiction_object_is_404(self, client, users, scoped_objects):
        """Overridden: another commune's unit page is readable, unlike its schemes."""
        _, other = scoped_objects
        client.force_login(users[self.permitted_role])
        assert client.get(other.get_absolute_url()).status_code == 200

    def test_every_role_may_browse_units(self, client, users):
        for user in users.values():
            client.force_login(user)
            assert client.get(LIST_URL).status_code == 200, user.role


@pytest.fixture
def viewer_client(client, users):
    client.force_login(users["viewer"])
    return client


def test_list_starts_with_the_current_provinces(viewer_client, khanh_hoa):
    response = viewer_client.get(LIST_URL)
    assert _names(response) == ["Tỉnh Khánh Hòa"]
    assert "Trước 01/7/2025</span>" not in response.content.decode()


def test_search_khanh_hoa_without_diacritics_finds_the_province_of_both_maps(viewer_client, khanh_hoa):
    response = viewer_client.get(LIST_URL, {"q": "khanh hoa"})
    names = _names(response)
    assert names[:2] == ["Tỉnh Khánh Hòa", "Tỉnh Khánh Hòa"]  # provinces first: current and pre-2025
    assert {u.era for u in response.context["object_list"][:2]} == {"current", "legacy"}
    assert "Trước 01/7/2025</span>" in response.content.decode()  # old units are marked


def test_search_cam_lam_finds_the_old_district_and_the_new_commune(viewer_client, khanh_hoa):
    response = viewer_client.get(LIST_URL, {"q": "cam lam"})
    units = {(u.name, u.era) for u in response.context["object_list"]}
    assert ("Huyện Cam Lâm", "legacy") in units
    assert ("Xã Cam Lâm", "current") in units


def test_search_accepts_decomposed_unicode_input(viewer_client, khanh_hoa):
    nfd = unicodedata.normalize("NFD", "Cam Lâm")
    assert nfd != "Cam Lâm"
    response = viewer_client.get(LIST_URL, {"q": nfd})
    assert "Xã Cam Lâm" in _names(response)


def test_search_can_be_limited_to_the_current_map(viewer_client, khanh_hoa):
    response = viewer_client.get(LIST_URL, {"q": "cam lam", "era": "current"})
    assert "Huyện Cam Lâm" not in _names(response)
    assert "Xã Cam Lâm" in _names(response)


def test_search_by_code(viewer_client, commune):
    response = viewer_client.get(LIST_URL, {"q": "22333", "era": "current"})
    assert _names(response) == ["Phường Bắc Nha Trang"]


def test_search_without_match_says_so(viewer_client, khanh_hoa):
    response = viewer_client.get(LIST_URL, {"q": "không có nơi này"})
    assert "Không tìm thấy đơn vị nào" in response.content.decode()


def test_bad_era_falls_back_instead_of_failing(viewer_client, khanh_hoa):
    assert viewer_client.get(LIST_URL, {"era": "x' OR 1=1"}).status_code == 200


def test_unit_list_query_count_is_bounded(viewer_client, khanh_hoa, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        viewer_client.get(LIST_URL, {"q": "xa"})


def test_new_commune_page_shows_the_old_units_it_came_from(viewer_client, commune):
    response = viewer_client.get(commune.get_absolute_url())
    html = response.content.decode()
    came_from = {u.name for u in response.context["came_from"]}
    assert came_from == {
        "Phường Vĩnh Hòa",
        "Phường Vĩnh Hải",
        "Phường Vĩnh Phước",
        "Phường Vĩnh Thọ",
        "Xã Vĩnh Lương",
        "Xã Vĩnh Phương",
    }
    assert "Hình thành từ 6 đơn vị cũ" in html
    assert [d.name for d in response.context["came_from_districts"]] == ["Thành phố Nha Trang"]


def test_old_commune_page_shows_where_it_went(viewer_client, khanh_hoa):
    vinh_hoa = AdminUnit.objects.legacy().get(level=Level.COMMUNE, name="Phường Vĩnh Hòa", path__startswith="L56/")
    response = viewer_client.get(vinh_hoa.get_absolute_url())
    assert [u.name for u in response.context["went_to"]] == ["Phường Bắc Nha Trang"]
    assert "Từ 01/7/2025 thuộc về" in response.content.decode()
    assert "Trước 01/7/2025" in response.content.decode()


def test_split_old_commune_lists_every_new_unit(viewer_client, khanh_hoa):
    cam_tan = AdminUnit.objects.legacy().get(level=Level.COMMUNE, name="Xã Cam Tân")
    response = viewer_client.get(cam_tan.get_absolute_url())
    assert len(response.context["went_to"]) >= 2
    assert "Địa bàn được chia về" in response.content.decode()


def test_old_district_page_lists_its_communes_and_the_new_communes(viewer_client, khanh_hoa):
    district = AdminUnit.objects.legacy().get(level=Level.DISTRICT, short_name="Cam Lâm")
    response = viewer_client.get(district.get_absolute_url())
    assert response.context["children"].count() > 5
    assert all(u.level == Level.COMMUNE and u.is_current for u in response.context["went_to"])


def test_province_page_summarises_commune_types(viewer_client, khanh_hoa, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = viewer_client.get(khanh_hoa.get_absolute_url())
    assert "48 xã, 16 phường, 1 đặc khu" in response.content.decode()
    assert {u.name for u in response.context["came_from"]} == {"Tỉnh Khánh Hòa", "Tỉnh Ninh Thuận"}


def test_children_are_listed_in_vietnamese_order(viewer_client, khanh_hoa):
    response = viewer_client.get(khanh_hoa.get_absolute_url())
    short_names = [u.short_name for u in response.context["children"]]
    from tuquan.core.text import vi_sorted

    assert short_names == vi_sorted(short_names)


def test_unknown_unit_is_404(viewer_client, khanh_hoa):
    assert viewer_client.get(reverse("places:unit_detail", args=[999999])).status_code == 404
