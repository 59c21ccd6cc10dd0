from django.urls import path

from tuquan.core import views

app_name = "core"
urlpatterns = [
    path("goi-y/lua-chon/", views.ChoiceOptionsView.as_view(), name="choice_options"),
    path("cong-viec/<int:pk>/", views.JobDetailView.as_view(), name="job_detail"),
    path("cong-viec/<int:pk>/tien-do/", views.JobProgressView.as_view(), name="job_progress"),
    path("cong-viec/<int:pk>/tai-ve/", views.JobDownloadView.as_view(), name="job_download"),
]
