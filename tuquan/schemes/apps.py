from django.apps import AppConfig


class SchemesConfig(AppConfig):
    name = "tuquan.schemes"
    verbose_name = "Sổ đăng ký mô hình"

    def ready(self) -> None:
        from tuquan.audit.registry import track
        from tuquan.schemes.models import ActivityReport, Member, Scheme, SchemeKind, Team

        track(SchemeKind, exclude=["search_text"])
        track(Scheme, exclude=["search_text", "updated_at", "version"])
        track(Team)
        track(Member)
        track(ActivityReport)
