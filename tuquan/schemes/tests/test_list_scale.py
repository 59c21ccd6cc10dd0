"""The registry list at national scale: keyset pages in code order, search boxes instead of giant
``<select>``s, and a number of queries that does not grow with the data."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tuquan.schemes import filtersets
from tuquan.schemes.models import Scheme, SchemeKind
from tuquan.schemes.selectors import forget_kind_total, forget_unit_choices

pytestmark = pytest.mark.django_db

LIST = reverse("schemes:scheme_list")


@pytest.fixture
def twelve(make_scheme, other_commune):
    return [make_scheme(name=f"Mô hình {n:02d}", commune=other_commune if n % 3 == 0 else None) for n in range(12)]


@pytest.fixture
def make_scheme(make_scheme, commune):
    def _make(commune=None, **data):
        return make_scheme(commune=commune or _commune(commune), **data)

    _commune = lambda given: given or commune  # noqa: E731
    return _make


def codes_on(response) -> list[str]:
    return [record.code for record in response.context["table"].data]


@pytest.fixture(params=["sorted", "index"])
def order_path(request, monkeypatch):
    """Both ways a keyset page is found: a short list sorted, a long one read along the code index."""
    from tuquan.schemes import selectors

    monkeypatch.setattr(selectors, "SORT_IN_MEMORY_UP_TO", 20_000 if request.param == "sorted" else 0)
    return request.param


def test_default_order_is_by_code_with_keyset_pages(client, users, twelve, order_path):
    client.force_login(users["pv05"])
    expected = sorted(s.code for s in twelve)
    first = client.get(LIST, {"per_page": 20})
    assert codes_on(first) == expected  # one page holds them all
    assert first.context["seek"].count == 12

    # Pages of 20 need more schemes than that; use the smaller page through the selector's size.
    from tuquan.schemes.selectors import scheme_list, seek_page

    queryset = filtersets.SchemeFilterSet({}, queryset=scheme_list(user=users["pv05"])).qs
    page1 = seek_page(queryset, size=5)
    page2 = seek_page(queryset, size=5, after=page1.last_key)
    page3 = seek_page(queryset, size=5, after=page2.last_key)
    assert [s.code for s in page1.rows + page2.rows + page3.rows] == expected
    assert (page1.has_previous, page1.has_next, page3.has_next) == (False, True, False)
    back = seek_page(queryset, size=5, before=page3.first_key)
    assert [s.code for s in back.rows] == expected[5:10]
    with CaptureQueriesContext(connection) as queries:
        last = seek_page(queryset, size=5, last=True)
    assert [s.code for s in last.rows] == expected[-5:]
    assert last.has_previous and not last.has_next
    order = queries.captured_queries[-1]["sql"].rsplit("ORDER BY", 1)[1]
    assert ("COALESCE" in order) == (order_path == "sorted"), order  # the index is walked only for long lists


def test_page_links_keep_the_filters_and_reach_the_last_page(client, users, make_scheme):
    schemes = [make_scheme(name=f"Camera {n:03d}") for n in range(45)]
    codes = sorted(s.code for s in schemes)
    client.force_login(users["pv05"])
    response = client.get(LIST, {"q": "camera", "per_page": 20})
    links = response.context["seek_links"]
    assert links["previous"] is None and "q=camera" in links["next"]
    second = client.get(LIST + links["next"])
    assert codes_on(second) == codes[20:40]
    last = client.get(LIST + second.context["seek_links"]["last"])
    assert codes_on(last) == codes[-20:]  # the last page is the last 20 schemes
    assert last.context["seek_links"]["next"] is None
    previous = client.get(LIST + last.context["seek_links"]["previous"])
    assert codes_on(previous) == codes[5:25]
    assert 'data-testid="seek-last"' in second.content.decode()


def test_sorting_by_a_column_uses_numbered_pages(client, users, twelve):
    client.force_login(users["pv05"])
    response = client.get(LIST, {"sort": "-name"})
    assert response.context["seek"] is None
    names = [row.record.name for row in response.context["table"].page.object_list]
    assert names == sorted(names, reverse=True)


def test_list_query_count_does_not_grow_with_the_data(client, users, make_scheme):
    client.force_login(users["pv05"])

    def count(query) -> int:
        forget_unit_choices()  # the worst case: the unit filter and the kind count read too
        forget_kind_total()
        caches["pages"].clear()  # and the page rendered, not served from the page cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST, query).status_code == 200
        return len(captured.captured_queries)

    make_scheme(name="Một")
    small = [count({}), count({"last": "1"}), count({"q": "mo hinh"})]
    for n in range(30):
        make_scheme(name=f"Mô hình {n}")
    assert [count({}), count({"last": "1"}), count({"q": "mo hinh"})] == small
    assert max(small) <= 14


def test_a_page_is_read_by_its_keys_without_searching_again(client, users, make_scheme, other_commune):
    """The search finds the page's keys once; the rows are then read by key, in the user's reach."""
    for n in range(8):
        make_scheme(name=f"Tiếng kẻng thôn {n}")
    make_scheme(name="Tiếng kẻng thôn bên", commune=other_commune)
    client.force_login(users["commune"])
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"q": "tieng keng", "per_page": 20})
    (rows_query,) = [q["sql"] for q in captured.captured_queries if '"schemes_scheme"."id" IN (SELECT' in q["sql"]]
    assert rows_query.count("search_text") == 2  # two words, searched in the subquery of keys only
    assert {record.commune_id for record in response.context["table"].data} == {users["commune"].jurisdiction_id}
    assert len(response.context["table"].data) == 8


def test_unit_search_returns_only_units_of_the_jurisdiction(client, users, commune, other_commune):
    url = reverse("schemes:unit_options")
    client.force_login(users["commune"])
    names = [row["text"] for row in client.get(url, {"q": commune.name[-6:]}).json()["results"]]
    assert commune.name in names
    other = client.get(url, {"q": other_commune.name}).json()["results"]
    assert other_commune.pk not in [row["id"] for row in other]
    assert client.get(url).json() == {"results": []}


def test_kind_search_matches_without_diacritics(client, users, kind):
    client.force_login(users["viewer"])
    results = client.get(reverse("schemes:kind_options"), {"q": "tieng keng"}).json()["results"]
    assert kind.name in [row["text"] for row in results]


def test_option_searches_need_a_login(client):
    for name in ("schemes:unit_options", "schemes:kind_options"):
        assert client.get(reverse(name), {"q": "a"}).status_code == 302


def test_a_large_catalogue_is_a_search_box_not_a_select(client, users, kind, monkeypatch):
    client.force_login(users["pv05"])
    html = client.get(LIST).content.decode()
    assert 'data-autocomplete="' + reverse("schemes:kind_options") not in html
    monkeypatch.setattr(filtersets, "SELECT_LIMIT", SchemeKind.objects.count() - 1)
    html = client.get(LIST, {"kind": kind.pk}).content.decode()
    assert 'data-autocomplete="' + reverse("schemes:kind_options") in html
    kind_select = html[html.index('id="id_kind"') : html.index("</select>", html.index('id="id_kind"'))]
    assert kind_select.count("<option") == 2  # "every kind" and the chosen one
    assert f'value="{kind.pk}" selected' in html
    assert "schemes/autocomplete.js" in html and "<script>" not in html


def test_a_whole_country_gets_a_unit_search_box(client, users, commune, monkeypatch):
    from tuquan.schemes.views import registry

    client.force_login(users["pv05"])
    assert 'data-autocomplete="' + reverse("schemes:unit_options") not in client.get(LIST).content.decode()
    monkeypatch.setattr(registry, "SELECT_LIMIT", 3)
    response = client.get(LIST, {"unit": commune.pk})
    html = response.content.decode()
    assert 'data-autocomplete="' + reverse("schemes:unit_options") in html
    assert f'value="{commune.pk}" selected>{commune.name}<' in html
    assert Scheme.objects.count() == 0 or response.status_code == 200


def test_api_reads_schemes_by_keyset_after_an_id(users, make_scheme):
    from rest_framework.test import APIClient

    schemes = [make_scheme(name=f"API {n:02d}") for n in range(7)]
    api = APIClient()
    api.force_authenticate(users["pv05"])
    url = reverse("api:scheme-list")
    first = api.get(url, {"after": 0, "page_size": 3}).json()
    assert [row["id"] for row in first["results"]] == [s.pk for s in schemes[:3]]
    assert first["count"] == 7 and "after=" in first["next"]
    seen = [row["id"] for row in first["results"]]
    following = first["next"]
    while following:
        page = api.get(following).json()
        seen += [row["id"] for row in page["results"]]
        following = page["next"]
    assert seen == [s.pk for s in schemes]
    assert api.get(url, {"after": "x"}).status_code == 400
    assert api.get(url, {"after": str(2**70)}).status_code == 400
    assert api.get(url, {"page": 2, "page_size": 3}).json()["count"] == 7  # page numbers still work


def test_every_column_reads_only_loaded_fields(client, users, make_scheme, other_commune):
    """The list loads ``LOADED_FIELDS`` only: a column reading another field would cost a query a row."""
    from tuquan.schemes.tables import SchemeTable, store_visible_columns

    for n in range(5):
        make_scheme(name=f"Đủ cột {n}", camera_count=n, leader_name="Nguyễn Văn A")
    client.force_login(users["pv05"])

    def count() -> tuple[int, str]:
        forget_unit_choices()
        forget_kind_total()
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST)
        assert response.status_code == 200
        return len(captured.captured_queries), response.content.decode()

    default_count, _ = count()
    session = client.session
    store_visible_columns(session, list(SchemeTable.base_columns))
    session.save()
    every_count, html = count()
    assert every_count == default_count
    assert "Nguyễn Văn A" in html and "Đủ cột 4" in html


def _unit_options(client) -> str:
    html = client.get(LIST).content.decode()
    start = html.index('id="id_unit"')
    return html[start : html.index("</select>", start)]


def test_unit_choices_are_kept_per_scope_and_forgotten_when_units_change(client, users, commune, other_commune):
    client.force_login(users["pv05"])
    with CaptureQueriesContext(connection) as first:
        province_options = _unit_options(client)
    with CaptureQueriesContext(connection) as second:
        assert _unit_options(client) == province_options
    assert len(second.captured_queries) < len(first.captured_queries)  # read once, then kept
    assert commune.name in province_options and other_commune.name in province_options

    client.force_login(users["commune"])  # another scope: its own choices, not the province's
    commune_options = _unit_options(client)
    assert commune.name in commune_options and other_commune.name not in commune_options

    commune.name = "Phường Bắc Nha Trang Mới"
    commune.save()  # a unit written in this process: forgotten at once
    assert "Phường Bắc Nha Trang Mới" in _unit_options(client)


def test_unit_choices_are_read_again_after_places_load_and_after_a_while(client, users, monkeypatch):
    from tuquan.places.models import AdminUnit
    from tuquan.places.services import places_load
    from tuquan.schemes import selectors

    client.force_login(users["pv05"])
    _unit_options(client)
    AdminUnit.objects.filter(code="22333", era="current").update(name="Tên đổi ngoài tiến trình")
    assert "Tên đổi ngoài tiến trình" not in _unit_options(client)  # another process's write: kept…
    monkeypatch.setattr(selectors.unit_choices_kept, "seconds", 0)
    assert "Tên đổi ngoài tiến trình" in _unit_options(client)  # …until it is UNIT_CHOICES_SECONDS old
    monkeypatch.undo()
    places_load(province_codes=[56])  # puts the name back, and forgets
    assert "Tên đổi ngoài tiến trình" not in _unit_options(client)


def test_the_kind_count_is_kept_and_forgotten_when_a_kind_is_written(users, kind):
    from tuquan.schemes import selectors, services

    total = SchemeKind.objects.count()
    assert selectors.kind_total() == total
    with CaptureQueriesContext(connection) as captured:
        assert selectors.kind_total() == total
    assert captured.captured_queries == []
    services.kind_create(user=users["pv05"], data={"name": "Tổ tự quản bến đò", "field": kind.field})
    assert selectors.kind_total() == total + 1


def test_a_province_gets_a_unit_select_with_the_chosen_unit_selected(client, users, commune, other_commune):
    from tuquan.places.models import AdminUnit

    AdminUnit.objects.filter(pk=other_commune.pk).update(name='Xã <b>"Hòa"</b> & Bình')
    forget_unit_choices()
    client.force_login(users["pv05"])
    html = client.get(LIST, {"unit": commune.pk}).content.decode()
    select = html[html.index('<select class="form-select form-select-sm" name="unit"') : html.index("</select>")]
    assert 'data-autocomplete="' not in select
    assert select.count('<option value="">Toàn bộ địa bàn</option>') == 1
    assert '<optgroup label="Hiện hành (từ 01/7/2025)">' in select
    assert f'<option value="{commune.pk}" selected>{commune.name}</option>' in select
    assert select.count(" selected") == 1
    assert f'<option value="{other_commune.pk}">Xã &lt;b&gt;&quot;Hòa&quot;&lt;/b&gt; &amp; Bình</option>' in select
