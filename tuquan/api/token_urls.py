from django.urls import path

from tuquan.api import token_views

app_name = "api_tokens"
urlpatterns = [
    path("", token_views.ApiTokenListView.as_view(), name="list"),
    path("<int:pk>/thu-hoi/", token_views.ApiTokenRevokeView.as_view(), name="revoke"),
]
