from django.core.management.base import BaseCommand, CommandError

from tuquan.demo.followup import generate_followup
from tuquan.demo.generator import generate_demo
from tuquan.demo.users import demo_users_load
from tuquan.places.models import AdminUnit


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu Khánh Hòa: người dùng mẫu, sổ đăng ký mô hình (322 mô hình năm 2022 như bài báo), "
        "các đợt kiểm tra 2022–2026, chỉ tiêu thi đua, hỗ trợ kinh phí và trang bị, kinh nghiệm hay, khen thưởng "
        "và báo cáo sơ kết, tổng kết; chạy lại không tạo trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2022, help="Hạt giống sinh số ngẫu nhiên (mặc định 2022).")

    def handle(self, *args, **options):
        if not AdminUnit.objects.filter(code="56").exists():
            raise CommandError("Chưa có đơn vị hành chính: chạy 'manage.py load_places --province 56' trước.")
        users = demo_users_load()
        self.stdout.write(f"Người dùng mẫu: {len(users)}.")
        result = generate_demo(seed=options["seed"])
        self.stdout.write(result.summary())
        followup = generate_followup(seed=options["seed"])
        self.stdout.write(followup.summary())
