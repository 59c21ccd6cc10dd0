"""Good-practices library: search without diacritics, attachments, scoping, replication and its spread."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tuquan.accounts.testing import ScopedViewChecks
from tuquan.practices.models import GoodPractice, GoodPracticeAttachment
from tuquan.practices.selectors import practice_list
from tuquan.practices.services import (
    MAX_ATTACHMENT_BYTES,
    good_practice_attach,
    good_practice_create,
    good_practice_update,
)
from tuquan.schemes.replication import replication_spread, scheme_family_tree
from tuquan.schemes.services import scheme_replicate
from tuquan.schemes.testing import make_kind, make_scheme

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def practice(users, commune):
    scheme = make_scheme(commune, date(2021, 5, 1), name="Tiếng kẻng an ninh khu phố Đồng Đế")
    return good_practice_create(
        user=users["commune"],
        data={
            "title": "Kinh nghiệm duy trì tiếng kẻng an ninh ở khu phố",
            "summary": "Đồng bào tự giác gõ kẻng báo động khi có trộm cắp.",
            "body": "Mỗi hộ có một chiếc kẻng; Tổ tự quản phân công trực đêm.",
            "unit": commune,
            "year": 2024,
            "field": "do_thi",
            "tags": "kẻng, trực đêm, kẻng",
            "schemes": [scheme],
        },
    )


@pytest.fixture
def other_practice(users, other_commune):
    return good_practice_create(
        user=users["other_commune"],
        data={"title": "Camera an ninh giáo xứ", "unit": other_commune, "year": 2023},
    )


# --------------------------------------------------------------------------- services and search


def test_search_finds_practice_without_diacritics_and_in_any_case(users, practice, other_practice):
    pv05 = users["pv05"]
    assert list(practice_list(user=pv05, q="TIENG KENG")) == [practice]
    assert list(practice_list(user=pv05, q="dong de")) == [practice]  # the scheme's name counts too
    assert list(practice_list(user=pv05, q="truc dem")) == [practice]  # tags
    nfd = "gia\u0301o xu\u031b\u0301"  # "giáo xứ" typed in NFD
    assert list(practice_list(user=pv05, q=nfd)) == [other_practice]
    assert list(practice_list(user=pv05, q="khong co gi")) == []


def test_commune_officer_sees_only_practices_of_their_commune(users, practice, other_practice):
    assert list(practice_list(user=users["commune"])) == [practice]
    assert set(practice_list(user=users["viewer"])) == {practice, other_practice}


def test_tags_are_deduplicated_and_update_refreshes_search(users, practice):
    assert practice.tags == "kẻng, trực đêm"
    good_practice_update(user=users["pv05"], practice=practice, data={"title": "Cổng rào an ninh"})
    assert list(practice_list(user=users["pv05"], q="cong rao")) == [practice]


def test_practice_outside_jurisdiction_is_refused(users, other_commune):
    with pytest.raises(ValidationError) as error:
        good_practice_create(user=users["commune"], data={"title": "X", "unit": other_commune, "year": 2024})
    assert "ngoài địa bàn" in error.value.message_dict["unit"][0]


def test_practice_needs_title_and_valid_year(users, commune):
    with pytest.raises(ValidationError) as error:
        good_practice_create(user=users["commune"], data={"title": " ", "unit": commune, "year": 1800})
    assert set(error.value.message_dict) >= {"title", "year"}


# --------------------------------------------------------------------------- attachments


def test_image_and_pdf_attachments_are_stored(users, practice, media):
    photo = good_practice_attach(
        user=users["commune"], practice=practice, upload=SimpleUploadedFile("Ảnh.png", PNG), kind="photo"
    )
    rules = good_practice_attach(
        user=users["commune"], practice=practice, upload=SimpleUploadedFile("quy-che.pdf", PDF), kind="rules"
    )
    assert photo.content_type == "image/png" and photo.original_name == "Ảnh.png"
    assert rules.content_type == "application/pdf"
    assert (media / photo.file.name).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ....", "Chỉ nhận ảnh"),
        ("fake.pdf", b"<html>not a pdf</html>", "không đúng định dạng PDF"),
        ("empty.png", b"", "Tệp rỗng"),
    ],
)
def test_bad_attachments_are_refused_with_vietnamese_messages(users, practice, media, name, content, message):
    with pytest.raises(ValidationError) as error:
        good_practice_attach(user=users["commune"], practice=practice, upload=SimpleUploadedFile(name, content))
    assert message in error.value.message_dict["file"][0]
    assert not GoodPracticeAttachment.objects.exists()


def test_attachment_over_10_mb_is_refused(users, practice, media):
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * MAX_ATTACHMENT_BYTES)
    with pytest.raises(ValidationError) as error:
        good_practice_attach(user=users["commune"], practice=practice, upload=upload)
    assert "tối đa 10 MB" in error.value.message_dict["file"][0]


def test_photo_kind_needs_an_image(users, practice, media):
    with pytest.raises(ValidationError):
        good_practice_attach(
            user=users["commune"], practice=practice, upload=SimpleUploadedFile("a.pdf", PDF), kind="photo"
        )


def test_upload_page_shows_the_error_next_to_the_field(client, users, practice, media):
    client.force_login(users["commune"])
    response = client.post(
        reverse("practices:attachment_upload", args=[practice.pk]),
        {"kind": "document", "file": SimpleUploadedFile("x.exe", b"MZ")},
    )
    assert response.status_code == 400
    assert 'data-field-error="file"' in response.content.decode()


def test_attachment_is_served_only_through_the_scoped_view(client, users, practice, media):
    attachment = good_practice_attach(
        user=users["commune"], practice=practice, upload=SimpleUploadedFile("a.pdf", PDF), kind="rules"
    )
    url = reverse("practices:attachment_download", args=[attachment.pk])
    client.force_login(users["commune"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(users["other_commune"])
    assert client.get(url).status_code == 404


# --------------------------------------------------------------------------- views


class TestPracticeViews(ScopedViewChecks):
    permitted_role = "commune"
    forbidden_role = None

    @pytest.fixture
    def scoped_objects(self, practice, other_practice):
        return practice, other_practice

    def object_urls(self, obj):
        return [(reverse("practices:practice_detail", args=[obj.pk]), "get")]

    def list_urls(self):
        return [(reverse("practices:practice_list"), "get")]


class TestPracticeWriteViews(ScopedViewChecks):
    permitted_role = "commune"
    forbidden_role = "viewer"

    @pytest.fixture
    def scoped_objects(self, practice, other_practice, media):
        return practice, other_practice

    def object_urls(self, obj):
        return [
            (reverse("practices:practice_update", args=[obj.pk]), "get"),
            (reverse("practices:attachment_upload", args=[obj.pk]), "post"),
        ]

    def list_urls(self):
        return [(reverse("practices:practice_create"), "get")]


class TestAttachmentViews(ScopedViewChecks):
    permitted_role = "commune"

    @pytest.fixture
    def scoped_objects(self, users, practice, other_practice, media):
        own = good_practice_attach(
            user=users["commune"], practice=practice, upload=SimpleUploadedFile("a.png", PNG), kind="photo"
        )
        other = good_practice_attach(
            user=users["other_commune"], practice=other_practice, upload=SimpleUploadedFile("b.png", PNG)
        )
        return own, other

    def object_urls(self, obj):
        return [(reverse("practices:attachment_download", args=[obj.pk]), "get")]


def test_create_page_saves_a_practice_and_bad_input_shows_errors(client, users, commune):
    client.force_login(users["commune"])
    url = reverse("practices:practice_create")
    response = client.post(url, {"title": "", "unit": commune.pk, "year": "abc"})
    assert response.status_code == 200
    assert 'data-field-error="title"' in response.content.decode()
    response = client.post(url, {"title": "Tổ gương sáng", "unit": commune.pk, "year": 2024, "tags": "a, b"})
    practice = GoodPractice.objects.get()
    assert response.status_code == 302 and response["Location"] == practice.get_absolute_url()


def test_list_page_filters_and_shows_spread_in_bounded_queries(
    client, users, practice, other_practice, django_assert_max_num_queries
):
    client.force_login(users["pv05"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("practices:practice_list"), {"q": "tieng keng", "year": 2024})
    body = response.content.decode()
    assert practice.title in body and other_practice.title not in body
    assert 'data-testid="spread-table"' in body


# --------------------------------------------------------------------------- replication


@pytest.fixture
def root(users, commune):
    from tuquan.schemes.services import scheme_create

    return scheme_create(
        user=users["pv05"],
        data={
            "kind": make_kind(),
            "name": f"Tiếng kẻng an ninh {commune.name}",
            "commune": commune,
            "founded_on": date(2020, 1, 10),
            "host": "cuu_chien_binh",
            "rules": "Điều 1. Mỗi hộ một chiếc kẻng.",
            "zalo_group": "Kẻng an ninh",
            "focus_religion": True,
        },
    )


def _communes(khanh_hoa, count):
    return list(khanh_hoa.children.filter(level="commune").exclude(code="22333").order_by("code")[:count])


def test_replica_is_prefilled_from_the_original_and_records_it(users, root, khanh_hoa):
    target = _communes(khanh_hoa, 1)[0]
    replica = scheme_replicate(
        user=users["pv05"], source=root, data={"commune": target, "founded_on": date(2024, 5, 1)}
    )
    assert replica.replicated_from == root
    assert replica.commune == target
    assert (replica.kind, replica.host, replica.rules, replica.zalo_group, replica.focus_religion) == (
        root.kind,
        "cuu_chien_binh",
        root.rules,
        "Kẻng an ninh",
        True,
    )
    assert replica.code != root.code


def test_replica_must_go_to_another_commune_of_the_users_jurisdiction(users, root, commune, khanh_hoa):
    with pytest.raises(ValidationError) as error:
        scheme_replicate(user=users["pv05"], source=root, data={"commune": commune, "founded_on": date(2024, 5, 1)})
    assert "khác" in error.value.message_dict["commune"][0]
    target = _communes(khanh_hoa, 1)[0]
    with pytest.raises(ValidationError) as error:
        scheme_replicate(user=users["commune"], source=root, data={"commune": target, "founded_on": date(2024, 5, 1)})
    assert "ngoài địa bàn" in error.value.message_dict["commune"][0]


def test_family_tree_of_three_generations_in_bounded_queries(users, root, khanh_hoa, django_assert_max_num_queries):
    a, b, c, d = _communes(khanh_hoa, 4)
    pv05 = users["pv05"]
    child = scheme_replicate(user=pv05, source=root, data={"commune": a, "founded_on": date(2022, 1, 1)})
    sibling = scheme_replicate(user=pv05, source=root, data={"commune": b, "founded_on": date(2022, 6, 1)})
    grandchild = scheme_replicate(user=pv05, source=child, data={"commune": c, "founded_on": date(2023, 1, 1)})
    great = scheme_replicate(user=pv05, source=grandchild, data={"commune": d, "founded_on": date(2024, 1, 1)})

    with django_assert_max_num_queries(8):
        tree = scheme_family_tree(user=pv05, scheme=child)
    assert [(node.pk, node.depth) for node in tree["nodes"]] == [
        (root.pk, 0),
        (child.pk, 1),
        (grandchild.pk, 2),
        (great.pk, 3),
    ]
    assert sibling.pk not in {node.pk for node in tree["nodes"]}  # ancestors and descendants only
    full = scheme_family_tree(user=pv05, scheme=root)
    assert [node.pk for node in full["nodes"]] == [root.pk, child.pk, grandchild.pk, great.pk, sibling.pk]


def test_family_tree_hides_schemes_outside_the_jurisdiction(users, root, other_commune):
    replica = scheme_replicate(
        user=users["pv05"], source=root, data={"commune": other_commune, "founded_on": date(2024, 1, 1)}
    )
    tree = scheme_family_tree(user=users["commune"], scheme=root)
    hidden = [node for node in tree["nodes"] if node.pk == replica.pk][0]
    assert hidden.scheme is None and hidden.commune_name == other_commune.name


def test_family_tree_is_depth_limited(users, root, khanh_hoa):
    source = root
    for target in _communes(khanh_hoa, 4):
        source = scheme_replicate(
            user=users["pv05"], source=source, data={"commune": target, "founded_on": date(2024, 1, 1)}
        )
    tree = scheme_family_tree(user=users["pv05"], scheme=root, max_depth=2)
    assert max(node.depth for node in tree["nodes"]) == 2
    assert tree["truncated"]


def test_spread_counts_points_communes_and_replicas_per_kind(users, root, commune, khanh_hoa):
    a, b = _communes(khanh_hoa, 2)
    pv05 = users["pv05"]
    scheme_replicate(user=pv05, source=root, data={"commune": a, "founded_on": date(2022, 1, 1)})
    scheme_replicate(user=pv05, source=root, data={"commune": b, "founded_on": date(2022, 1, 1)})
    make_scheme(commune, date(2021, 1, 1), kind=root.kind)  # a second point in the same commune
    make_scheme(commune, date(2021, 1, 1), "eliminated", date(2023, 1, 1), kind=root.kind)  # not counted
    other_kind = make_kind("Camera an ninh (thử)", "cong_nghe")
    make_scheme(a, date(2021, 1, 1), kind=other_kind)

    rows = {row["kind"]: row for row in replication_spread(user=pv05)}
    assert (rows[root.kind.name]["points"], rows[root.kind.name]["communes"], rows[root.kind.name]["replicated"]) == (
        4,
        3,
        2,
    )
    assert (rows[other_kind.name]["points"], rows[other_kind.name]["replicated"]) == (1, 0)
    commune_rows = {row["kind"]: row for row in replication_spread(user=users["commune"])}
    assert commune_rows[root.kind.name]["points"] == 2


class TestReplicateView(ScopedViewChecks):
    permitted_role = "commune"
    forbidden_role = "viewer"

    @pytest.fixture
    def scoped_objects(self, users, commune, other_commune):
        own = make_scheme(commune, date(2021, 1, 1))
        other = make_scheme(other_commune, date(2021, 1, 1))
        return own, other

    def object_urls(self, obj):
        return [(reverse("schemes:scheme_replicate", args=[obj.pk]), "get")]


def test_replicate_page_prefills_and_creates_the_replica(client, users, root, khanh_hoa):
    target = _communes(khanh_hoa, 1)[0]
    client.force_login(users["pv05"])
    url = reverse("schemes:scheme_replicate", args=[root.pk])
    page = client.get(url).content.decode()
    assert "Mỗi hộ một chiếc kẻng" in page and "Nhân rộng sang xã/phường/đặc khu" in page
    response = client.post(
        url,
        {
            "commune": target.pk,
            "name": f"Tiếng kẻng an ninh {target.name}",
            "founded_on": "2024-05-01",
            "host": "cuu_chien_binh",
            "rules": "Quy chế mới",
        },
    )
    assert response.status_code == 302
    replica = root.replicas.get()
    assert replica.rules == "Quy chế mới" and replica.commune == target
    detail = client.get(reverse("schemes:scheme_detail", args=[replica.pk])).content.decode()
    assert 'data-testid="family-tree"' in detail and root.name in detail


# --------------------------------------------------------------------------- spread at scale


@pytest.fixture
def five_kinds(commune, khanh_hoa):
    """Five kinds with 1..5 active schemes each (kind Đ has 5, spread over two communes)."""
    a = _communes(khanh_hoa, 1)[0]
    kinds = [make_kind(f"Loại {name} (thử)") for name in ("A", "B", "C", "D", "Đ")]
    for points, kind in enumerate(kinds, start=1):
        for i in range(points):
            make_scheme(a if i % 2 else commune, date(2021, 1, 1), kind=kind)
    return kinds


def test_spread_table_shows_the_widest_kinds_in_name_order_with_totals_of_all(client, users, five_kinds, monkeypatch):
    from tuquan.practices import views as practices_views

    monkeypatch.setattr(practices_views, "SPREAD_SHOWN", 3)
    client.force_login(users["pv05"])
    response = client.get(reverse("practices:practice_list"))
    shown = [row["kind"] for row in response.context["spread"]]
    assert shown == ["Loại C (thử)", "Loại D (thử)", "Loại Đ (thử)"]
    assert response.context["spread_totals"]["points"] == 15
    assert response.context["spread_count"] == 5
    assert 'data-testid="spread-more"' in response.content.decode()
    monkeypatch.setattr(practices_views, "SPREAD_SHOWN", 100)
    assert 'data-testid="spread-more"' not in client.get(reverse("practices:practice_list")).content.decode()


def test_spread_export_lists_every_kind(client, users, five_kinds):
    import io

    from openpyxl import load_workbook

    client.force_login(users["pv05"])
    response = client.get(reverse("practices:spread_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Tên mô hình", "Số điểm", "Số xã có mô hình", "Nhân rộng")
    by_kind = {row[0]: row[1:] for row in rows[1:-1]}
    assert by_kind["Loại A (thử)"] == (1, 1, 0)
    assert by_kind["Loại Đ (thử)"] == (5, 2, 0)
    assert rows[-1] == ("Tổng cộng", 15, None, 0)
    client.force_login(users["commune"])
    mine = load_workbook(io.BytesIO(client.get(reverse("practices:spread_export")).content)).active
    assert {row[0]: row[1] for row in mine.iter_rows(min_row=2, values_only=True)}["Loại Đ (thử)"] == 3


def test_spread_export_asks_anonymous_to_log_in_and_is_empty_for_a_viewer_without_jurisdiction(client, five_kinds):
    import io

    from openpyxl import load_workbook

    from tuquan.accounts.models import User

    url = reverse("practices:spread_export")
    assert client.get(url).status_code == 302
    client.force_login(User.objects.create_user(username="khong-dia-ban", password="x"))  # a viewer, no unit
    response = client.get(url)
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1:] == [("Tổng cộng", 0, None, 0)]


def test_list_page_queries_do_not_grow_with_schemes_and_kinds(client, users, commune, practice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tuquan.schemes.models import Scheme

    client.force_login(users["pv05"])
    url = reverse("practices:practice_list")
    make_scheme(commune, date(2021, 1, 1))
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for i in range(6):
        make_scheme(commune, date(2021, 1, 1), kind=make_kind(f"Loại mới {i} (thử)"))
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert len(after) == len(before)
    assert response.context["spread_totals"]["points"] == Scheme.objects.filter(status="active").count()
