"""The members section of a scheme's page: 50 a page, escaped, personal data masked for roles without the right."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tuquan.schemes import services
from tuquan.schemes.models import Member
from tuquan.schemes.views.sections import MEMBERS_PER_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(scheme, users):
    team = services.team_create(user=users["pv05"], scheme=scheme, data={"name": "Tổ <1> & “Bắc”"})
    rows = [
        {
            "full_name": "Hoàng Thị G",
            "phone": "0905123456",
            "national_id": "056190009876",
            "address": "Tổ 7",
            "team": team,
        },
        {"full_name": '<script>alert("x")</script> Lê Văn H', "birth_year": 1980, "joined_on": date(2024, 2, 3)},
        {"full_name": "Trần Thị I", "joined_on": date(2020, 1, 1), "left_on": date(2025, 12, 31)},
    ]
    listed = [services.member_create(user=users["pv05"], scheme=scheme, data=data) for data in rows]
    anonymised = services.member_create(user=users["pv05"], scheme=scheme, data={"full_name": "Phạm Văn L"})
    services.member_anonymise(user=users["pv05"], member=anonymised)
    return [*listed, anonymised]


def _section(response) -> str:
    html = response.content.decode()
    start = html.index('<div id="members-section">')
    return html[start : html.index("</table>", start)]


def _many(scheme, count: int) -> None:
    """``count`` more members, written directly (the services' audit is not what these tests are about)."""
    Member.objects.bulk_create(Member(scheme=scheme, full_name=f"Thành viên {n:03d}") for n in range(count))


def _names(html: str) -> list[str]:
    """The names in the members table's first column, in order."""
    return re.findall(r"<td>(Thành viên \d{3})</td>", html)


def test_a_member_name_with_a_script_is_shown_as_text(client, users, members):
    client.force_login(users["commune"])
    section = _section(client.get(members[0].scheme.get_absolute_url()))
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Lê Văn H" in section
    assert "<script>" not in section
    assert "Tổ &lt;1&gt; &amp; “Bắc”" in section
    assert 'aria-label="Ẩn danh &lt;script&gt;' in section  # in attributes too


def test_a_role_with_the_right_reads_personal_data(client, users, members):
    client.force_login(users["commune"])
    section = _section(client.get(members[0].scheme.get_absolute_url()))
    assert '<a href="tel:0905123456">0905123456</a>' in section
    assert "056190009876" in section and "Tổ 7" in section
    assert 'class="masked"' not in section


def test_a_viewer_sees_personal_data_masked(client, users, members):
    client.force_login(users["viewer"])
    page = client.get(members[0].scheme.get_absolute_url())
    section = _section(page)
    assert "0905123456" not in section and "056190009876" not in section and "Tổ 7" not in section
    assert "090****456" in section and "********9876" in section and '<td class="masked">***</td>' in section
    assert "được che theo Nghị định 13/2023/NĐ-CP" in page.content.decode()
    assert "bi-pencil" not in section and "csrfmiddlewaretoken" not in section  # no edit or anonymise for a viewer


def test_left_and_anonymised_members_are_greyed_and_say_so(client, users, members):
    client.force_login(users["commune"])
    section = _section(client.get(members[0].scheme.get_absolute_url()))
    assert "Đã rời 31/12/2025" in section and "Đã ẩn danh" in section and "03/02/2024" in section
    assert section.count('<tr class="text-muted">') == 2
    # Every member still named can be anonymised, with its own link; the anonymised one only edited.
    assert section.count('hx-target="#members-section"') == 3
    for member in members:
        assert reverse("schemes:member_update", args=[member.pk]) in section


def test_no_member_says_so(client, users, scheme):
    client.force_login(users["commune"])
    assert "Chưa có thành viên nào." in _section(client.get(scheme.get_absolute_url()))


def test_members_are_shown_fifty_a_page_with_their_count(client, users, scheme):
    _many(scheme, 2 * MEMBERS_PER_PAGE + 7)
    client.force_login(users["commune"])
    first = client.get(scheme.get_absolute_url()).content.decode()
    assert _names(first) == [f"Thành viên {n:03d}" for n in range(MEMBERS_PER_PAGE)]
    assert 'data-testid="member-count">107<' in first
    assert "Trang 1/3" in first and "Thành viên 1–50 / 107" in first
    second = client.get(scheme.get_absolute_url(), {"members_page": 2}).content.decode()
    assert "Trang 2/3" in second and "Thành viên 51–100 / 107" in second
    assert _names(second) == [f"Thành viên {n:03d}" for n in range(MEMBERS_PER_PAGE, 2 * MEMBERS_PER_PAGE)]
    assert 'rel="prev"' in second and 'rel="next"' in second
    last = client.get(scheme.get_absolute_url(), {"members_page": 99}).content.decode()  # past the end: the last
    assert "Trang 3/3" in last and _names(last) == [f"Thành viên {n:03d}" for n in range(100, 107)]


def test_a_page_link_swaps_only_the_members_section(client, users, scheme):
    _many(scheme, MEMBERS_PER_PAGE + 1)
    client.force_login(users["commune"])
    page = client.get(scheme.get_absolute_url()).content.decode()
    link = f"{scheme.get_absolute_url()}?members_page=2"
    assert f'hx-get="{link}" hx-target="#members-section" hx-swap="outerHTML" hx-push-url="true"' in page
    fragment = client.get(link, headers={"HX-Request": "true", "HX-Target": "members-section"}).content.decode()
    assert fragment.startswith('<div id="members-section">') and "<html" not in fragment
    assert "Thành viên 050" in fragment and "Trang 2/2" in fragment


def test_anonymising_on_page_two_brings_back_page_two(client, users, scheme):
    _many(scheme, MEMBERS_PER_PAGE + 1)
    client.force_login(users["commune"])
    last = Member.objects.get(full_name="Thành viên 050")
    page = client.get(scheme.get_absolute_url(), {"members_page": 2}).content.decode()
    anonymise = reverse("schemes:member_anonymise", args=[last.pk]) + "?members_page=2"
    assert f'hx-post="{anonymise}"' in page
    edit = reverse("schemes:member_update", args=[last.pk]) + "?members_page=2"
    assert f'hx-get="{edit}"' in page
    response = client.post(anonymise, headers={"HX-Request": "true"})
    assert "Trang 2/2" in response.content.decode() and "Đã ẩn danh" in response.content.decode()
    # The edit form posts back to its own address, page included; without HTMX it returns to that page.
    form = client.get(edit, headers={"HX-Request": "true"}).content.decode()
    assert f'action="{edit}"' in form
    response = client.post(edit, {"role": last.role, "full_name": "x"})
    assert response.status_code == 302 and response.url.endswith("?members_page=2#members")


@pytest.mark.parametrize("role", ["commune", "viewer"])
def test_the_page_reads_members_in_a_fixed_number_of_queries(
    client, users, scheme, django_assert_max_num_queries, role
):
    client.force_login(users[role])
    _many(scheme, 3)
    with django_assert_max_num_queries(100) as few:
        client.get(scheme.get_absolute_url())
    _many(scheme, 3 * MEMBERS_PER_PAGE)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(scheme.get_absolute_url(), {"members_page": 2})
    assert len(_names(response.content.decode())) == MEMBERS_PER_PAGE
