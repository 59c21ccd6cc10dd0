"""Mounted by tuquan/schemes/urls.py as ``path("excel/", include("tuquan.schemes.excel.urls"))``.

The names live in the ``schemes`` namespace with an ``excel_`` prefix (``schemes:excel_export``): a nested
namespace would not be walked by tests/test_permission_matrix.py.
"""

from django.urls import path

from tuquan.schemes.excel import views

urlpatterns = [
    path("xuat/", views.ExportOptionsView.as_view(), name="excel_export"),
    path("xuat/tai-ve/", views.ExportDownloadView.as_view(), name="excel_export_download"),
    path("xuat/<int:pk>/", views.SchemeExportView.as_view(), name="excel_scheme_export"),
    path("mau/", views.TemplateDownloadView.as_view(), name="excel_template"),
    path("nhap/", views.ImportUploadView.as_view(), name="excel_import_upload"),
    path("nhap/xem-truoc/", views.ImportPreviewView.as_view(), name="excel_import_preview"),
    path("nhap/xac-nhan/", views.ImportConfirmView.as_view(), name="excel_import_confirm"),
    path("nhap/huy/", views.ImportCancelView.as_view(), name="excel_import_cancel"),
]
