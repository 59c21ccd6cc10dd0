"""The navigation bar: the areas of tuquan the current user may open."""

import functools
from dataclasses import dataclass

from django.urls import NoReverseMatch, get_script_prefix, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None
    icon: str


@dataclass(frozen=True)
class NavGroup:
    """A drop-down of related areas; shown when at least one of them is open to the user."""

    label: str
    icon: str
    items: tuple[NavItem, ...]


NAVIGATION: list[NavItem | NavGroup] = [
    NavItem("Trang chủ", "dashboards:home", None, "house"),
    NavItem("Sổ đăng ký mô hình", "schemes:scheme_list", "schemes.view_scheme", "journal-text"),
    NavItem("Kiểm tra, phân loại", "assessments:campaign_list", "assessments.view_campaign", "clipboard-check"),
    NavGroup(
        "Phong trào",
        "people",
        (
            NavItem("Chỉ tiêu thi đua", "targets:index", "targets.view_target", "flag"),
            NavItem("Hỗ trợ kinh phí, trang bị", "support:overview", "support.view_supportrecord", "box-seam"),
            NavItem("Điển hình, nhân rộng", "practices:practice_list", "practices.view_goodpractice", "lightbulb"),
            NavItem("Khen thưởng", "commendations:commendation_list", "commendations.view_commendation", "trophy"),
        ),
    ),
    NavGroup(
        "Thống kê, báo cáo",
        "bar-chart",
        (
            NavItem("Thống kê", "reports:statistics", "reports.view_statistics", "bar-chart"),
            NavItem("Báo cáo sơ kết, tổng kết", "reviews:review_list", "reviews.view_review", "file-earmark-text"),
        ),
    ),
    NavItem("Đơn vị hành chính", "places:unit_list", "places.view_adminunit", "geo-alt"),
    NavItem("Quản trị", "accounts:user_list", "accounts.view_user", "gear"),
]


def _link(item: NavItem, user, path: str) -> dict | None:
    if item.permission and not user.has_perm(item.permission):
        return None
    url = _address(item.url_name, get_script_prefix())
    if url is None:
        return None  # that area is not installed in this build
    active = path == url if url == "/" else path.startswith(url)
    return {"label": item.label, "url": url, "icon": item.icon, "active": active}


@functools.lru_cache(maxsize=256)
def _address(url_name: str, script_prefix: str) -> str | None:
    """The menu's addresses, reversed once a process (a dozen on every page) for each script prefix."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def navigation_links(user, path: str = "") -> list[dict]:
    """The navigation for ``user``: links, and groups with their ``children`` links."""
    entries = []
    for entry in NAVIGATION:
        if isinstance(entry, NavGroup):
            children = [link for item in entry.items if (link := _link(item, user, path))]
            if children:
                entries.append(
                    {
                        "label": entry.label,
                        "icon": entry.icon,
                        "children": children,
                        "active": any(child["active"] for child in children),
                    }
                )
        elif link := _link(entry, user, path):
            entries.append(link)
    return entries


def leaf_labels(entries: list[dict]) -> list[str]:
    """The labels of every link, groups flattened, in menu order."""
    return [child["label"] for entry in entries for child in entry.get("children", [entry])]


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    return {"navigation": navigation_links(user, request.path)}
