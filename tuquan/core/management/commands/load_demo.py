from django.core.management.base import BaseCommand, CommandError

from tuquan.core.demo import demo_users_load
from tuquan.places.models import AdminUnit


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu Khánh Hòa (người dùng mẫu và sổ đăng ký mô hình); chạy lại không tạo trùng."

    def handle(self, *args, **options):
        if not AdminUnit.objects.filter(code="56").exists():
            raise CommandError("Chưa có đơn vị hành chính: chạy 'manage.py load_places --province 56' trước.")
        users = demo_users_load()
        self.stdout.write(f"Người dùng mẫu: {len(users)}.")
