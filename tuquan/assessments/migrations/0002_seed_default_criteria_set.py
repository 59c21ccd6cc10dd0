"""The default criteria set (100 points), the starting point of every campaign; editable as data."""

from decimal import Decimal

from django.db import migrations

NAME = "Bộ tiêu chí đánh giá, phân loại mô hình tự quản về ANTT"
CRITERIA = [
    ("I. Tổ chức, quy chế", "1.1", "Có quyết định thành lập, quy chế hoạt động rõ ràng", 10),
    ("I. Tổ chức, quy chế", "1.2", "Tổ chức được kiện toàn, phân công nhiệm vụ thành viên cụ thể", 10),
    ("II. Hoạt động", "2.1", "Duy trì sinh hoạt, tuần tra, canh gác thường xuyên", 15),
    ("II. Hoạt động", "2.2", "Tuyên truyền, phổ biến pháp luật, vận động quần chúng", 10),
    ("III. Kết quả", "3.1", "Cung cấp tin báo, phát hiện, tố giác tội phạm và vi phạm", 15),
    ("III. Kết quả", "3.2", "Hòa giải, giải quyết mâu thuẫn từ cơ sở", 10),
    ("III. Kết quả", "3.3", "Tình hình an ninh, trật tự địa bàn chuyển biến tích cực", 10),
    ("IV. Phối hợp với lực lượng Công an", "4.1", "Phối hợp chặt chẽ với Công an xã/phường trong các đợt cao điểm", 10),
    ("V. Nhân rộng, sáng tạo", "5.1", "Có cách làm mới, được nhân rộng hoặc ứng dụng công nghệ", 10),
]


def seed(apps, schema_editor):
    CriteriaSet = apps.get_model("assessments", "CriteriaSet")
    Criterion = apps.get_model("assessments", "Criterion")
    criteria_set, created = CriteriaSet.objects.get_or_create(
        name=NAME,
        version=1,
        defaults={
            "threshold_good": Decimal("85"),
            "threshold_fair": Decimal("70"),
            "threshold_average": Decimal("50"),
            "min_age_months": 12,
            "hard_rules": [{"rule": "no_activity_report", "cap": "trung_binh"}],
        },
    )
    if created:
        Criterion.objects.bulk_create(
            Criterion(criteria_set=criteria_set, group=group, code=code, name=name, max_points=points, order=i)
            for i, (group, code, name, points) in enumerate(CRITERIA)
        )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
