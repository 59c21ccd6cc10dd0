"""Ids and page numbers in links and form values are never rendered with thousand separators.

USE_THOUSAND_SEPARATOR is on (numbers read 1.234.567), so ``{{ obj.pk }}`` would print "12.345"
inside an href or a value; templates must use ``|stringformat:"d"`` there.
"""

from datetime import date

from tuquan.schemes.models import Scheme, SchemeKind


def test_scheme_page_links_use_plain_ids_above_one_thousand(client, users, commune):
    kind = SchemeKind.objects.get(name="Tiếng kẻng an ninh")
    scheme = Scheme.objects.create(
        pk=12345,
        code="KH-22333-9999",
        kind=kind,
        name="Tiếng kẻng an ninh số lớn",
        commune=commune,
        founded_on=date(2020, 1, 1),
        search_text="tieng keng an ninh so lon",
    )
    client.force_login(users["pv05"])
    page = client.get(scheme.get_absolute_url()).text
    assert "scheme=12345" in page
    assert "12.345" not in page


def test_pagination_links_use_plain_page_numbers():
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    paginator = Paginator(range(5000), 2)
    page_obj = paginator.page(1500)
    html = render_to_string(
        "core/partials/pagination.html", {"page_obj": page_obj, "request": RequestFactory().get("/")}
    )
    assert "page=1501" in html and "page=1499" in html
