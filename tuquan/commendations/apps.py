from django.apps import AppConfig


class CommendationsConfig(AppConfig):
    name = "tuquan.commendations"
    verbose_name = "Khen thưởng"

    def ready(self) -> None:
        from tuquan.audit.registry import track
        from tuquan.commendations.models import Commendation

        track(Commendation, exclude=["updated_at"])
