from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    PV05 = "pv05", "Cán bộ Phòng PV05 (cấp tỉnh)"
    COMMUNE = "commune", "Cán bộ Công an xã/phường/đặc khu"
    LEADER = "leader", "Trưởng mô hình"
    VIEWER = "viewer", "Người xem (cấp ủy, UBND, MTTQ)"
