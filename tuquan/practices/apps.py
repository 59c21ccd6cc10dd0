from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "tuquan.practices"
    verbose_name = "Kinh nghiệm hay, điển hình tiên tiến"

    def ready(self) -> None:
        from tuquan.audit.registry import track
        from tuquan.practices.models import GoodPractice, GoodPracticeAttachment

        track(GoodPractice, exclude=["search_text", "updated_at"])
        track(GoodPracticeAttachment)
