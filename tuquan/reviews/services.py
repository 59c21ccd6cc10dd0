"""Writes of the reviews app: draft a review, save the officer's text, refresh the figures.

Every save keeps the previous content as a ``ReviewVersion`` and is refused when the
review changed since the officer opened it (optimistic locking on ``Review.version``).
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.reviews.choices import NARRATIVE_SECTIONS, PeriodKind, ReviewStatus
from tuquan.reviews.models import Review, ReviewVersion
from tuquan.reviews.selectors import review_figures

SUBJECT = "công tác xây dựng mô hình, tổ chức tự quản về an ninh, trật tự"

# What a version keeps: everything the officer or the system can change.
CONTENT_FIELDS = [
    "period_kind",
    "period_start",
    "period_end",
    "title",
    "number",
    "symbol",
    "issuer_parent",
    "issuer",
    "place",
    "issued_on",
    "status",
    "figures",
    "figures_read_at",
    *[name for name, _ in NARRATIVE_SECTIONS],
    "recipients",
    "signer_title",
    "signer_name",
]
# What the edit page may change (the period and the figures have their own paths).
EDITABLE_FIELDS = [
    "title",
    "number",
    "symbol",
    "issuer_parent",
    "issuer",
    "place",
    "issued_on",
    "status",
    *[name for name, _ in NARRATIVE_SECTIONS],
    "recipients",
    "signer_title",
    "signer_name",
]


class ReviewConflict(Exception):
    """The review was saved by someone else after the officer opened it."""

    def __init__(self, review: Review):
        self.review = review
        who = review.updated_by or "người khác"
        when = timezone.localtime(review.updated_at).strftime("%H:%M %d/%m/%Y")
        super().__init__(
            f"Báo cáo đã được {who} lưu lúc {when} (phiên bản {review.version}) sau khi bạn mở trang. "
            "Nội dung của bạn chưa được lưu: hãy sao chép phần vừa viết, tải lại trang để xem bản mới rồi sửa tiếp."
        )


def default_title(*, kind: str, start: date, end: date) -> str:
    if kind == PeriodKind.HALF_YEAR:
        half = "6 tháng đầu năm" if start.month == 1 else "6 tháng cuối năm"
        return f"Sơ kết {SUBJECT} {half} {start.year}"
    if kind == PeriodKind.MULTI_YEAR:
        return f"Tổng kết {SUBJECT} giai đoạn {start.year} - {end.year}"
    return f"Tổng kết {SUBJECT} năm {start.year}"


def _province_of(unit: AdminUnit) -> AdminUnit:
    return unit if unit.level == Level.PROVINCE or unit.parent is None else unit.parent


def issuer_defaults(unit: AdminUnit) -> dict[str, str]:
    """Header, number symbol, place and signer of a review written by the police of ``unit``."""
    province = _province_of(unit)
    parent = f"CÔNG AN {province.name.upper()}"
    if unit.level == Level.PROVINCE:
        return {
            "issuer_parent": parent,
            "issuer": "PHÒNG XÂY DỰNG PHONG TRÀO BẢO VỆ ANTQ",
            "symbol": "BC-CAT-PV05",
            "place": province.short_name,
            "signer_title": "TRƯỞNG PHÒNG",
            "recipients": "Ban Giám đốc Công an tỉnh (để báo cáo);\n"
            "Cục Xây dựng phong trào bảo vệ ANTQ - Bộ Công an (để báo cáo);\n"
            "Công an các xã, phường, đặc khu;\n"
            "Lưu: VT, PV05.",
        }
    # ``division_type`` is stored as the package spells it: "xã", "phường", "đặc khu".
    kind = {"xã": "CAX", "phường": "CAP", "đặc khu": "CAĐK"}.get(unit.division_type.lower(), "CAX")
    return {
        "issuer_parent": parent,
        "issuer": f"CÔNG AN {unit.name.upper()}",
        "symbol": f"BC-{kind}",
        "place": unit.short_name,
        "signer_title": "TRƯỞNG CÔNG AN",
        "recipients": f"Phòng PV05 - Công an tỉnh (để báo cáo);\nĐảng ủy, UBND {unit.name} (để báo cáo);\nLưu: VT.",
    }


def _check_unit(*, user, unit: AdminUnit) -> None:
    if unit.era != Era.CURRENT or unit.level not in {Level.PROVINCE, Level.COMMUNE}:
        raise ValidationError({"unit": "Chọn tỉnh hoặc một xã, phường, đặc khu hiện hành."})
    if not AdminUnit.objects.visible_to(user).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": "Đơn vị này nằm ngoài địa bàn bạn phụ trách."})


@transaction.atomic
def review_create(
    *,
    user,
    unit: AdminUnit,
    period_kind: str,
    period_start: date,
    period_end: date,
    title: str = "",
) -> Review:
    """Draft a review: the figures are read now; the narrative is left for the officer."""
    _check_unit(user=user, unit=unit)
    review = Review(
        unit=unit,
        period_kind=period_kind,
        period_start=period_start,
        period_end=period_end,
        title=title or default_title(kind=period_kind, start=period_start, end=period_end),
        status=ReviewStatus.DRAFT,
        created_by=user,
        updated_by=user,
        **issuer_defaults(unit),
    )
    review.full_clean()
    review.figures = review_figures(unit, period_start, period_end)
    review.figures_read_at = timezone.now()
    review.save()
    return review


def _content(review: Review) -> dict[str, Any]:
    content = {}
    for name in CONTENT_FIELDS:
        value = getattr(review, name)
        content[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return content


def _lock(review: Review, expected_version: int) -> Review:
    current = Review.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=review.pk)
    if current.version != expected_version:
        raise ReviewConflict(current)
    ReviewVersion.objects.create(
        review=current,
        number=current.version,
        content=_content(current),
        saved_by=current.updated_by,
        saved_at=current.updated_at,
    )
    return current


@transaction.atomic
def review_update(*, review: Review, user, expected_version: int, **changes: Any) -> Review:
    """Save the officer's fields; the previous content becomes a version. Stale saves are refused."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Không sửa được các trường: {', '.join(sorted(unknown))}")
    current = _lock(review, expected_version)
    for name, value in changes.items():
        setattr(current, name, value)
    current.version += 1
    current.updated_by = user
    current.full_clean()
    current.save()
    return current


@transaction.atomic
def review_refresh_figures(*, review: Review, user, expected_version: int) -> Review:
    """Read the figures again (data entered late); the previous figures stay in the versions."""
    current = _lock(review, expected_version)
    current.figures = review_figures(current.unit, current.period_start, current.period_end)
    current.figures_read_at = timezone.now()
    current.version += 1
    current.updated_by = user
    current.full_clean()
    current.save()
    return current
