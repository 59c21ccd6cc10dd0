from django.urls import path

from tuquan.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("thong-ke/tong-quan/", views.DashboardView.as_view(), name="dashboard"),
]
