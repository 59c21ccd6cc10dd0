from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "tuquan.assessments"
    verbose_name = "Kiểm tra, đánh giá, phân loại"

    def ready(self) -> None:
        from tuquan.assessments.models import (
            Assessment,
            Campaign,
            CampaignCriterion,
            CriteriaSet,
            Criterion,
            CriterionScore,
            EliminatedScheme,
            Elimination,
        )
        from tuquan.audit.registry import track

        track(CriteriaSet)
        track(Criterion)
        track(Campaign)
        track(CampaignCriterion)
        track(Assessment, exclude=["updated_at", "version"])
        track(CriterionScore)
        track(Elimination)
        track(EliminatedScheme)
