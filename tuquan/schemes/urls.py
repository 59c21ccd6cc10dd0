from django.urls import include, path

from tuquan.schemes import views

app_name = "schemes"
urlpatterns = [
    path("", views.SchemeListView.as_view(), name="scheme_list"),
    path("them/", views.SchemeCreateView.as_view(), name="scheme_create"),
    path("cot-hien-thi/", views.SchemeColumnsView.as_view(), name="scheme_columns"),
    path("goi-y/don-vi/", views.UnitOptionsView.as_view(), name="unit_options"),
    path("goi-y/loai/", views.KindOptionsView.as_view(), name="kind_options"),
    path("<int:pk>/", views.SchemeDetailView.as_view(), name="scheme_detail"),
    path("<int:pk>/sua/", views.SchemeUpdateView.as_view(), name="scheme_update"),
    path("<int:pk>/huy/", views.SchemeVoidView.as_view(), name="scheme_void"),
    path("<int:pk>/sap-nhap/", views.SchemeMergeView.as_view(), name="scheme_merge"),
    path("<int:pk>/nhan-rong/", views.SchemeReplicateView.as_view(), name="scheme_replicate"),
    path("<int:pk>/to/them/", views.TeamCreateView.as_view(), name="team_create"),
    path("to/<int:pk>/sua/", views.TeamUpdateView.as_view(), name="team_update"),
    path("<int:pk>/thanh-vien/them/", views.MemberCreateView.as_view(), name="member_create"),
    path("thanh-vien/<int:pk>/sua/", views.MemberUpdateView.as_view(), name="member_update"),
    path("thanh-vien/<int:pk>/an-danh/", views.MemberAnonymiseView.as_view(), name="member_anonymise"),
    path("<int:pk>/hoat-dong/them/", views.ActivityReportCreateView.as_view(), name="report_create"),
    path("hoat-dong/<int:pk>/sua/", views.ActivityReportUpdateView.as_view(), name="report_update"),
    path("excel/", include("tuquan.schemes.excel.urls")),
    path("danh-muc/", views.KindListView.as_view(), name="kind_list"),
    path("danh-muc/them/", views.KindCreateView.as_view(), name="kind_create"),
    path("danh-muc/<int:pk>/sua/", views.KindUpdateView.as_view(), name="kind_update"),
]
