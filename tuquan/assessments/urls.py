from django.urls import path

from tuquan.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.CampaignListView.as_view(), name="campaign_list"),
    path("tao-dot/", views.CampaignCreateView.as_view(), name="campaign_create"),
    path("dot/<int:pk>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("dot/<int:pk>/xa-tre-han.xlsx", views.LateCommunesExportView.as_view(), name="late_export"),
    path("dot/<int:pk>/ket-qua/", views.CampaignResultsView.as_view(), name="campaign_results"),
    path("dot/<int:pk>/ket-qua.xlsx", views.CampaignResultsExportView.as_view(), name="results_export"),
    path("dot/<int:pk>/mo-hinh/<int:scheme_pk>/", views.AssessmentStartView.as_view(), name="assessment_start"),
    path("dot/<int:pk>/nhap-excel/", views.ImportView.as_view(), name="import"),
    path("dot/<int:pk>/nhap-excel/mau.xlsx", views.ImportTemplateView.as_view(), name="import_template"),
    path("phieu/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("phieu/<int:pk>/minh-chung/<int:score_pk>/", views.EvidenceDownloadView.as_view(), name="evidence"),
    path("bo-tieu-chi/", views.CriteriaSetListView.as_view(), name="criteria_set_list"),
    path("bo-tieu-chi/<int:pk>/phien-ban-moi/", views.CriteriaSetNewVersionView.as_view(), name="criteria_set_edit"),
    path("thanh-loai/", views.EliminationListView.as_view(), name="elimination_list"),
    path("thanh-loai/tao/", views.EliminationCreateView.as_view(), name="elimination_create"),
    path("thanh-loai/<int:pk>/", views.EliminationDetailView.as_view(), name="elimination_detail"),
]
