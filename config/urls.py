from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "tuquan — quản trị"
admin.site.site_title = "tuquan"

urlpatterns = [
    path("", include("tuquan.dashboards.urls")),
    path("", include("tuquan.core.urls")),
    path("tai-khoan/", include("tuquan.accounts.urls")),
    path("don-vi/", include("tuquan.places.urls")),
    path("mo-hinh/", include("tuquan.schemes.urls")),
    path("kiem-tra/", include("tuquan.assessments.urls")),
    path("thong-ke/", include("tuquan.reports.urls")),
    path("bao-cao/", include("tuquan.reviews.urls")),
    path("chi-tieu/", include("tuquan.targets.urls")),
    path("ho-tro/", include("tuquan.support.urls")),
    path("dien-hinh/", include("tuquan.practices.urls")),
    path("khen-thuong/", include("tuquan.commendations.urls")),
    path("tai-khoan/ma-truy-cap/", include("tuquan.api.token_urls")),
    path("api/v1/", include("tuquan.api.urls")),
    path("admin/", admin.site.urls),
]
