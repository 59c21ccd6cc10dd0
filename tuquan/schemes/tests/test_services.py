"""The registry's write services: validation messages, codes, locking, void/merge, members."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils import timezone

from tuquan.places.models import AdminUnit, Succession
from tuquan.schemes import services
from tuquan.schemes.choices import HostOrganisation, Status
from tuquan.schemes.models import Member, Scheme, SchemeKind
from tuquan.schemes.services import schemes as scheme_services

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_catalogue_is_seeded_with_the_article_kinds():
    names = set(SchemeKind.objects.values_list("name", flat=True))
    for name in (
        "Tiếng kẻng an ninh",
        "Tuần tra nhân dân",
        "Cổng rào an ninh",
        "Camera an ninh",
        "Đội bảo vệ dân phố cơ động",
        "3 tự phòng, 3 tự quản",
        "Xóm đạo bình yên",
        "Giáo họ tự quản về ANTT",
        "Tổ gương sáng",
        "Tổ cựu quân nhân tự quản ANTT",
        "Đội Thanh niên xung kích an ninh",
        "Câu lạc bộ phụ nữ phòng, chống ma túy",
        "Trang Facebook ANTT",
        "Nhóm Zalo ANTT",
    ):
        assert name in names
    assert set(SchemeKind.objects.values_list("field", flat=True)) == {
        "nong_thon",
        "do_thi",
        "ton_giao",
        "dan_toc",
        "doan_the",
        "co_quan",
        "cong_nghe",
    }
    assert not SchemeKind.objects.filter(search_text="").exists()


class TestSchemeCreate:
    def test_creates_with_readable_code_and_search_text(self, scheme, commune):
        assert scheme.code == "KH-22333-0001"
        assert scheme.commune == commune
        assert scheme.version == 1
        assert scheme.status == Status.ACTIVE
        assert "tieng keng an ninh" in scheme.search_text

    def test_codes_follow_in_sequence_per_commune(self, make_scheme, other_commune):
        first = make_scheme(name="A")
        second = make_scheme(name="B")
        elsewhere = make_scheme(name="C", commune=other_commune)
        assert (first.code, second.code) == ("KH-22333-0001", "KH-22333-0002")
        assert elsewhere.code.endswith("-0001") and elsewhere.code != first.code

    def test_code_is_stable_when_the_scheme_is_edited(self, scheme, users):
        code = scheme.code
        services.scheme_update(user=users["pv05"], scheme=scheme, data={"name": "Tên mới"})
        assert Scheme.objects.get(pk=scheme.pk).code == code

    def test_code_taken_meanwhile_is_skipped(self, make_scheme, monkeypatch):
        first = make_scheme(name="A")
        real = scheme_services._next_code
        calls = []

        def stale_then_real(commune):
            calls.append(1)
            return first.code if len(calls) == 1 else real(commune)

        monkeypatch.setattr(scheme_services, "_next_code", stale_then_real)
        second = make_scheme(name="B")
        assert second.code == "KH-22333-0002"

    def test_founded_in_the_future_is_refused(self, make_scheme):
        with pytest.raises(ValidationError) as excinfo:
            make_scheme(founded_on=timezone.localdate() + timedelta(days=1))
        assert errors_of(excinfo)["founded_on"] == ["Ngày thành lập không được ở tương lai."]

    def test_decision_after_founding_is_refused(self, make_scheme):
        with pytest.raises(ValidationError) as excinfo:
            make_scheme(founding_decision_number="12/QĐ-UBND", founding_decision_date=date(2024, 4, 1))
        assert errors_of(excinfo)["founding_decision_date"] == [
            "Ngày quyết định thành lập không được sau ngày thành lập."
        ]

    def test_decision_number_without_date_is_refused(self, make_scheme):
        with pytest.raises(ValidationError) as excinfo:
            make_scheme(founding_decision_number="12/QĐ-UBND")
        assert "founding_decision_date" in errors_of(excinfo)

    def test_bad_phone_is_refused_and_spaces_are_tolerated(self, make_scheme):
        with pytest.raises(ValidationError) as excinfo:
            make_scheme(leader_phone="12345")
        assert errors_of(excinfo)["leader_phone"][0].startswith("Số điện thoại không hợp lệ")
        assert make_scheme(leader_phone="0905 123 456").leader_phone == "0905123456"

    def test_negative_camera_count_is_refused(self, make_scheme):
        with pytest.raises(ValidationError) as excinfo:
            make_scheme(camera_count=-2)
        assert errors_of(excinfo)["camera_count"] == ["Số camera phải là số nguyên không âm."]

    def test_missing_name_kind_and_date_are_all_reported(self, make_scheme):
        with pytest.raises(ValidationError) as excinfo:
            make_scheme(name="  ", kind=None, founded_on=None)
        errors = errors_of(excinfo)
        assert errors["name"] == ["Nhập tên mô hình, tổ chức."]
        assert errors["kind"] == ["Chọn loại mô hình."]
        assert errors["founded_on"] == ["Nhập ngày thành lập."]

    def test_commune_outside_jurisdiction_is_refused(self, make_scheme, users, other_commune):
        with pytest.raises(ValidationError) as excinfo:
            make_scheme(user=users["commune"], commune=other_commune)
        assert errors_of(excinfo)["commune"] == ["Xã/phường/đặc khu này nằm ngoài địa bàn bạn phụ trách."]

    def test_legacy_or_non_commune_unit_is_refused(self, make_scheme, khanh_hoa):
        legacy = AdminUnit.objects.get(era="legacy", level="commune", code="22642")
        for unit in (legacy, khanh_hoa):
            with pytest.raises(ValidationError) as excinfo:
                make_scheme(commune=unit)
            assert errors_of(excinfo)["commune"] == ["Phải chọn một xã/phường/đặc khu hiện hành (sau 01/7/2025)."]

    def test_inactive_kind_is_refused(self, make_scheme, kind):
        kind.is_active = False
        kind.save()
        with pytest.raises(ValidationError) as excinfo:
            make_scheme()
        assert "kind" in errors_of(excinfo)

    def test_viewer_cannot_create(self, make_scheme, users):
        with pytest.raises(PermissionDenied):
            make_scheme(user=users["viewer"])

    def test_commune_officer_creates_in_own_commune(self, make_scheme, users, commune):
        assert make_scheme(user=users["commune"]).commune == commune

    def test_co_hosts_are_checked_and_deduplicated(self, make_scheme):
        scheme = make_scheme(host=HostOrganisation.POLICE, co_hosts=["mttq", "mttq", "cong_an", "phu_nu"])
        assert scheme.co_hosts == ["mttq", "phu_nu"]
        with pytest.raises(ValidationError) as excinfo:
            make_scheme(co_hosts=["khong_co"])
        assert "co_hosts" in errors_of(excinfo)


class TestLegacyCommune:
    def test_ambiguous_predecessors_leave_it_empty(self, make_scheme):
        # Phường Bắc Nha Trang came from six old communes: no guess.
        assert make_scheme(founded_on=date(2019, 5, 1)).legacy_commune is None

    def test_single_predecessor_is_filled_in(self, make_scheme, commune):
        keep = AdminUnit.objects.get(era="legacy", level="commune", code="22330")
        Succession.objects.filter(new_unit=commune, old_unit__level="commune").exclude(old_unit=keep).delete()
        assert make_scheme(founded_on=date(2019, 5, 1)).legacy_commune == keep
        assert make_scheme(founded_on=date(2025, 8, 1)).legacy_commune is None

    def test_given_legacy_commune_must_have_gone_into_the_commune(self, make_scheme):
        vinh_hai = AdminUnit.objects.get(era="legacy", level="commune", code="22330")
        assert make_scheme(founded_on=date(2019, 5, 1), legacy_commune=vinh_hai).legacy_commune == vinh_hai
        khanh_thanh = AdminUnit.objects.get(era="legacy", level="commune", code="22642")
        with pytest.raises(ValidationError) as excinfo:
            make_scheme(founded_on=date(2019, 5, 1), legacy_commune=khanh_thanh)
        assert "không sáp nhập vào" in errors_of(excinfo)["legacy_commune"][0]

    def test_scheme_founded_after_reorganisation_has_no_legacy_commune(self, make_scheme):
        vinh_hai = AdminUnit.objects.get(era="legacy", level="commune", code="22330")
        with pytest.raises(ValidationError) as excinfo:
            make_scheme(founded_on=date(2025, 9, 1), legacy_commune=vinh_hai)
        assert errors_of(excinfo)["legacy_commune"] == ["Mô hình thành lập từ 01/7/2025 không có đơn vị hành chính cũ."]


class TestSchemeUpdate:
    def test_update_bumps_version_and_refreshes_search(self, scheme, users):
        services.scheme_update(
            user=users["commune"], scheme=scheme, data={"name": "Cổng rào an ninh"}, expected_version=1
        )
        stored = Scheme.objects.get(pk=scheme.pk)
        assert stored.version == 2 and scheme.version == 2
        assert "cong rao an ninh" in stored.search_text

    def test_stale_version_is_refused_with_a_clear_message(self, scheme, users):
        services.scheme_update(user=users["pv05"], scheme=scheme, data={"area": "Tổ 1"}, expected_version=1)
        with pytest.raises(ValidationError) as excinfo:
            services.scheme_update(user=users["commune"], scheme=scheme, data={"area": "Tổ 2"}, expected_version=1)
        assert errors_of(excinfo)[NON_FIELD_ERRORS] == [services.CONFLICT_MESSAGE]
        assert Scheme.objects.get(pk=scheme.pk).area == "Tổ 1"

    def test_concurrent_write_between_read_and_save_is_refused(self, scheme, users, monkeypatch):
        real = scheme_services._full_clean

        def someone_saves_meanwhile(instance, errors, exclude=None):
            real(instance, errors, exclude)
            if isinstance(instance, Scheme):
                Scheme.objects.filter(pk=instance.pk).update(version=5)

        monkeypatch.setattr(scheme_services, "_full_clean", someone_saves_meanwhile)
        with pytest.raises(ValidationError) as excinfo:
            services.scheme_update(user=users["pv05"], scheme=scheme, data={"area": "Tổ 9"}, expected_version=1)
        assert errors_of(excinfo)[NON_FIELD_ERRORS] == [services.CONFLICT_MESSAGE]

    def test_other_commune_officer_cannot_update(self, scheme, users):
        with pytest.raises(PermissionDenied):
            services.scheme_update(user=users["other_commune"], scheme=scheme, data={"name": "X"})

    def test_moving_to_a_commune_outside_jurisdiction_is_refused(self, scheme, users, other_commune):
        with pytest.raises(ValidationError) as excinfo:
            services.scheme_update(user=users["commune"], scheme=scheme, data={"commune": other_commune})
        assert "commune" in errors_of(excinfo)

    def test_scheme_leader_can_edit_own_scheme(self, scheme):
        from tuquan.accounts.testing import make_user

        leader = make_user("truong", "leader", scheme=scheme)
        services.scheme_update(user=leader, scheme=scheme, data={"leader_phone": "0905123456"})
        assert Scheme.objects.get(pk=scheme.pk).leader_phone == "0905123456"

    def test_replica_must_be_younger_than_its_origin(self, make_scheme, scheme):
        with pytest.raises(ValidationError) as excinfo:
            make_scheme(name="Nhân rộng", replicated_from=scheme, founded_on=date(2023, 1, 1))
        assert errors_of(excinfo)["replicated_from"] == ["Mô hình gốc phải được thành lập trước mô hình nhân rộng."]
        replica = make_scheme(name="Nhân rộng", replicated_from=scheme, founded_on=date(2025, 1, 1))
        assert list(scheme.replicas.all()) == [replica]


class TestVoidAndMerge:
    def test_void_keeps_the_row_with_reason(self, scheme, users):
        services.scheme_void(user=users["commune"], scheme=scheme, reason="Nhập trùng")
        stored = Scheme.objects.get(pk=scheme.pk)
        assert stored.status == Status.VOIDED
        assert stored.status_note == "Nhập trùng"
        assert not Scheme.objects.registered().filter(pk=scheme.pk).exists()

    def test_void_needs_a_reason(self, scheme, users):
        with pytest.raises(ValidationError) as excinfo:
            services.scheme_void(user=users["pv05"], scheme=scheme, reason="  ")
        assert errors_of(excinfo)["reason"] == ["Nhập lý do hủy bản ghi."]

    def test_voided_scheme_cannot_be_edited(self, scheme, users):
        services.scheme_void(user=users["pv05"], scheme=scheme, reason="Nhầm")
        with pytest.raises(ValidationError):
            services.scheme_update(user=users["pv05"], scheme=scheme, data={"name": "X"})

    def test_viewer_cannot_void(self, scheme, users):
        with pytest.raises(PermissionDenied):
            services.scheme_void(user=users["viewer"], scheme=scheme, reason="x")

    def test_merge_into_another_scheme(self, make_scheme, users):
        source, target = make_scheme(name="A"), make_scheme(name="B")
        services.scheme_merge(user=users["pv05"], scheme=source, into=target, merged_on=date(2025, 1, 2), note="Gộp")
        stored = Scheme.objects.get(pk=source.pk)
        assert (stored.status, stored.merged_into, stored.ended_on) == (Status.MERGED, target, date(2025, 1, 2))
        assert list(target.merged_schemes.all()) == [stored]

    def test_merge_validations(self, make_scheme, users, other_scheme):
        source = make_scheme(name="A")
        cases = [
            ({"into": source, "merged_on": date(2025, 1, 2)}, "into", "Không thể sáp nhập mô hình vào chính nó."),
            ({"into": other_scheme, "merged_on": date(2025, 1, 2)}, "into", None),
            ({"into": make_scheme(name="B"), "merged_on": date(2020, 1, 1)}, "merged_on", None),
            (
                {"into": make_scheme(name="C"), "merged_on": timezone.localdate() + timedelta(days=3)},
                "merged_on",
                "Ngày sáp nhập không được ở tương lai.",
            ),
        ]
        for kwargs, field, message in cases:
            with pytest.raises(ValidationError) as excinfo:
                services.scheme_merge(user=users["commune"], scheme=source, note="", **kwargs)
            assert field in errors_of(excinfo)
            if message:
                assert errors_of(excinfo)[field] == [message]


class TestTeamsMembersReports:
    def test_team_name_unique_per_scheme(self, scheme, users):
        services.team_create(user=users["commune"], scheme=scheme, data={"name": "Tổ 1"})
        with pytest.raises(ValidationError) as excinfo:
            services.team_create(user=users["commune"], scheme=scheme, data={"name": "Tổ 1"})
        assert errors_of(excinfo)["name"] == ["Mô hình đã có tổ trùng tên."]

    def test_team_cannot_predate_scheme(self, scheme, users):
        with pytest.raises(ValidationError) as excinfo:
            services.team_create(
                user=users["commune"], scheme=scheme, data={"name": "Tổ 2", "founded_on": date(2020, 1, 1)}
            )
        assert errors_of(excinfo)["founded_on"] == ["Tổ không thể thành lập trước mô hình."]

    def test_other_commune_cannot_add_team(self, scheme, users):
        with pytest.raises(PermissionDenied):
            services.team_create(user=users["other_commune"], scheme=scheme, data={"name": "Tổ 3"})

    def test_member_validation_messages(self, scheme, users, other_scheme):
        other_team = services.team_create(user=users["pv05"], scheme=other_scheme, data={"name": "Tổ X"})
        with pytest.raises(ValidationError) as excinfo:
            services.member_create(
                user=users["pv05"],
                scheme=scheme,
                data={
                    "full_name": "Nguyễn Văn A",
                    "team": other_team,
                    "phone": "abc",
                    "national_id": "123",
                    "birth_year": timezone.localdate().year + 1,
                    "joined_on": date(2025, 1, 10),
                    "left_on": date(2025, 1, 1),
                },
            )
        errors = errors_of(excinfo)
        assert errors["team"] == ["Tổ được chọn không thuộc mô hình này."]
        assert errors["birth_year"] == ["Năm sinh không được sau năm hiện tại."]
        assert errors["left_on"] == ["Ngày rời không được trước ngày tham gia."]
        assert errors["phone"][0].startswith("Số điện thoại không hợp lệ")
        assert errors["national_id"] == ["Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số."]

    def test_duplicate_national_id_in_scheme_is_refused(self, scheme, users):
        data = {"full_name": "Trần B", "national_id": "056090001234"}
        services.member_create(user=users["commune"], scheme=scheme, data=data)
        with pytest.raises(ValidationError) as excinfo:
            services.member_create(user=users["commune"], scheme=scheme, data={**data, "full_name": "Trần C"})
        assert errors_of(excinfo)["national_id"] == ["Đã có thành viên mang số định danh này trong mô hình."]

    def test_anonymise_keeps_row_and_blanks_personal_data(self, scheme, users):
        member = services.member_create(
            user=users["commune"],
            scheme=scheme,
            data={"full_name": "Lê Thị D", "phone": "0905111222", "national_id": "056090001111", "address": "Tổ 5"},
        )
        services.member_anonymise(user=users["commune"], member=member)
        stored = Member.objects.get(pk=member.pk)
        assert (stored.full_name, stored.phone, stored.national_id, stored.address) == ("Đã ẩn danh", "", "", "")
        assert stored.is_anonymised and stored.left_on is None, "she still serves: anonymising is not leaving"
        assert scheme.members.count() == 1
        with pytest.raises(ValidationError):
            services.member_update(user=users["commune"], member=stored, data={"full_name": "Lê Thị D"})

    def test_an_anonymised_member_keeps_her_role_and_dates_editable_but_not_her_personal_data(self, scheme, users):
        member = services.member_create(
            user=users["commune"],
            scheme=scheme,
            data={"full_name": "Lê Thị D", "phone": "0905111222", "joined_on": date(2025, 1, 10)},
        )
        member = services.member_anonymise(user=users["commune"], member=member)
        # The page's form sends every field back, personal ones as they are now (blank): accepted.
        services.member_update(
            user=users["commune"],
            member=member,
            data={
                "full_name": "Đã ẩn danh",
                "phone": "",
                "national_id": None,
                "role": "to_pho",
                "left_on": date(2025, 6, 1),
            },
        )
        stored = Member.objects.get(pk=member.pk)
        assert (stored.role, stored.left_on, stored.is_anonymised) == ("to_pho", date(2025, 6, 1), True)
        for field, value in (("phone", "0905111222"), ("birth_year", 1980), ("address", "Tổ 5")):
            with pytest.raises(ValidationError) as excinfo:
                services.member_update(user=users["commune"], member=stored, data={field: value})
            assert errors_of(excinfo)[NON_FIELD_ERRORS] == [
                "Thành viên đã được ẩn danh, không sửa được thông tin cá nhân."
            ]
        assert Member.objects.get(pk=member.pk).phone == ""

    def test_activity_report_validation(self, scheme, users):
        report = services.activity_report_create(
            user=users["commune"],
            scheme=scheme,
            data={"period_start": date(2025, 1, 1), "period_end": date(2025, 6, 30), "patrols": 12},
        )
        assert report.patrols == 12
        cases = [
            ({"period_start": date(2025, 3, 1), "period_end": date(2025, 9, 30)}, "period_start"),
            ({"period_start": date(2025, 9, 1), "period_end": date(2025, 8, 1)}, "period_end"),
            ({"period_start": date(2023, 1, 1), "period_end": date(2023, 12, 31)}, "period_end"),
            (
                {"period_start": date(2025, 7, 1), "period_end": date(2025, 9, 30), "propaganda_attendance": 40},
                "propaganda_attendance",
            ),
            ({"period_start": date(2025, 7, 1), "period_end": date(2025, 9, 30), "patrols": -1}, "patrols"),
        ]
        for data, field in cases:
            with pytest.raises(ValidationError) as excinfo:
                services.activity_report_create(user=users["commune"], scheme=scheme, data=data)
            assert field in errors_of(excinfo), data
        services.activity_report_update(user=users["commune"], report=report, data={"meetings": 3})
        report.refresh_from_db()
        assert report.meetings == 3


class TestKinds:
    def test_pv05_adds_a_kind_and_search_text_is_filled(self, users):
        kind = services.kind_create(user=users["pv05"], data={"name": "Loa phát thanh an ninh", "field": "nong_thon"})
        assert kind.search_text.startswith("loa phat thanh an ninh")
        assert SchemeKind.objects.search("LOA PHAT").filter(pk=kind.pk).exists()

    def test_duplicate_kind_and_commune_officer_are_refused(self, users):
        with pytest.raises(ValidationError) as excinfo:
            services.kind_create(user=users["pv05"], data={"name": "Camera an ninh", "field": "do_thi"})
        assert errors_of(excinfo)["name"] == ["Đã có loại mô hình trùng tên."]
        with pytest.raises(PermissionDenied):
            services.kind_create(user=users["commune"], data={"name": "Mới", "field": "do_thi"})
