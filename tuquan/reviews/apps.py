from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "tuquan.reviews"
    verbose_name = "Sơ kết, tổng kết"

    def ready(self) -> None:
        from tuquan.audit.registry import track
        from tuquan.reviews.models import Review

        # Figures are a system snapshot (kept whole in ReviewVersion); the log records the rest.
        track(Review, exclude=["figures", "figures_read_at", "updated_at", "version", "versions"])
