"""``/api/v1/``: the REST API (docs/api.md)."""

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from tuquan.api.views import (
    assessments,
    commendations,
    docs,
    places,
    practices,
    reviews,
    schemes,
    statistics,
    targets,
)
from tuquan.api.views.errors import not_found

router = SimpleRouter(trailing_slash="/?")
router.register("units", places.AdminUnitViewSet, basename="unit")
router.register("kinds", schemes.SchemeKindViewSet, basename="kind")
router.register("schemes", schemes.SchemeViewSet, basename="scheme")
router.register("teams", schemes.TeamViewSet, basename="team")
router.register("members", schemes.MemberViewSet, basename="member")
router.register("activity-reports", schemes.ActivityReportViewSet, basename="activityreport")
router.register("support-records", schemes.SupportRecordViewSet, basename="supportrecord")
router.register("campaigns", assessments.CampaignViewSet, basename="campaign")
router.register("assessments", assessments.AssessmentViewSet, basename="assessment")
router.register("eliminations", assessments.EliminationViewSet, basename="elimination")
router.register("targets", targets.TargetViewSet, basename="target")
router.register("practices", practices.GoodPracticeViewSet, basename="goodpractice")
router.register("practice-attachments", practices.PracticeAttachmentViewSet, basename="practiceattachment")
router.register("commendations", commendations.CommendationViewSet, basename="commendation")
router.register("reviews", reviews.ReviewViewSet, basename="review")

app_name = "api"
urlpatterns = [
    path("openapi.json", docs.SchemaView.as_view(), name="schema"),
    path("docs", docs.DocsView.as_view(), name="docs"),
    path("statistics/", statistics.StatisticsView.as_view(), name="statistics"),
    path(
        "commendation-suggestions/",
        commendations.CommendationSuggestionsView.as_view(),
        name="commendation_suggestions",
    ),
    path("", include(router.urls)),
    re_path(r"^", not_found, name="not_found"),  # any other path, newlines included
]
