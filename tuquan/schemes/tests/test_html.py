"""The members table written in Python (``schemes.html``) is what its template wrote (ADR 0012)."""

import re
from datetime import date

import pytest
from django.template import engines
from django.template.backends.utils import csrf_input
from django.test import RequestFactory
from django.urls import reverse

from tuquan.core.views import address_pattern
from tuquan.schemes import services
from tuquan.schemes.html import member_rows_html
from tuquan.schemes.models import Member
from tuquan.schemes.selectors import scheme_members

pytestmark = pytest.mark.django_db

# The loop of schemes/partials/members_section.html before it was written in Python, kept as the reference.
REFERENCE = """{% for member in members %}<tr{% if member.is_anonymised or member.left_on %} class="text-muted"{% endif %}>
      <td>{{ member.full_name }}</td><td>{{ member.team|default:"—" }}</td><td>{{ member.get_role_display }}</td><td>{{ member.birth_year|default:"—"|stringformat:"s" }}</td>
      {% if can_see_personal %}
      <td>{% if member.phone %}<a href="tel:{{ member.phone }}">{{ member.phone }}</a>{% else %}—{% endif %}</td><td>{{ member.national_id|default:"—" }}</td><td>{{ member.address|default:"—" }}</td>
      {% else %}
      <td class="masked">{{ member.masked_phone|default:"—" }}</td><td class="masked">{{ member.masked_national_id|default:"—" }}</td><td class="masked">{% if member.address %}***{% else %}—{% endif %}</td>
      {% endif %}
      <td>{% if member.is_anonymised %}Đã ẩn danh{% if member.left_on %}, đã rời {{ member.left_on|date:"d/m/Y" }}{% endif %}{% elif member.left_on %}Đã rời {{ member.left_on|date:"d/m/Y" }}{% else %}{{ member.joined_on|date:"d/m/Y"|default:"Đang tham gia" }}{% endif %}</td>
      {% if can_change_member %}<td class="text-end text-nowrap">
        <a class="btn btn-sm btn-link py-0" href="{{ member.update_url }}" hx-get="{{ member.update_url }}" hx-target="#members-form" aria-label="Sửa thành viên {{ member.full_name }}"><i class="bi bi-pencil"></i></a>{% if not member.is_anonymised %}
        <form class="d-inline" method="post" action="{{ member.anonymise_url }}" hx-post="{{ member.anonymise_url }}" hx-target="#members-section" hx-swap="outerHTML" hx-confirm="Ẩn danh thành viên {{ member.full_name }}? Họ tên, điện thoại, số định danh và nơi cư trú sẽ bị xóa vĩnh viễn; bản ghi vẫn được giữ để thống kê.">{% csrf_token %}<button class="btn btn-sm btn-link text-danger py-0" type="submit" aria-label="Ẩn danh {{ member.full_name }}"><i class="bi bi-eye-slash"></i></button></form>
      {% endif %}</td>{% endif %}
    </tr>{% empty %}<tr><td colspan="9" class="text-muted">Chưa có thành viên nào.</td></tr>{% endfor %}"""  # noqa: E501
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _normal(html: str) -> str:
    """Whitespace as a browser sees it, and one CSRF token (each ``{% csrf_token %}`` masks it anew)."""
    html = TOKEN.sub('name="csrfmiddlewaretoken" value="…"', str(html))
    html = re.sub(r"\s+", " ", html).strip()
    return re.sub(r"\s*(</?(?:tr|td|th|form|a|button)\b[^>]*>)\s*", r"\1", html)


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
        {"full_name": 'Lê "Văn" <b>H</b>', "birth_year": 1980, "role": "to_truong", "joined_on": date(2024, 2, 3)},
        {
            "full_name": "Trần Thị I",
            "phone": "+84905111222",
            "joined_on": date(2020, 1, 1),
            "left_on": date(2025, 12, 31),
        },
        {"full_name": "Ngô Văn K", "address": "Thôn O'Reilly", "left_on": date(2026, 5, 6)},
    ]
    for data in rows:
        services.member_create(user=users["pv05"], scheme=scheme, data=data)
    anonymised = services.member_create(user=users["pv05"], scheme=scheme, data={"full_name": "Phạm Văn L"})
    services.member_anonymise(user=users["pv05"], member=anonymised)
    left = services.member_create(
        user=users["pv05"], scheme=scheme, data={"full_name": "Vũ Thị M", "left_on": date(2026, 1, 2)}
    )
    services.member_anonymise(user=users["pv05"], member=left)
    listed = list(scheme_members(scheme=scheme))
    update, anonymise = address_pattern("schemes:member_update"), address_pattern("schemes:member_anonymise")
    for member in listed:
        member.update_url, member.anonymise_url = update.format(member.pk), anonymise.format(member.pk)
    return listed


@pytest.mark.parametrize("can_see_personal", [True, False])
@pytest.mark.parametrize("can_change", [True, False])
def test_the_rows_are_those_the_template_wrote(members, can_see_personal, can_change):
    request = RequestFactory().get("/")
    context = {"members": members, "can_see_personal": can_see_personal, "can_change_member": can_change}
    expected = engines["django"].from_string(REFERENCE).render(context, request)
    written = member_rows_html(
        members, can_see_personal=can_see_personal, can_change=can_change, csrf_input=csrf_input(request)
    )
    assert _normal(written) == _normal(expected)
    assert "&lt;b&gt;H&lt;/b&gt;" in written and "<b>" not in written


def test_no_member(db):
    request = RequestFactory().get("/")
    expected = engines["django"].from_string(REFERENCE).render({"members": []}, request)
    assert _normal(member_rows_html([], can_see_personal=True, can_change=True, csrf_input="")) == _normal(expected)


def test_the_page_lists_members_with_their_links(client, users, members):
    client.force_login(users["commune"])
    page = client.get(reverse("schemes:scheme_detail", args=[members[0].scheme_id])).text
    for member in members:
        assert reverse("schemes:member_update", args=[member.pk]) in page
    assert Member.objects.filter(is_anonymised=False).count() == page.count('hx-target="#members-section"')
