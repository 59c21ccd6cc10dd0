from django.db import models


class Indicator(models.TextChoices):
    """What a yearly target (chỉ tiêu thi đua) of a commune measures."""

    MIN_ACTIVE_SCHEMES = "min_active_schemes", "Số mô hình đang hoạt động tối thiểu"
    MIN_SHARE_GOOD = "min_share_good", "Tỉ lệ mô hình xếp loại Tốt tối thiểu (%)"
    MIN_NEW_SCHEMES = "min_new_schemes", "Số mô hình thành lập mới trong năm"
    HAS_KIND = "has_kind", "Có mô hình thuộc loại / lĩnh vực"
    ALL_ACTIVITY_REPORTS_FILED = "all_activity_reports_filed", "100% mô hình có báo cáo kết quả hoạt động"


PERCENT_INDICATORS = {Indicator.MIN_SHARE_GOOD, Indicator.ALL_ACTIVITY_REPORTS_FILED}


class TargetStatus(models.TextChoices):
    REACHED = "reached", "Đạt"
    NOT_REACHED = "not_reached", "Chưa đạt"
