from django.urls import path

from tuquan.accounts import views
from tuquan.audit.views import AuditLogView

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-nhap/ma-xac-thuc/", views.LoginCodeView.as_view(), name="login_code"),
    path("xac-thuc-hai-buoc/", views.TwoFactorView.as_view(), name="two_factor"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("nguoi-dung/", views.UserListView.as_view(), name="user_list"),
    path("nguoi-dung/them/", views.UserCreateView.as_view(), name="user_create"),
    path("nguoi-dung/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("nguoi-dung/<int:pk>/sua/", views.UserEditView.as_view(), name="user_edit"),
    path("nguoi-dung/<int:pk>/vo-hieu-hoa/", views.UserDeactivateView.as_view(), name="user_deactivate"),
    path("nguoi-dung/<int:pk>/mo-khoa/", views.UserUnlockView.as_view(), name="user_unlock"),
    path(
        "nguoi-dung/<int:pk>/dat-lai-xac-thuc-hai-buoc/",
        views.UserTwoFactorResetView.as_view(),
        name="user_two_factor_reset",
    ),
    # The global audit log sits in the administration area (Quản trị), next to the users.
    path("nhat-ky/", AuditLogView.as_view(), name="audit_log"),
]
