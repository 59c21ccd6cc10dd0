from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "tuquan.assessments"
    verbose_name = "Kiểm tra, đánh giá, phân loại"
