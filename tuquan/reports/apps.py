from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tuquan.reports"
    verbose_name = "Thống kê, báo cáo"
