from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, FormView, ListView, View

from tuquan.accounts import selectors, services
from tuquan.accounts.forms import LoginForm, UserForm
from tuquan.core.text import fold
from tuquan.core.views import ScopedPermissionMixin


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    public = True


class LogoutView(auth_views.LogoutView):
    public = True


class UserQuerysetMixin:
    def get_queryset(self):
        # Administrators manage the users inside their own jurisdiction.
        return selectors.users_managed_by(self.request.user).order_by("username")


class UserListView(ScopedPermissionMixin, UserQuerysetMixin, ListView):
    permission_required = "accounts.view_user"
    template_name = "accounts/user_list.html"
    paginate_by = 50

    def get_queryset(self):
        queryset = super().get_queryset()
        query = fold(self.request.GET.get("q", ""))
        if query:
            queryset = queryset.filter(search_text__contains=query)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        usernames = [account.username for account in context["object_list"]]
        attempts = AccessAttempt.objects.filter(username__in=usernames, failures_since_start__gte=1)
        context["locked"] = set(
            attempts.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).values_list("username", flat=True)
        )
        context["warned"] = set(attempts.values_list("username", flat=True))
        context["query"] = self.request.GET.get("q", "")
        return context


class UserDetailView(ScopedPermissionMixin, UserQuerysetMixin, DetailView):
    permission_required = "accounts.view_user"
    template_name = "accounts/user_detail.html"
    context_object_name = "account"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        failures = max(
            AccessAttempt.objects.filter(username=self.object.username).values_list("failures_since_start", flat=True),
            default=0,
        )
        context["failed_logins"] = failures
        context["is_locked"] = failures >= settings.AXES_FAILURE_LIMIT
        return context


class UserEditView(ScopedPermissionMixin, UserQuerysetMixin, FormView):
    permission_required = "accounts.change_user"
    template_name = "accounts/user_form.html"
    form_class = UserForm

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_object()
        kwargs["actor"] = self.request.user
        return kwargs

    def form_valid(self, form):
        user = services.user_save(form=form)
        messages.success(self.request, f"Đã lưu tài khoản {user.username}.")
        return redirect(user.get_absolute_url())


class UserCreateView(UserEditView):
    permission_required = "accounts.add_user"


class UserDeactivateView(ScopedPermissionMixin, UserQuerysetMixin, View):
    permission_required = "accounts.change_user"

    def post(self, request, pk):
        user = get_object_or_404(self.get_queryset(), pk=pk)
        if user == request.user:
            messages.error(request, "Không thể tự vô hiệu hóa tài khoản của chính mình.")
        else:
            services.user_deactivate(user=user)
            messages.success(request, f"Đã vô hiệu hóa tài khoản {user.username}.")
        return redirect(user.get_absolute_url())


class UserUnlockView(ScopedPermissionMixin, UserQuerysetMixin, View):
    permission_required = "accounts.change_user"

    def post(self, request, pk):
        user = get_object_or_404(self.get_queryset(), pk=pk)
        services.user_unlock(user=user)
        messages.success(request, f"Đã mở khóa đăng nhập cho {user.username}.")
        return redirect(user.get_absolute_url())
