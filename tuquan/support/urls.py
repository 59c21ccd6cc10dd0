from django.urls import path

from tuquan.support import views

app_name = "support"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("xuat-excel/", views.ExportView.as_view(), name="export"),
    path("mo-hinh/<int:scheme_pk>/", views.SchemeSupportView.as_view(), name="scheme"),
    path("mo-hinh/<int:scheme_pk>/them/", views.SupportCreateView.as_view(), name="create"),
    path("<int:pk>/sua/", views.SupportUpdateView.as_view(), name="update"),
]
