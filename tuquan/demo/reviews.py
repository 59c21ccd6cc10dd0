"""The demo's sơ kết / tổng kết reports: PV05's for every past half-year and year, a few communes'.

PV05 wrote the yearly tổng kết from 2022 and the sơ kết of each first half-year from 2023, all
signed and numbered; the tổng kết of the year ending is still a draft. Phường Bắc Nha Trang and a
few other communes wrote theirs since the 2025 reorganisation. Each is drafted by
``reviews.services.review_create`` (the system reads its figures, support, targets and
commendations included) and completed by ``review_update``; the narrative quotes those figures,
so what the officer wrote and what the system counted agree.
"""

import random
from datetime import date

from tuquan.core.actor import acting_as
from tuquan.demo.people import PersonFactory
from tuquan.demo.recognition import DEMO_COMMUNE_CODE, number
from tuquan.demo.world import World
from tuquan.places.choices import Level
from tuquan.places.models import REORGANISATION_DATE, AdminUnit
from tuquan.reviews.choices import PeriodKind, ReviewStatus
from tuquan.reviews.models import Review
from tuquan.reviews.selectors import period_for
from tuquan.reviews.services import review_create, review_update

OTHER_COMMUNES = 3


def reviews_exist(province: AdminUnit) -> bool:
    return Review.objects.filter(unit__path__startswith=province.path).exists()


def _where(unit: AdminUnit) -> str:
    return "toàn tỉnh" if unit.level == Level.PROVINCE else f"toàn {unit.division_type}"


def _period_words(review: Review) -> str:
    if review.period_kind == PeriodKind.HALF_YEAR:
        return f"6 tháng đầu năm {review.period_start.year}"
    return f"năm {review.period_start.year}"


def situation(review: Review, figures: dict) -> str:
    year = review.period_start.year
    text = (
        f"Trong {_period_words(review)}, tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn cơ bản ổn "
        "định; tội phạm trộm cắp tài sản, ma túy, lừa đảo chiếm đoạt tài sản qua mạng còn diễn biến phức tạp. "
        "Thực hiện chỉ đạo của Bộ Công an về đẩy mạnh xây dựng mô hình tự quản vùng đồng bào tôn giáo, dân tộc "
        "thiểu số và cơ quan, doanh nghiệp trọng điểm, lực lượng Công an đã tham mưu cấp ủy, chính quyền củng cố, "
        "nâng cao chất lượng các mô hình, tổ chức tự quản về an ninh, trật tự."
    )
    if year == REORGANISATION_DATE.year and review.unit.level == Level.PROVINCE:
        coverage = figures["coverage"]
        text += (
            " Từ ngày 01/3/2025 Công an cấp huyện kết thúc hoạt động; từ ngày 01/7/2025 tỉnh Khánh Hòa (mới), gồm cả "
            f"địa bàn tỉnh Ninh Thuận cũ, có {coverage['communes']} đơn vị hành chính cấp xã. Các mô hình được "
            "chuyển về Công an xã, phường, đặc khu nơi mô hình hoạt động theo địa giới mới."
        )
    return text


def _class_words(label: str) -> str:
    """A class inside a sentence: 'Tốt', 'Khá' keep their capital, 'Chưa đánh giá …' does not."""
    return label[:1].lower() + label[1:] if label.startswith("Chưa") else label


def results_intro(review: Review, figures: dict) -> str:
    totals, classes, coverage = figures["totals"], figures["classes"], figures["coverage"]
    activity = {row["key"]: row["value"] for row in figures["activity"]["rows"]}
    support, targets, commendations = figures["support"], figures["targets"], figures["commendations"]
    change = totals["change"]
    trend = f"tăng {change}" if change > 0 else f"giảm {-change}" if change < 0 else "không đổi"
    parts = [
        f"Đến ngày {review.period_end:%d/%m/%Y}, {_where(review.unit)} có {number(totals['at_end'])} mô hình, tổ chức "
        f"tự quản về an ninh, trật tự ({trend} so với cuối kỳ trước); trong kỳ thành lập mới {totals['new']} mô "
        f"hình, thanh loại {totals['eliminated']} mô hình không còn phát huy tác dụng."
    ]
    if review.unit.level == Level.PROVINCE:
        parts.append(
            f"{coverage['with_scheme']}/{coverage['communes']} xã, phường, đặc khu đã có mô hình"
            + (f"; còn {coverage['without_scheme']} đơn vị chưa có." if coverage["without_scheme"] else ".")
        )
    if classes.get("year"):
        rated = ", ".join(f"{row['count']} {_class_words(row['label'])}" for row in classes["rows"] if row["count"])
        parts.append(f"Kết quả kiểm tra, phân loại năm {classes['year']}: {rated}.")
    parts.append(
        f"Các mô hình đã tổ chức {number(activity.get('patrols', 0))} lượt tuần tra, "
        f"{number(activity.get('propaganda_sessions', 0))} buổi tuyên truyền với "
        f"{number(activity.get('propaganda_attendance', 0))} lượt người dự; cung cấp "
        f"{number(activity.get('tips_to_police', 0))} tin báo cho Công an, phát hiện "
        f"{number(activity.get('cases_detected', 0))} vụ việc, hòa giải thành "
        f"{number(activity.get('disputes_mediated', 0))} vụ mâu thuẫn trong cộng đồng."
    )
    if support["records"]:
        parts.append(
            f"{support['schemes']} mô hình được hỗ trợ kinh phí {number(support['money'])} đồng và "
            f"{number(support['items'])} trang bị, công cụ trị giá {number(support['items_value'])} đồng."
        )
    if targets["assigned"]:
        parts.append(
            f"Chỉ tiêu thi đua năm {targets['year']}: đạt {targets['reached']}/{targets['assigned']} chỉ tiêu."
        )
    if commendations["total"]:
        parts.append(f"Trong kỳ có {commendations['total']} tập thể, cá nhân được khen thưởng.")
    return " ".join(parts)


def shortcomings(review: Review, figures: dict) -> str:
    at_end, supported = figures["totals"]["at_end"], figures["support"]["schemes"]
    return (
        "Một số mô hình hoạt động còn hình thức, không duy trì sinh hoạt, tuần tra thường xuyên; việc cập nhật kết "
        "quả hoạt động chưa kịp thời. Kinh phí hoạt động, chế độ, trang phục, công cụ hỗ trợ cho thành viên còn "
        f"khó khăn: trong kỳ chỉ {supported}/{at_end} mô hình nhận được hỗ trợ; xây dựng được mô hình đã khó, duy "
        "trì hoạt động còn khó hơn."
    )


CAUSES = (
    "Một số cấp ủy, chính quyền cơ sở chưa quan tâm đúng mức, chưa giao chỉ tiêu cụ thể; nguồn kinh phí chủ yếu "
    "dựa vào xã hội hóa; một bộ phận thành viên lớn tuổi, thay đổi nơi cư trú; sau khi sắp xếp đơn vị hành chính, "
    "địa bàn của nhiều Công an xã rộng hơn, lực lượng mỏng."
)
LESSONS = (
    "Bám sát sự lãnh đạo của cấp ủy, sự điều hành của chính quyền; chọn trọng tâm, trọng điểm xây dựng mô hình; "
    "phát huy vai trò của người có uy tín, chức sắc tôn giáo, MTTQ và các đoàn thể; định kỳ sơ kết, tổng kết, rút "
    "kinh nghiệm, nhân rộng mô hình tốt; động viên, khen thưởng kịp thời."
)


def directions(review: Review) -> str:
    year = review.period_end.year + (1 if review.period_kind == PeriodKind.YEAR else 0)
    return (
        f"Tiếp tục rà soát, kiểm tra, phân loại, thanh loại mô hình không còn hiệu quả; phấn đấu năm {year} 100% "
        "xã, phường, đặc khu có mô hình hoạt động hiệu quả; nhân rộng mô hình ứng dụng công nghệ (camera an ninh, "
        "nhóm Zalo ANTT); hướng dẫn các mô hình cập nhật kết quả hoạt động định kỳ 6 tháng."
    )


def proposals(review: Review) -> str:
    if review.unit.level == Level.PROVINCE:
        return (
            "Đề nghị UBND tỉnh bố trí kinh phí hỗ trợ hoạt động, chế độ, trang phục, công cụ hỗ trợ cho các mô hình "
            "vùng đồng bào dân tộc thiểu số, tôn giáo; chỉ đạo UBND các xã, phường, đặc khu giao chỉ tiêu, định mức "
            "thi đua hằng năm về xây dựng mô hình."
        )
    return (
        f"Đề nghị Đảng ủy, UBND {review.unit.name} bố trí kinh phí hoạt động cho các mô hình; Phòng PV05 - Công an "
        "tỉnh tiếp tục hướng dẫn nghiệp vụ, tập huấn cho tổ trưởng các mô hình."
    )


def _write(author, unit: AdminUnit, kind: str, year: int, *, issued_on: date | None, number_text: str, signer: str):
    period = period_for(kind=kind, year=year, half=1)
    with acting_as(author):
        review = review_create(
            user=author, unit=unit, period_kind=kind, period_start=period.start, period_end=period.end
        )
        figures = review.figures
        changes = {
            "situation": situation(review, figures),
            "results_intro": results_intro(review, figures),
            "signer_name": signer,
        }
        if issued_on is not None:
            changes |= {
                "shortcomings": shortcomings(review, figures),
                "causes": CAUSES,
                "lessons": LESSONS,
                "directions": directions(review),
                "proposals": proposals(review),
                "number": number_text,
                "issued_on": issued_on,
                "status": ReviewStatus.FINAL,
            }
        review_update(review=review, user=author, expected_version=review.version, **changes)


def reviews_load(world: World, rng: random.Random) -> int:
    people = PersonFactory(rng)
    spec, pv05, province = world.spec, world.pv05, world.province
    head = people.full_name(female=False)
    count = 0
    for year in range(spec.base_year, spec.last_year + 1):
        if year > spec.base_year:
            _write(
                pv05,
                province,
                PeriodKind.HALF_YEAR,
                year,
                issued_on=date(year, 7, rng.randint(8, 20)),
                number_text=str(rng.randint(300, 900)),
                signer=head,
            )
            count += 1
        final = year < spec.last_year
        _write(
            pv05,
            province,
            PeriodKind.YEAR,
            year,
            issued_on=date(year + 1, 1, rng.randint(6, 18)) if final else None,
            number_text=str(rng.randint(20, 120)) if final else "",
            signer=head,
        )
        count += 1
    # Communes report since the reorganisation (their police stations exist from 01/7/2025).
    year = REORGANISATION_DATE.year
    with_schemes = sorted({s.commune_id for s in world.schemes if world.active_on(s, date(year, 12, 31))})
    by_pk = {c.pk: c for c in world.communes}
    demo = [pk for pk in with_schemes if by_pk[pk].code == DEMO_COMMUNE_CODE]
    others = rng.sample([pk for pk in with_schemes if pk not in demo], min(OTHER_COMMUNES, len(with_schemes)))
    for pk in demo + others:
        officer = world.officers.get(pk)
        if officer is None:
            continue
        chief = people.full_name(female=False)
        _write(
            officer,
            by_pk[pk],
            PeriodKind.YEAR,
            year,
            issued_on=date(year + 1, 1, rng.randint(5, 12)),
            number_text=str(rng.randint(2, 30)),
            signer=chief,
        )
        count += 1
        if pk in demo:
            _write(
                officer,
                by_pk[pk],
                PeriodKind.HALF_YEAR,
                year + 1,
                issued_on=date(year + 1, 7, rng.randint(3, 10)),
                number_text=str(rng.randint(31, 90)),
                signer=chief,
            )
            count += 1
    return count
