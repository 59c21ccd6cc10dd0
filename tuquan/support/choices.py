from django.db import models


class SupportKind(models.TextChoices):
    MONEY = "money", "Kinh phí"
    ITEM = "item", "Trang bị, công cụ"


class ItemCategory(models.TextChoices):
    UNIFORM = "trang_phuc", "Trang phục"
    TORCH = "den_pin", "Đèn pin"
    BATON = "gay", "Gậy, dùi cui"
    RADIO = "bo_dam", "Bộ đàm"
    CAMERA = "camera", "Camera"
    GONG = "keng", "Kẻng"
    LOUDSPEAKER = "loa", "Loa phát thanh"
    FUEL = "xang_xe", "Xe đạp, xe máy, xăng xe"
    ALLOWANCE = "che_do", "Chế độ, phụ cấp"
    OTHER = "khac", "Khác"


class Source(models.TextChoices):
    PROVINCE_BUDGET = "ngan_sach_tinh", "Ngân sách tỉnh"
    COMMUNE_BUDGET = "ngan_sach_xa", "Ngân sách xã"
    SOCIALISED = "xa_hoi_hoa", "Xã hội hóa / nhà tài trợ"
    DEFENCE_FUND = "quy_qp_an", "Quỹ Quốc phòng – An ninh"
    OTHER = "khac", "Khác"
