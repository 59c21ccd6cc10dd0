from django.urls import path

from tuquan.practices import views

app_name = "practices"
urlpatterns = [
    path("", views.PracticeListView.as_view(), name="practice_list"),
    path("nhan-rong/excel/", views.SpreadExportView.as_view(), name="spread_export"),
    path("them/", views.PracticeCreateView.as_view(), name="practice_create"),
    path("<int:pk>/", views.PracticeDetailView.as_view(), name="practice_detail"),
    path("<int:pk>/sua/", views.PracticeUpdateView.as_view(), name="practice_update"),
    path("<int:pk>/tep/", views.AttachmentUploadView.as_view(), name="attachment_upload"),
    path("tep/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
]
