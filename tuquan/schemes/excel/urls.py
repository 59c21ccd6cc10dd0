"""Mounted by tuquan/schemes/urls.py as ``path("excel/", include(("tuquan.schemes.excel.urls", "schemes_excel")))``."""

from django.urls import path

from tuquan.schemes.excel import views

app_name = "schemes_excel"
urlpatterns = [
    path("xuat/", views.ExportOptionsView.as_view(), name="export"),
    path("xuat/tai-ve/", views.ExportDownloadView.as_view(), name="export_download"),
    path("xuat/<int:pk>/", views.SchemeExportView.as_view(), name="scheme_export"),
    path("mau/", views.TemplateDownloadView.as_view(), name="template"),
    path("nhap/", views.ImportUploadView.as_view(), name="import_upload"),
    path("nhap/xem-truoc/", views.ImportPreviewView.as_view(), name="import_preview"),
    path("nhap/xac-nhan/", views.ImportConfirmView.as_view(), name="import_confirm"),
    path("nhap/huy/", views.ImportCancelView.as_view(), name="import_cancel"),
]
