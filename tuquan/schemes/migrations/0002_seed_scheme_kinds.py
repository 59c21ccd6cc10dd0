"""Seed the catalogue of kinds (SchemeKind) with the models the 2022 Khánh Hòa article and issue 3 name.

Idempotent: a kind that already exists (same name) is left as users edited it.
"""

import unicodedata

from django.db import migrations

# (name, field, description)
KINDS = [
    ("Tiếng kẻng an ninh", "nong_thon", "Báo động bằng tiếng kẻng ở thôn, xóm khi có vụ việc về an ninh, trật tự."),
    ("Tuần tra nhân dân", "nong_thon", "Nhân dân tổ chức tuần tra, canh gác tại địa bàn dân cư."),
    ("Cổng rào an ninh", "nong_thon", "Thôn, xóm có cổng, rào và quy ước bảo vệ an ninh."),
    ("Đội bảo vệ dân phố cơ động", "do_thi", "Đội bảo vệ dân phố hoạt động cơ động ở khu dân cư đô thị."),
    ("3 tự phòng, 3 tự quản", "do_thi", "Tự phòng ngừa, tự phát hiện, tự giải quyết; tự quản khu dân cư."),
    ("Camera an ninh", "cong_nghe", "Hệ thống camera giám sát an ninh, trật tự do nhân dân đóng góp (phổ biến ở đô thị)."),
    ("Trang Facebook ANTT", "cong_nghe", "Trang mạng xã hội trao đổi, tiếp nhận tin báo về an ninh, trật tự."),
    ("Nhóm Zalo ANTT", "cong_nghe", "Nhóm Zalo của khu dân cư để báo tin, phối hợp bảo vệ an ninh, trật tự."),
    ("Xóm đạo bình yên", "ton_giao", "Mô hình trong vùng đồng bào Công giáo."),
    ("Giáo họ tự quản về ANTT", "ton_giao", "Giáo họ tự quản về an ninh, trật tự."),
    ("Phật tử chùa Hưng Long tự quản về ANTT", "ton_giao", "Phật tử một ngôi chùa tự quản về an ninh, trật tự."),
    ("Tổ gương sáng", "dan_toc", "Phát huy vai trò già làng, trưởng bản, người có uy tín ở vùng đồng bào dân tộc thiểu số."),
    ("Đội tự quản về ANTT xã Khánh Thành", "dan_toc", "Đội tự quản về an ninh, trật tự ở xã miền núi (Khánh Vĩnh)."),
    ("Tổ cựu quân nhân tự quản ANTT", "doan_the", "Hội Cựu chiến binh nòng cốt."),
    ("Đội Thanh niên xung kích an ninh", "doan_the", "Đoàn Thanh niên nòng cốt."),
    ("Câu lạc bộ phụ nữ phòng, chống ma túy", "doan_the", "Hội Liên hiệp Phụ nữ nòng cốt."),
    ("Cơ quan, doanh nghiệp tự quản về ANTT", "co_quan", "Cơ quan, doanh nghiệp tự bảo vệ an ninh, trật tự nội bộ."),
    ("Trường học an toàn về ANTT", "co_quan", "Nhà trường tự quản về an ninh, trật tự."),
]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").lower().split())


def seed(apps, schema_editor):
    SchemeKind = apps.get_model("schemes", "SchemeKind")
    for name, field, description in KINDS:
        SchemeKind.objects.get_or_create(
            name=name,
            defaults={
                "field": field,
                "description": description,
                "search_text": _fold(f"{name} {description}")[:250],
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("schemes", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
