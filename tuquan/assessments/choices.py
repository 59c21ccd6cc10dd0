from django.db import models


class Rating(models.TextChoices):
    """Classes of the yearly classification (phân loại)."""

    GOOD = "tot", "Tốt"
    FAIR = "kha", "Khá"
    AVERAGE = "trung_binh", "Trung bình"
    WEAK = "yeu", "Yếu (cần thanh loại)"
    NEW = "chua_danh_gia", "Chưa đánh giá, phân loại (mới thành lập)"
