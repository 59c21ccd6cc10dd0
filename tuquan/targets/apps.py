from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "tuquan.targets"
    verbose_name = "Chỉ tiêu thi đua"

    def ready(self) -> None:
        from tuquan.audit.registry import track
        from tuquan.targets.models import Target

        track(Target, exclude=["updated_at"])
