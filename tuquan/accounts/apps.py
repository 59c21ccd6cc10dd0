from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tuquan.accounts"
    verbose_name = "Tài khoản"

    def ready(self) -> None:
        from tuquan.accounts.models import User
        from tuquan.audit.registry import track

        track(User, exclude=["password", "last_login"])
