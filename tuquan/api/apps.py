from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tuquan.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from tuquan.api.models import ApiToken
        from tuquan.audit.registry import track

        track(ApiToken, exclude=["secret_hash", "last_used_at"])
