from django.db import models


class PeriodKind(models.TextChoices):
    """How long the reviewed period is: sơ kết 6 tháng, tổng kết năm, tổng kết nhiều năm."""

    HALF_YEAR = "half_year", "6 tháng"
    YEAR = "year", "Năm"
    MULTI_YEAR = "multi_year", "Nhiều năm"


class Half(models.IntegerChoices):
    FIRST = 1, "6 tháng đầu năm"
    SECOND = 2, "6 tháng cuối năm"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    FINAL = "final", "Chính thức"


# The officer's narrative sections, in the order the report prints them: (field, heading).
NARRATIVE_SECTIONS = [
    ("situation", "Đặc điểm tình hình"),
    ("results_intro", "Kết quả đạt được"),
    ("shortcomings", "Tồn tại, hạn chế, khó khăn"),
    ("causes", "Nguyên nhân"),
    ("lessons", "Bài học kinh nghiệm"),
    ("directions", "Phương hướng, nhiệm vụ"),
    ("proposals", "Đề xuất, kiến nghị"),
]
