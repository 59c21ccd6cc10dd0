"""Registry pages: scoping on every view, masking, HTMX partials, forms, query counts."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tuquan.accounts.testing import ScopedViewChecks
from tuquan.schemes import services
from tuquan.schemes.models import ActivityReport, Member, Scheme, SchemeKind, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoped_objects(scheme, other_scheme):
    return scheme, other_scheme


class TestSchemeReadViews(ScopedViewChecks):
    permitted_role = "commune"
    forbidden_role = None  # every role reads the registry of its jurisdiction

    def object_urls(self, obj):
        return [(reverse("schemes:scheme_detail", args=[obj.pk]), "get")]

    def list_urls(self):
        return [(reverse("schemes:scheme_list"), "get"), (reverse("schemes:scheme_columns"), "post")]


class TestSchemeEditViews(ScopedViewChecks):
    permitted_role = "commune"
    forbidden_role = "viewer"

    def object_urls(self, obj):
        return [
            (reverse("schemes:scheme_update", args=[obj.pk]), "get"),
            (reverse("schemes:scheme_update", args=[obj.pk]), "post"),
            (reverse("schemes:scheme_void", args=[obj.pk]), "get"),
            (reverse("schemes:scheme_void", args=[obj.pk]), "post"),
            (reverse("schemes:scheme_merge", args=[obj.pk]), "get"),
            (reverse("schemes:scheme_merge", args=[obj.pk]), "post"),
            (reverse("schemes:team_create", args=[obj.pk]), "get"),
            (reverse("schemes:team_create", args=[obj.pk]), "post"),
            (reverse("schemes:member_create", args=[obj.pk]), "get"),
            (reverse("schemes:member_create", args=[obj.pk]), "post"),
            (reverse("schemes:report_create", args=[obj.pk]), "get"),
            (reverse("schemes:report_create", args=[obj.pk]), "post"),
        ]

    def list_urls(self):
        return [(reverse("schemes:scheme_create"), "get"), (reverse("schemes:scheme_create"), "post")]


class TestInlineEditViews(ScopedViewChecks):
    permitted_role = "commune"
    forbidden_role = "viewer"

    @pytest.fixture
    def scoped_objects(self, scheme, other_scheme, users):
        def parts(s):
            team = services.team_create(user=users["pv05"], scheme=s, data={"name": "Tổ 1"})
            member = services.member_create(
                user=users["pv05"], scheme=s, data={"full_name": "Phạm Văn E", "team": team}
            )
            report = services.activity_report_create(
                user=users["pv05"], scheme=s, data={"period_start": date(2025, 1, 1), "period_end": date(2025, 3, 31)}
            )
            return team, member, report

        return parts(scheme), parts(other_scheme)

    def object_urls(self, obj):
        team, member, report = obj
        return [
            (reverse("schemes:team_update", args=[team.pk]), "get"),
            (reverse("schemes:team_update", args=[team.pk]), "post"),
            (reverse("schemes:member_update", args=[member.pk]), "get"),
            (reverse("schemes:member_update", args=[member.pk]), "post"),
            (reverse("schemes:member_anonymise", args=[member.pk]), "post"),
            (reverse("schemes:report_update", args=[report.pk]), "get"),
            (reverse("schemes:report_update", args=[report.pk]), "post"),
        ]


class TestKindViews(ScopedViewChecks):
    permitted_role = "pv05"
    forbidden_role = "commune"

    @pytest.fixture
    def scoped_objects(self, kind):
        return kind, SchemeKind(pk=999999, name="Không có")  # the catalogue is province-wide: unknown → 404

    def object_urls(self, obj):
        return [
            (reverse("schemes:kind_update", args=[obj.pk]), "get"),
            (reverse("schemes:kind_update", args=[obj.pk]), "post"),
        ]

    def list_urls(self):
        return [(reverse("schemes:kind_create"), "get"), (reverse("schemes:kind_create"), "post")]


def test_everyone_with_view_permission_reads_the_catalogue(client, users):
    for role in ("viewer", "commune", "pv05"):
        client.force_login(users[role])
        response = client.get(reverse("schemes:kind_list"), {"q": "tieng keng"})
        assert response.status_code == 200
        assert "Tiếng kẻng an ninh" in response.text and "Camera an ninh" not in response.text


# --------------------------------------------------------------------------- list


def test_commune_officer_does_not_see_other_commune_schemes_in_list(client, users, scheme, other_scheme):
    client.force_login(users["commune"])
    response = client.get(reverse("schemes:scheme_list"))
    assert scheme.name in response.text
    assert other_scheme.name not in response.text


def test_list_search_without_diacritics_via_htmx_returns_the_partial(client, users, scheme, make_scheme):
    make_scheme(name="Camera an ninh khu phố 2", kind=SchemeKind.objects.get(name="Camera an ninh"))
    client.force_login(users["commune"])
    response = client.get(reverse("schemes:scheme_list"), {"q": "tieng keng"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text and 'id="scheme-results"' in response.text
    assert scheme.name in response.text and "Camera an ninh khu phố 2" not in response.text


def test_list_sorts_names_in_vietnamese_order(client, users, make_scheme):
    for name in ("Đội tuần tra", "Dân phòng", "Ấp an ninh", "Ăn ở sạch", "An toàn"):
        make_scheme(name=name)
    client.force_login(users["pv05"])
    response = client.get(reverse("schemes:scheme_list"), {"sort": "name"})  # the default order is by code
    order = [m for m in re.findall(r">([^<>]+)</a></td>", response.text)]
    shown = [name for name in order if name in {"Đội tuần tra", "Dân phòng", "Ấp an ninh", "Ăn ở sạch", "An toàn"}]
    assert shown == ["An toàn", "Ăn ở sạch", "Ấp an ninh", "Dân phòng", "Đội tuần tra"]


def test_bad_filter_input_is_not_an_error(client, users, scheme):
    client.force_login(users["pv05"])
    response = client.get(reverse("schemes:scheme_list"), {"unit": "abc", "founded_year": "xx", "per_page": "7"})
    assert response.status_code == 200


def _count_queries(client, url):
    from tuquan.schemes.selectors import forget_kind_total, forget_unit_choices

    forget_unit_choices()  # the worst case: the unit filter and kind count read too (kept in memory afterwards)
    forget_kind_total()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def test_list_query_count_is_constant_whatever_the_page_size(client, users, make_scheme, django_assert_max_num_queries):
    for i in range(10):
        scheme = make_scheme(name=f"Mô hình {i:02d}")
        services.team_create(user=users["pv05"], scheme=scheme, data={"name": "Tổ 1"})
    client.force_login(users["pv05"])
    session = client.session
    session["schemes.table.columns"] = [
        name for name, _ in __import__("tuquan.schemes.tables").schemes.tables.SchemeTable.column_choices()
    ]
    session.save()
    url = reverse("schemes:scheme_list") + "?per_page=100"
    small, _ = _count_queries(client, url)
    for i in range(10, 60):
        scheme = make_scheme(name=f"Mô hình {i:02d}")
        services.member_create(user=users["pv05"], scheme=scheme, data={"full_name": "Ngô F"})
    large, response = _count_queries(client, url)
    assert response.text.count('href="/mo-hinh/') >= 60
    assert large == small
    with django_assert_max_num_queries(small):
        client.get(url)


def test_column_choice_is_remembered_in_the_session(client, users, scheme):
    client.force_login(users["pv05"])
    response = client.post(
        reverse("schemes:scheme_columns"), {"columns": ["code", "leader_name"], "next": "/mo-hinh/?q=x"}
    )
    assert response.status_code == 302 and response["Location"] == "/mo-hinh/?q=x"
    page = client.get(reverse("schemes:scheme_list")).text
    assert "Người phụ trách" in page.split('data-testid="scheme-table"')[1]
    assert "Loại mô hình</a>" not in page
    evil = client.post(reverse("schemes:scheme_columns"), {"columns": ["name"], "next": "https://evil.example/"})
    assert evil["Location"] == reverse("schemes:scheme_list")


# --------------------------------------------------------------------------- detail and members


@pytest.fixture
def member(scheme, users):
    return services.member_create(
        user=users["pv05"],
        scheme=scheme,
        data={"full_name": "Hoàng Thị G", "phone": "0905123456", "national_id": "056190009876", "address": "Tổ 7"},
    )


def test_detail_query_count_does_not_grow_with_members_and_reports(client, users, scheme, make_scheme):
    """The scheme page (issue 8, case 4): its queries are as many for 30 members and 12 reports as for 1."""
    team = services.team_create(user=users["pv05"], scheme=scheme, data={"name": "Tổ 1"})
    services.member_create(user=users["pv05"], scheme=scheme, data={"full_name": "Ngô F", "team": team})
    client.force_login(users["commune"])
    url = reverse("schemes:scheme_detail", args=[scheme.pk])
    few, _ = _count_queries(client, url)
    for n in range(30):
        services.member_create(user=users["pv05"], scheme=scheme, data={"full_name": f"Thành viên {n}", "team": team})
    for month in range(1, 13):
        services.activity_report_create(
            user=users["pv05"],
            scheme=scheme,
            data={"period_start": date(2025, month, 1), "period_end": date(2025, month, 28), "patrols": month},
        )
    many, response = _count_queries(client, url)
    assert response.text.count("Thành viên ") >= 30
    assert many == few
    # The scheme it was replicated from (and the one it was merged into) is read only when there is one:
    # one query for it and its commune; the family tree of a replicated scheme asks three more.
    replica = make_scheme(name="Tiếng kẻng nhân rộng", replicated_from=scheme, founded_on=date(2025, 2, 1))
    # A member too, as the first page had: a page of no members is not read (the count says it is empty).
    services.member_create(user=users["pv05"], scheme=replica, data={"full_name": "Ngô G"})
    with_source, response = _count_queries(client, reverse("schemes:scheme_detail", args=[replica.pk]))
    assert f'Từ <a href="{scheme.get_absolute_url()}">{scheme.name}</a>' in response.text
    assert with_source == few + 1 + 3


def test_viewer_sees_member_personal_data_masked(client, users, member):
    client.force_login(users["viewer"])
    page = client.get(reverse("schemes:scheme_detail", args=[member.scheme_id])).text
    assert "Hoàng Thị G" in page
    assert "0905123456" not in page and "056190009876" not in page and "Tổ 7" not in page
    assert "090****456" in page and "********9876" in page


def test_commune_officer_sees_member_personal_data(client, users, member):
    client.force_login(users["commune"])
    page = client.get(reverse("schemes:scheme_detail", args=[member.scheme_id])).text
    assert "0905123456" in page and "056190009876" in page


def test_detail_shows_latest_rating_and_replicas(client, users, scheme, make_scheme):
    Scheme.objects.filter(pk=scheme.pk).update(latest_rating="kha", latest_rating_year=2025)
    replica = make_scheme(name="Tiếng kẻng nhân rộng", replicated_from=scheme, founded_on=date(2025, 2, 1))
    client.force_login(users["pv05"])
    page = client.get(reverse("schemes:scheme_detail", args=[scheme.pk])).text
    assert "Khá" in page and "2025" in page
    assert replica.name in page


# --------------------------------------------------------------------------- forms


def _scheme_post(kind, commune, **extra):
    data = {
        "kind": kind.pk,
        "name": "Tổ tự quản an ninh khu phố 4",
        "commune": commune.pk,
        "founded_on": "2024-05-20",
        "host": "cong_an",
        "camera_count": "0",
    }
    data.update(extra)
    return data


def test_commune_officer_registers_a_scheme(client, users, kind, commune):
    client.force_login(users["commune"])
    response = client.post(reverse("schemes:scheme_create"), _scheme_post(kind, commune, co_hosts=["mttq"]))
    scheme = Scheme.objects.get(name="Tổ tự quản an ninh khu phố 4")
    assert response.status_code == 302 and response["Location"] == scheme.get_absolute_url()
    assert scheme.code.startswith("KH-22333-") and scheme.co_hosts == ["mttq"]


def test_form_shows_service_errors_next_to_fields(client, users, kind, commune, other_commune):
    client.force_login(users["commune"])
    response = client.post(
        reverse("schemes:scheme_create"),
        _scheme_post(kind, commune, leader_phone="123", founding_decision_date="2024-06-01", founded_on="20/05/2024"),
    )
    assert response.status_code == 200
    assert 'data-field-error="leader_phone"' in response.text
    assert "Ngày quyết định thành lập không được sau ngày thành lập." in response.text
    assert not Scheme.objects.exists()
    response = client.post(reverse("schemes:scheme_create"), _scheme_post(kind, other_commune))
    assert 'data-field-error="commune"' in response.text  # not among the officer's communes


def _field_html(html: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)


def test_scheme_form_takes_and_shows_dates_as_dd_mm_yyyy(client, users, kind, commune):
    client.force_login(users["commune"])
    box = _field_html(client.get(reverse("schemes:scheme_create")).text, "founded_on")
    assert 'type="text"' in box and 'placeholder="dd/mm/yyyy"' in box and "data-datepicker" in box
    data = _scheme_post(
        kind, commune, founded_on="03/04/2024", founding_decision_number="12/QĐ-UBND", founding_decision_date="1/4/2024"
    )
    response = client.post(reverse("schemes:scheme_create"), data)
    assert response.status_code == 302
    scheme = Scheme.objects.get(name=data["name"])
    assert (scheme.founded_on, scheme.founding_decision_date) == (date(2024, 4, 3), date(2024, 4, 1))  # 3 April

    page = client.get(reverse("schemes:scheme_update", args=[scheme.pk])).text
    assert 'value="03/04/2024"' in _field_html(page, "founded_on")
    assert 'value="01/04/2024"' in _field_html(page, "founding_decision_date")
    response = client.post(
        reverse("schemes:scheme_update", args=[scheme.pk]),
        _scheme_post(kind, commune, version="1", founded_on="31/02/2024", name="Tên mới"),
    )
    assert response.status_code == 200
    error = re.search(r'data-field-error="founded_on">([^<]*)<', response.text).group(1)
    assert error == "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/11/2026."
    assert 'value="31/02/2024"' in _field_html(response.text, "founded_on")  # what was typed stays
    assert Scheme.objects.get(pk=scheme.pk).name == data["name"]


def test_edit_with_a_stale_version_tells_the_user(client, users, scheme, kind, commune):
    client.force_login(users["commune"])
    url = reverse("schemes:scheme_update", args=[scheme.pk])
    assert 'name="version" value="1"' in client.get(url).text
    services.scheme_update(user=users["pv05"], scheme=scheme, data={"area": "Tổ 2"})
    response = client.post(url, _scheme_post(kind, commune, version="1", name="Tên mới"))
    assert response.status_code == 200
    assert "người khác sửa" in response.text
    assert Scheme.objects.get(pk=scheme.pk).name != "Tên mới"
    response = client.post(url, _scheme_post(kind, commune, version="2", name="Tên mới"))
    assert response.status_code == 302 and Scheme.objects.get(pk=scheme.pk).version == 3


def test_other_commune_officer_cannot_post_changes(client, users, scheme, kind, commune):
    client.force_login(users["other_commune"])
    url = reverse("schemes:scheme_update", args=[scheme.pk])
    assert client.post(url, _scheme_post(kind, commune, version="1", name="X")).status_code == 404
    assert Scheme.objects.get(pk=scheme.pk).name == scheme.name


def test_void_and_merge_pages(client, users, make_scheme):
    source, target, mistaken = make_scheme(name="A"), make_scheme(name="B"), make_scheme(name="C")
    client.force_login(users["commune"])
    response = client.post(reverse("schemes:scheme_void", args=[mistaken.pk]), {"reason": ""})
    assert response.status_code == 200 and Scheme.objects.get(pk=mistaken.pk).status == "active"
    client.post(reverse("schemes:scheme_void", args=[mistaken.pk]), {"reason": "Nhập trùng"})
    assert Scheme.objects.get(pk=mistaken.pk).status == "voided"
    response = client.post(
        reverse("schemes:scheme_merge", args=[source.pk]), {"into": target.pk, "merged_on": "2025-02-01", "note": ""}
    )
    assert response.status_code == 302
    assert Scheme.objects.get(pk=source.pk).merged_into_id == target.pk


# --------------------------------------------------------------------------- inline HTMX editing


def test_inline_team_add_returns_the_refreshed_section(client, users, scheme):
    client.force_login(users["commune"])
    url = reverse("schemes:team_create", args=[scheme.pk])
    form = client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in form.text and 'hx-post="' in form.text
    response = client.post(url, {"name": "Tổ an ninh số 1", "is_active": "on"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'id="teams-section"' in response.text
    assert "Tổ an ninh số 1" in response.text
    assert Team.objects.filter(scheme=scheme, name="Tổ an ninh số 1").exists()


def test_inline_form_errors_are_retargeted_to_the_form_slot(client, users, scheme):
    client.force_login(users["commune"])
    url = reverse("schemes:member_create", args=[scheme.pk])
    response = client.post(
        url, {"full_name": "Vũ H", "role": "thanh_vien", "phone": "12"}, headers={"HX-Request": "true"}
    )
    assert response["HX-Retarget"] == "#members-form"
    assert 'data-field-error="phone"' in response.text
    assert not Member.objects.exists()


def test_inline_views_work_without_javascript(client, users, scheme):
    client.force_login(users["commune"])
    response = client.post(
        reverse("schemes:report_create", args=[scheme.pk]),
        {"period_start": "2025-01-01", "period_end": "2025-06-30", "patrols": "24", "meetings": "6"},
    )
    assert response.status_code == 302, re.findall(r"data-field-error=\"(\w+)\">([^<]+)", response.text)
    assert response["Location"].endswith("#reports")
    assert ActivityReport.objects.get(scheme=scheme).patrols == 24


def test_anonymise_member_from_the_page(client, users, member):
    client.force_login(users["commune"])
    response = client.post(reverse("schemes:member_anonymise", args=[member.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Đã ẩn danh" in response.text
    stored = Member.objects.get(pk=member.pk)
    assert stored.is_anonymised and stored.national_id == ""


def test_pv05_adds_a_kind_in_the_ui(client, users):
    client.force_login(users["pv05"])
    response = client.post(
        reverse("schemes:kind_create"), {"name": "Loa an ninh", "field": "nong_thon", "is_active": "on"}
    )
    assert response.status_code == 302
    assert SchemeKind.objects.get(name="Loa an ninh").search_text.startswith("loa an ninh")
    response = client.post(reverse("schemes:kind_create"), {"name": "Camera an ninh", "field": "do_thi"})
    assert "Đã có loại mô hình trùng tên." in response.text


def test_replica_of_another_communes_scheme_stays_editable(client, users, other_scheme, make_scheme, kind, commune):
    replica = make_scheme(name="Nhân rộng từ xã khác", replicated_from=other_scheme, founded_on=date(2025, 1, 1))
    client.force_login(users["commune"])
    url = reverse("schemes:scheme_update", args=[replica.pk])
    data = _scheme_post(kind, commune, version="1", name="Tên đã sửa", replicated_from=str(other_scheme.pk))
    data["founded_on"] = "2025-01-01"
    response = client.post(url, data)
    assert response.status_code == 302, response.text
    assert Scheme.objects.get(pk=replica.pk).replicated_from_id == other_scheme.pk


def test_scheme_leader_opens_and_edits_only_their_scheme(client, scheme, other_scheme, kind):
    from tuquan.accounts.testing import make_user

    leader = make_user("truong.mo.hinh", "leader", scheme=scheme)
    client.force_login(leader)
    assert client.get(reverse("schemes:scheme_detail", args=[scheme.pk])).status_code == 200
    assert client.get(reverse("schemes:scheme_detail", args=[other_scheme.pk])).status_code == 404
    listing = client.get(reverse("schemes:scheme_list")).text
    assert scheme.name in listing and other_scheme.name not in listing
    url = reverse("schemes:scheme_update", args=[scheme.pk])
    assert client.get(url).status_code == 200
    data = _scheme_post(kind, scheme.commune, version="1", leader_name="Đinh Văn K", founded_on="2024-03-15")
    data["name"] = scheme.name
    assert client.post(url, data).status_code == 302
    assert Scheme.objects.get(pk=scheme.pk).leader_name == "Đinh Văn K"
    assert client.get(reverse("schemes:scheme_update", args=[other_scheme.pk])).status_code == 404


def test_long_choices_of_the_scheme_form_become_scoped_search_boxes(
    client, users, kind, commune, scheme, other_scheme, monkeypatch
):
    from tuquan.core import search_choices

    monkeypatch.setattr(search_choices, "SELECT_LIMIT", 0)  # every non-empty choice counts as "long"
    client.force_login(users["pv05"])
    page = client.get(reverse("schemes:scheme_update", args=[scheme.pk])).text
    options = reverse("core:choice_options")
    for name in ("kind", "commune", "replicated_from"):
        assert f'data-autocomplete="{options}?form=schemes.scheme&amp;field={name}"' in page, name
    assert f'<option value="{commune.pk}" selected>' in page  # the current value stays chosen
    assert other_scheme.name not in page  # not every scheme rendered as an option

    ask = {"form": "schemes.scheme", "q": "camera an ninh"}
    found = client.get(options, {**ask, "field": "replicated_from"}).json()["results"]
    assert [row["id"] for row in found] == [other_scheme.pk]
    assert other_scheme.code in found[0]["text"]
    client.force_login(users["commune"])  # another commune's scheme is not offered to a commune officer
    assert client.get(options, {**ask, "field": "replicated_from"}).json()["results"] == []
    communes = client.get(options, {**ask, "field": "commune", "q": other_scheme.commune.name}).json()["results"]
    assert other_scheme.commune_id not in [row["id"] for row in communes]
    assert client.get(options, {**ask, "field": "version", "q": "1"}).json()["results"] == []

    # Posting a choice made in the search box validates against the whole (scoped) queryset.
    response = client.post(reverse("schemes:scheme_create"), _scheme_post(kind, commune, name="Tổ mới qua ô tìm"))
    assert response.status_code == 302

    client.force_login(users["viewer"])  # may not register schemes: may not search the form's choices
    assert client.get(options, {**ask, "field": "replicated_from"}).status_code == 403
    client.logout()
    assert client.get(options, {**ask, "field": "replicated_from"}).status_code == 302  # to the login


def test_the_catalogue_counts_the_schemes_each_user_sees(client, users, scheme, other_scheme, make_scheme):
    """The counts are scoped, one query for the page, and link to the registry filtered by kind."""
    make_scheme(name="Tiếng kẻng thứ hai", kind=scheme.kind)
    make_scheme(name="Tiếng kẻng xã khác", kind=scheme.kind, commune=other_scheme.commune)

    def count_of(role) -> str:
        client.force_login(users[role])
        html = client.get(reverse("schemes:kind_list"), {"q": "tieng keng"}).text
        link = f'{reverse("schemes:scheme_list")}?kind={scheme.kind.pk}">'
        return html[html.index(link) + len(link) :].split("<", 1)[0]

    assert count_of("commune") == "2"  # two in the officer's commune, not the other commune's
    assert count_of("pv05") == str(Scheme.objects.filter(kind=scheme.kind).exclude(status="voided").count())
    client.force_login(users["pv05"])
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("schemes:kind_list"), {"q": "tieng keng"})
    for n in range(20):
        make_scheme(name=f"Loại mới {n}", kind=SchemeKind.objects.create(name=f"Loại thử {n}", field="do_thi"))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("schemes:kind_list"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_catalogue_offers_its_edit_link_only_to_those_who_may_change_it(client, users, kind):
    edit = f'href="{reverse("schemes:kind_update", args=[kind.pk])}" aria-label="Sửa {kind.name}"'
    for role in ("pv05", "viewer"):
        client.force_login(users[role])
        html = client.get(reverse("schemes:kind_list"), {"q": kind.name}).text
        assert (edit in html) == users[role].has_perm("schemes.change_schemekind"), role
    assert users["pv05"].has_perm("schemes.change_schemekind") and not users["viewer"].has_perm(
        "schemes.change_schemekind"
    )
