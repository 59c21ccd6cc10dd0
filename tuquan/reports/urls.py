from django.urls import path

from tuquan.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.StatisticsView.as_view(), name="statistics"),
    path("goi-y/don-vi/", views.UnitOptionsView.as_view(), name="unit_options"),
]
