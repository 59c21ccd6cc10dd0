from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tuquan.audit"
    verbose_name = "Nhật ký thay đổi"
