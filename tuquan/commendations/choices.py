"""Choices of commendations (khen thưởng)."""

from django.db import models


class RecipientKind(models.TextChoices):
    SCHEME = "scheme", "Mô hình, tổ chức tự quản"
    PERSON = "person", "Cá nhân"


class AwardForm(models.TextChoices):
    """Hình thức khen thưởng."""

    CERTIFICATE = "giay_khen", "Giấy khen"
    MERIT = "bang_khen", "Bằng khen"
    MEDAL = "ky_niem_chuong", "Kỷ niệm chương"
    FLAG = "co_thi_dua", "Cờ thi đua"
    OTHER = "khac", "Hình thức khác"


class AwardLevel(models.TextChoices):
    """Cấp khen thưởng."""

    COMMUNE_POLICE = "ca_xa", "Công an xã/phường"
    PROVINCE_POLICE = "ca_tinh", "Công an tỉnh"
    COMMUNE_COMMITTEE = "ubnd_xa", "UBND xã/phường"
    PROVINCE_COMMITTEE = "ubnd_tinh", "UBND tỉnh"
    MINISTRY = "bo_cong_an", "Bộ Công an"
    PRIME_MINISTER = "thu_tuong", "Thủ tướng Chính phủ"
    OTHER = "khac", "Cấp khác"


class CommendationStatus(models.TextChoices):
    PROPOSED = "proposed", "Đề nghị"
    APPROVED = "approved", "Đã khen thưởng"


# The usual awards: (key, title, form, level, issuer). The form offers them to fill the fields.
PRESETS = [
    (
        "gk_ca_xa",
        "Giấy khen của Trưởng Công an xã/phường",
        AwardForm.CERTIFICATE,
        AwardLevel.COMMUNE_POLICE,
        "Trưởng Công an xã/phường",
    ),
    (
        "gk_ubnd_xa",
        "Giấy khen của Chủ tịch UBND xã/phường",
        AwardForm.CERTIFICATE,
        AwardLevel.COMMUNE_COMMITTEE,
        "Chủ tịch UBND xã/phường",
    ),
    (
        "gk_gd_ca_tinh",
        "Giấy khen của Giám đốc Công an tỉnh",
        AwardForm.CERTIFICATE,
        AwardLevel.PROVINCE_POLICE,
        "Giám đốc Công an tỉnh Khánh Hòa",
    ),
    (
        "bk_ubnd_tinh",
        "Bằng khen của Chủ tịch UBND tỉnh",
        AwardForm.MERIT,
        AwardLevel.PROVINCE_COMMITTEE,
        "Chủ tịch UBND tỉnh Khánh Hòa",
    ),
    (
        "bk_bo_ca",
        "Bằng khen của Bộ trưởng Bộ Công an",
        AwardForm.MERIT,
        AwardLevel.MINISTRY,
        "Bộ trưởng Bộ Công an",
    ),
    (
        "knc_bvantq",
        "Kỷ niệm chương Bảo vệ an ninh Tổ quốc",
        AwardForm.MEDAL,
        AwardLevel.MINISTRY,
        "Bộ trưởng Bộ Công an",
    ),
    (
        "co_ubnd_tinh",
        "Cờ thi đua của UBND tỉnh",
        AwardForm.FLAG,
        AwardLevel.PROVINCE_COMMITTEE,
        "Chủ tịch UBND tỉnh Khánh Hòa",
    ),
    (
        "bk_thu_tuong",
        "Bằng khen của Thủ tướng Chính phủ",
        AwardForm.MERIT,
        AwardLevel.PRIME_MINISTER,
        "Thủ tướng Chính phủ",
    ),
]
PRESET_BY_KEY = {key: (title, form, level, issuer) for key, title, form, level, issuer in PRESETS}
DEFAULT_SUGGESTION_PRESET = "gk_gd_ca_tinh"
