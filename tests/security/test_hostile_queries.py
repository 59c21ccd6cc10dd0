"""SQL metacharacters, NUL bytes, very long and NFD strings in search ``q`` and in every filter
parameter of the list pages and the API lists: answered 200 or 4xx, never 500."""

import re
import unicodedata

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from tests.security.world import build_world
from tests.test_permission_matrix import API_OPERATIONS, API_SCHEMA, PATTERNS, _required, _sample_url, _view_class

NASTY = [
    "' OR '1'='1' --",
    '"; DROP TABLE schemes_scheme; --',
    "%",
    "_%_",
    "\\",
    "\x00",
    "tổ\x00dân phố",
    "x" * 5000,
    unicodedata.normalize("NFD", "Khánh Hòa Đồng Đế"),
    "🙂🙂",
    "-1",
    "99999999999999999999999",
    "1e309",
    "31/02/2025",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "[]",
    "a\r\nb",
]
# Every filter parameter gets these; the search box (q, search) gets all of NASTY.
NASTY_SHORT = ["' OR '1'='1' --", "\x00", "x" * 5000, unicodedata.normalize("NFD", "Khánh Hòa"), "-1", "1e309"]
SEARCH_PARAMS = {"q", "search"}
PARAM = re.compile(r'name="([A-Za-z_][\w-]*)"')
GET_FORM = re.compile(r'<form\b[^>]*method="get"[^>]*>(.*?)</form>', re.IGNORECASE | re.DOTALL)
SKIP_PARAMS = {"csrfmiddlewaretoken", "next", "action"}
SCHEME_LIST = reverse("schemes:scheme_list")


@pytest.fixture
def world(users, khanh_hoa, commune, other_commune):
    return build_world(users, khanh_hoa, commune, other_commune, text="Vĩnh Hòa", other_text="Đồng Đế")


def _list_pages(client, user) -> list[tuple[str, list[str]]]:
    """Every page without a path parameter that ``user`` may open, with the parameter names of its forms."""
    pages = []
    for namespace, pattern, _route in PATTERNS:
        view = _view_class(pattern)
        if pattern.pattern.converters or getattr(view, "public", False):
            continue
        if not all(user.has_perm(permission) for permission in _required(view)):
            continue
        url = _sample_url(namespace, pattern)
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        forms = GET_FORM.findall(response.content.decode())
        if forms:  # a list page: its filter form's fields, and the usual search, page and sort
            names = {"q", "page", "sort"} | {name for form in forms for name in PARAM.findall(form)}
        else:  # an entry form: it reads nothing from the query string but is tried anyway
            names = {"q"}
        pages.append((url, sorted(names - SKIP_PARAMS)))
    return pages


def _api_lists() -> list[tuple[str, list[str]]]:
    lists = []
    for path, method in API_OPERATIONS:
        if method != "get" or "{" in path:
            continue
        parameters = API_SCHEMA["paths"][path]["get"].get("parameters", [])
        names = {p["name"] for p in parameters if p.get("in") == "query"} | {"search", "page", "page_size", "ordering"}
        lists.append((path, sorted(names)))
    return lists


def _queries(names: list[str]):
    """Each nasty value in every parameter at once, then each parameter alone with the short list."""
    if len(names) > 1:
        for value in NASTY:
            yield dict.fromkeys(names, value)
    for name in names:
        for value in NASTY if name in SEARCH_PARAMS else NASTY_SHORT:
            yield {name: value}


@pytest.mark.django_db
def test_nasty_values_in_every_filter_of_every_list_page_are_never_a_500(client, users, world):
    client.force_login(users["pv05"])
    client.raise_request_exception = False  # collect every 500, not only the first
    pages = _list_pages(client, users["pv05"])
    assert len(pages) >= 12
    failures = []
    for url, names in pages:
        for query in _queries(names):
            response = client.get(url, query)
            if response.status_code >= 500:
                failures.append(f"{url}?{str(query)[:80]} → {response.status_code}")
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_nasty_values_in_every_api_list_parameter_are_a_200_or_a_400(users, world):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(users["pv05"])
    lists = _api_lists()
    assert len(lists) >= 8
    failures = []
    for path, names in lists:
        for query in _queries(names):
            response = client.get(path, query)
            if response.status_code >= 500 or response.status_code not in {200, 400, 404}:
                failures.append(f"{path}?{str(query)[:80]} → {response.status_code}")
            elif response.status_code != 200:
                assert response.json()["detail"], path
    assert not failures, "\n".join(failures)


# Text a user could paste: any code point (NUL and controls included), combining marks, long.
hostile_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from("'\"%_\\;\x00\u0300\u0323"),
    max_size=400,
)


@pytest.mark.django_db
def test_random_text_in_search_and_filters_is_never_a_500(client, users, world):
    client.force_login(users["commune"])
    pages = _list_pages(client, users["commune"])
    api = APIClient()
    api.force_authenticate(users["commune"])
    targets = [("page", url, name) for url, names in pages for name in names]
    targets += [("api", path, name) for path, names in _api_lists() for name in names]

    @settings(max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(target=st.sampled_from(targets), value=hostile_text)
    def check(target, value):
        kind, url, name = target
        response = (client if kind == "page" else api).get(url, {name: value})
        assert response.status_code < 500, f"{url}?{name}={value!r} → {response.status_code}"

    check()


@pytest.mark.django_db
def test_scheme_list_with_a_strange_page_size_shows_the_default_size(client, users, world):
    client.force_login(users["pv05"])
    client.raise_request_exception = False
    for extra in ({}, {"sort": "name"}):  # keyset pages and numbered pages
        for value in ("-1", "0", "1000000", "abc"):
            response = client.get(SCHEME_LIST, {"per_page": value, **extra})
            assert response.status_code == 200, (value, extra)
            assert response.context["per_page"] == 50


@pytest.mark.django_db
def test_a_nul_character_in_a_query_is_a_clear_400(client, users):
    """PostgreSQL cannot hold NUL in text: ?q=%00 was a 500 on /don-vi/, the kinds and every API search."""
    client.force_login(users["pv05"])
    page = client.get(reverse("places:unit_list"), {"q": "Khánh\x00Hòa"})
    assert page.status_code == 400
    assert "ký tự không hợp lệ" in page.content.decode()
    api = APIClient()
    api.force_authenticate(users["pv05"])
    response = api.get("/api/v1/schemes/", {"search": "\x00"})
    assert response.status_code == 400
    assert "ký tự không hợp lệ" in response.json()["detail"]


@pytest.mark.django_db
def test_search_folds_nfd_input_like_nfc(client, users, world):
    """NFD text (as some keyboards and macOS send it) finds the same rows as NFC."""
    client.force_login(users["pv05"])
    url = reverse("schemes:scheme_list")
    nfc = client.get(url, {"q": unicodedata.normalize("NFC", "Vĩnh Hòa")}).content.decode()
    nfd = client.get(url, {"q": unicodedata.normalize("NFD", "Vĩnh Hòa")}).content.decode()
    name = world["own"].scheme.name
    assert name in nfc and name in nfd
    assert world["other"].scheme.name not in nfd
