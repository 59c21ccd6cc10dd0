from django.urls import path

from tuquan.targets import views

app_name = "targets"

urlpatterns = [
    path("", views.CurrentYearView.as_view(), name="index"),
    path("<int:year>/", views.YearView.as_view(), name="year"),
    path("<int:year>/xuat-excel/", views.YearExportView.as_view(), name="export"),
    path("<int:year>/them/", views.TargetCreateView.as_view(), name="create"),
    path("<int:year>/giao-hang-loat/", views.BulkAssignView.as_view(), name="bulk"),
    path("<int:year>/nhap-excel/", views.ImportView.as_view(), name="import"),
    path("<int:year>/nhap-excel/mau/", views.ImportTemplateView.as_view(), name="import_template"),
    path("<int:year>/nhap-excel/xac-nhan/", views.ImportConfirmView.as_view(), name="import_confirm"),
    path("sua/<int:pk>/", views.TargetUpdateView.as_view(), name="update"),
    path("xoa/<int:pk>/", views.TargetDeleteView.as_view(), name="delete"),
]
