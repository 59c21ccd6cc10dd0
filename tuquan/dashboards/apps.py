from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """Pages that combine several apps: the home page and the dashboards (no models)."""

    name = "tuquan.dashboards"
    verbose_name = "Trang chủ, tổng quan"
