"""Stored XSS and formula injection: what an officer types into any free-text field comes back as
text — escaped in every page, plain strings (never formulas) in every .xlsx, text in the .docx."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.security.world import build_world

# Starts with "=" so that the exports must neutralise it; then markup that would run if unescaped.
PAYLOAD = "=HYPERLINK(\"http://x\")<script>alert('xss')</script><img src=x onerror=alert(1)>"
RAW_MARKUP = ("<script>alert('xss')</script>", "<img src=x onerror")
ESCAPED = "&lt;script&gt;alert("


@pytest.fixture
def world(users, khanh_hoa, commune, other_commune):
    return build_world(users, khanh_hoa, commune, other_commune, text=PAYLOAD, other_text=PAYLOAD)


def _page_urls(world) -> list[str]:
    own = world["own"]
    pages = [obj for obj in own.objects() if hasattr(obj, "get_absolute_url") and obj is not own.attachment]
    urls = [obj.get_absolute_url() for obj in pages]  # the attachment's URL is its file; its name is on the practice
    urls += [
        reverse("schemes:scheme_list"),
        reverse("schemes:scheme_list") + "?q=tu+quan",
        reverse("assessments:campaign_detail", args=[world["campaign"].pk]),
        reverse("assessments:campaign_results", args=[world["campaign"].pk]),
        reverse("reviews:review_list"),
        reverse("reviews:version_list", args=[own.review.pk]),
        reverse("practices:practice_list"),
        reverse("commendations:commendation_list"),
        reverse("targets:year", args=[2026]),
        reverse("support:overview"),
        reverse("support:scheme", args=[own.scheme.pk]),
        reverse("schemes:member_update", args=[own.member.pk]),
        reverse("schemes:team_update", args=[own.team.pk]),
        reverse("schemes:report_update", args=[own.report.pk]),
        reverse("schemes:scheme_update", args=[own.scheme.pk]),
        reverse("reviews:review_edit", args=[own.review.pk]),
        reverse("practices:practice_update", args=[own.practice.pk]),
        reverse("commendations:commendation_update", args=[own.commendation.pk]),
        reverse("accounts:audit_log"),
    ]
    return list(dict.fromkeys(urls))


@pytest.mark.django_db
def test_free_text_is_escaped_in_every_page(client, users, world):
    client.force_login(users["admin"])
    shown = 0
    for url in _page_urls(world):
        response = client.get(url)
        assert response.status_code == 200, f"{url} → {response.status_code}"
        html = response.content.decode()
        for markup in RAW_MARKUP:
            assert markup not in html, f"{url} renders the stored markup unescaped"
        shown += ESCAPED in html
    assert shown >= 15, "the payload must actually be on the pages (escaped) for this test to mean anything"


def _cells(content: bytes):
    workbook = load_workbook(io.BytesIO(content))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                yield sheet.title, cell


def _xlsx_urls(world) -> list[str]:
    campaign = world["campaign"].pk
    sheets = "sheets=schemes&sheets=teams&sheets=members&sheets=activity"
    return [
        reverse("schemes:excel_export_download") + "?" + sheets,
        reverse("schemes:excel_scheme_export", args=[world["own"].scheme.pk]),
        reverse("assessments:results_export", args=[campaign]),
        reverse("assessments:late_export", args=[campaign]),
        reverse("targets:export", args=[2026]),
        reverse("support:export"),
        reverse("commendations:proposal_xlsx") + "?status=proposed",
    ]


@pytest.mark.django_db
def test_exports_hold_the_text_as_text_never_as_a_formula(client, users, world):
    client.force_login(users["pv05"])
    payload_cells = 0
    for url in _xlsx_urls(world):
        response = client.get(url)
        assert response.status_code == 200, f"{url} → {response.status_code}"
        content = b"".join(response.streaming_content) if response.streaming else response.content
        for title, cell in _cells(content):
            assert cell.data_type != "f", f"{url} [{title}!{cell.coordinate}] is a formula: {cell.value!r}"
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@")), f"{url} [{title}!{cell.coordinate}]"
                payload_cells += "<script>" in cell.value
    assert payload_cells >= 20, "the payload must be in the exports (as text) for this test to mean anything"


def _docx_text(document) -> str:
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["review", "commendation proposals"])
def test_docx_holds_the_text_as_text(client, users, world, which):
    from docx import Document

    client.force_login(users["pv05"])
    if which == "review":
        url = reverse("reviews:review_docx", args=[world["own"].review.pk])
    else:
        url = reverse("commendations:proposal_docx") + "?status=proposed"
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("word/document.xml").decode()
        assert not any(name.startswith("word/vbaProject") for name in archive.namelist())
    assert "<script>" not in xml and "<img " not in xml
    assert "<script>alert('xss')</script>" in _docx_text(Document(io.BytesIO(content))), "shown literally as text"
    assert "fldSimple" not in xml and "instrText" not in xml, "no Word field (HYPERLINK/DDE) made from the text"
