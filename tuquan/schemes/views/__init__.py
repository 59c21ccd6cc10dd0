"""Pages of the scheme registry, one module per concept. Thin: parse input, call a selector or a service, render.

``urls.py`` takes its views from here.
"""

from tuquan.schemes.views.activity import ActivityReportCreateView, ActivityReportUpdateView
from tuquan.schemes.views.detail import (
    SchemeCreateView,
    SchemeDetailView,
    SchemeMergeView,
    SchemeReplicateView,
    SchemeUpdateView,
    SchemeVoidView,
)
from tuquan.schemes.views.kinds import KindCreateView, KindListView, KindUpdateView
from tuquan.schemes.views.members import MemberAnonymiseView, MemberCreateView, MemberUpdateView
from tuquan.schemes.views.registry import (
    KindOptionsView,
    SchemeColumnsView,
    SchemeListView,
    UnitOptionsView,
)
from tuquan.schemes.views.teams import TeamCreateView, TeamUpdateView

__all__ = [
    "ActivityReportCreateView",
    "ActivityReportUpdateView",
    "KindCreateView",
    "KindListView",
    "KindOptionsView",
    "KindUpdateView",
    "MemberAnonymiseView",
    "MemberCreateView",
    "MemberUpdateView",
    "SchemeColumnsView",
    "SchemeCreateView",
    "SchemeDetailView",
    "SchemeListView",
    "SchemeMergeView",
    "SchemeReplicateView",
    "SchemeUpdateView",
    "SchemeVoidView",
    "TeamCreateView",
    "TeamUpdateView",
    "UnitOptionsView",
]
