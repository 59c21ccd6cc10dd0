"""The navigation bar: the areas of tuquan the current user may open."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None
    icon: str


NAVIGATION = [
    NavItem("Trang chủ", "core:home", None, "house"),
    NavItem("Sổ đăng ký mô hình", "schemes:scheme_list", "schemes.view_scheme", "journal-text"),
    NavItem("Kiểm tra, phân loại", "assessments:campaign_list", "assessments.view_campaign", "clipboard-check"),
    NavItem("Chỉ tiêu thi đua", "targets:index", "targets.view_target", "flag"),
    NavItem("Hỗ trợ kinh phí, trang bị", "support:overview", "support.view_supportrecord", "box-seam"),
    NavItem("Thống kê", "reports:statistics", "reports.view_statistics", "bar-chart"),
    NavItem("Báo cáo sơ kết, tổng kết", "reviews:review_list", "reviews.view_review", "file-earmark-text"),
    NavItem("Điển hình, nhân rộng", "practices:practice_list", "reviews.view_goodpractice", "lightbulb"),
    NavItem("Khen thưởng", "commendations:commendation_list", "reviews.view_commendation", "trophy"),
    NavItem("Đơn vị hành chính", "places:unit_list", "places.view_adminunit", "geo-alt"),
    NavItem("Quản trị", "accounts:user_list", "accounts.view_user", "gear"),
]


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = []
    for item in NAVIGATION:
        if item.permission and not user.has_perm(item.permission):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue  # that area is not installed in this build
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"label": item.label, "url": url, "icon": item.icon, "active": active})
    return {"navigation": items}
