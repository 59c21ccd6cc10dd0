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

        from django.db.models.signals import post_delete, post_save

        from tuquan.places.models import AdminUnit, Succession
        from tuquan.places.signals import units_loaded
        from tuquan.schemes.selectors import forget_kind_total, forget_unit_choices

        units_loaded.connect(forget_unit_choices, dispatch_uid="schemes.forget_unit_choices")
        for model in (AdminUnit, Succession):
            for signal in (post_save, post_delete):
                signal.connect(forget_unit_choices, sender=model, dispatch_uid=f"schemes.forget_units.{signal}.{model}")
        for signal in (post_save, post_delete):
            signal.connect(forget_kind_total, sender=SchemeKind, dispatch_uid=f"schemes.forget_kinds.{signal}")
