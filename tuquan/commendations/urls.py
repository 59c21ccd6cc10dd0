from django.urls import path

from tuquan.commendations import views

app_name = "commendations"
urlpatterns = [
    path("", views.CommendationListView.as_view(), name="commendation_list"),
    path("them/", views.CommendationCreateView.as_view(), name="commendation_create"),
    path("<int:pk>/", views.CommendationDetailView.as_view(), name="commendation_detail"),
    path("<int:pk>/sua/", views.CommendationUpdateView.as_view(), name="commendation_update"),
    path("goi-y/", views.SuggestionListView.as_view(), name="suggestion_list"),
    path("goi-y/de-nghi/", views.SuggestionProposeView.as_view(), name="suggestion_propose"),
    path("de-nghi.xlsx", views.ProposalXlsxView.as_view(), name="proposal_xlsx"),
    path("de-nghi.docx", views.ProposalDocxView.as_view(), name="proposal_docx"),
]
