from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tuquan.demo"
    verbose_name = "Dữ liệu mẫu"
