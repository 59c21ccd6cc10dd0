from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "tuquan.places"
    verbose_name = "Đơn vị hành chính"
