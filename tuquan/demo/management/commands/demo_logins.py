from django.core.management.base import BaseCommand

from tuquan.accounts.models import User
from tuquan.demo.users import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "In các tài khoản mẫu để đăng nhập."

    def handle(self, *args, **options):
        usernames = [demo.username for demo in DEMO_USERS] + list(
            User.objects.filter(role="leader", username__startswith="truong.").values_list("username", flat=True)[:1]
        )
        users = {u.username: u for u in User.objects.filter(username__in=usernames).select_related("jurisdiction")}
        self.stdout.write(f"  Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
        for username in usernames:
            if username in users:
                user = users[username]
                self.stdout.write(f"    {username:<24} {user.get_role_display()} — {user.jurisdiction_label}")
