from django.urls import path

from tuquan.schemes import views

app_name = "schemes"
urlpatterns = [
    path("", views.SchemeListView.as_view(), name="scheme_list"),
    path("<int:pk>/", views.SchemeDetailView.as_view(), name="scheme_detail"),
    path("danh-muc/", views.KindListView.as_view(), name="kind_list"),
]
