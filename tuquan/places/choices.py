from django.db import models


class Level(models.TextChoices):
    PROVINCE = "province", "Cấp tỉnh"
    DISTRICT = "district", "Cấp huyện"
    COMMUNE = "commune", "Cấp xã"


class Era(models.TextChoices):
    """Which map a unit belongs to: before or after the 1 July 2025 reorganisation."""

    LEGACY = "legacy", "Trước 01/7/2025 (3 cấp)"
    CURRENT = "current", "Từ 01/7/2025 (2 cấp)"
