"""The registry's and the catalogue's rows are template loops (ADR 0017): exactly what django-tables2 renders."""

import re

import pytest
from django.core.cache import caches
from django.urls import reverse

from tuquan.schemes.models import Scheme
from tuquan.schemes.tables import SchemeTable
from tuquan.schemes.views.registry import PAGE_SIZES

pytestmark = pytest.mark.django_db

LIST = reverse("schemes:scheme_list")


def _tbody(response) -> str:
    html = response.content.decode()
    body = html.split('data-testid="scheme-table"')[1].split("<tbody", 1)[1].split("</tbody>", 1)[0]
    body = re.sub(r"<tr[^>]*>", "<tr>", body).replace("<td >", "<td>")
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", body)).strip()


@pytest.fixture
def varied(make_scheme, other_commune):
    make_scheme(
        name='<script>alert("x")</script> Tổ "gương" & sáng',
        area="Thôn <b>Phú</b> Nhơn",
        host="cuu_chien_binh",
        leader_name="Nguyễn Văn A",
        camera_count=1234,
        focus_religion=True,
        focus_enterprise=True,
    )
    make_scheme(name="Camera an ninh khu phố", commune=other_commune, area="", leader_name="")
    # Cells written once per process (status, class, focus): several values, each on two rows.
    for n, (status, rating, year) in enumerate(
        [("eliminated", "yeu", 2024), ("merged", "tot", 2025), ("active", "tot", 2025), ("active", "kha", 2025)]
    ):
        scheme = make_scheme(name=f"Mô hình {n}", focus_ethnic=n % 2 == 0)
        Scheme.objects.filter(pk=scheme.pk).update(status=status, latest_rating=rating, latest_rating_year=year)


@pytest.mark.parametrize("query", [{}, {"sort": "-name"}, {"sort": "commune", "per_page": str(PAGE_SIZES[0])}])
def test_rows_are_the_cells_django_tables2_would_render(client, users, varied, monkeypatch, query):
    client.force_login(users["pv05"])
    every_column = list(SchemeTable._meta.sequence)
    client.post(reverse("schemes:scheme_columns"), {"columns": every_column, "next": LIST})
    ours = client.get(LIST, query)
    assert ours.context["table"].columns.names() == every_column
    monkeypatch.setattr(SchemeTable._meta, "template_name", "schemes/partials/table.html")
    caches["pages"].clear()  # rendered again with the generic template, not served from the page cache
    generic = client.get(LIST, query)
    assert "table" in generic.context
    assert _tbody(ours) == _tbody(generic)
    assert "&lt;script&gt;" in _tbody(ours) and "<script>" not in _tbody(ours)
    assert "Hội Cựu chiến binh" in _tbody(ours) and "1.234" in _tbody(ours)
    assert "Đã thanh loại" in _tbody(ours) and "Khá (2025)" in _tbody(ours) and "DTTS" in _tbody(ours)


def test_an_empty_list_says_so(client, users, varied):
    client.force_login(users["pv05"])
    response = client.get(LIST, {"q": "khong co mo hinh nao ten nay"})
    assert "Không có mô hình nào khớp điều kiện lọc." in _tbody(response)


@pytest.mark.parametrize("role", ["pv05", "viewer"])
def test_the_kind_catalogue_rows_are_the_cells_django_tables2_would_render(
    client, users, make_scheme, kind, monkeypatch, role
):
    from tuquan.schemes.models import SchemeKind
    from tuquan.schemes.tables import KindTable

    make_scheme()
    odd = SchemeKind(name='Tổ <b>"gương"</b> & sáng xóm chài', field=kind.field, is_active=False)
    odd.refresh_search_text()
    odd.save()
    client.force_login(users[role])
    url = reverse("schemes:kind_list")

    def tbody(response) -> str:
        body = response.content.decode().split("<tbody", 1)[1].split("</tbody>", 1)[0]
        body = re.sub(r"<tr[^>]*>", "<tr>", body).replace("<td >", "<td>")
        return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", body)).strip()

    for query in ({}, {"q": "xom chai"}, {"q": "tieng keng"}, {"page": "2"}):
        ours = tbody(client.get(url, query))
        monkeypatch.setattr(KindTable._meta, "template_name", "schemes/partials/table.html")
        generic = tbody(client.get(url, query))
        monkeypatch.undo()
        assert ours == generic, query
    ours = tbody(client.get(url, {"q": "xom chai"}))
    assert "Tổ &lt;b&gt;&quot;gương&quot;&lt;/b&gt; &amp; sáng xóm chài" in ours
    assert '<span class="false">Ngừng</span>' in ours
    assert ("bi-pencil" in ours) == (role == "pv05")
    assert f'?kind={kind.pk}">1</a>' in tbody(client.get(url, {"q": "tieng keng an ninh"}))
