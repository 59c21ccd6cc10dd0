from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "tuquan.support"
    verbose_name = "Hỗ trợ kinh phí, trang bị"

    def ready(self) -> None:
        from tuquan.audit.registry import track
        from tuquan.support.models import SupportRecord

        track(SupportRecord, exclude=["created_at", "updated_at"])
