import time

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, FormView, ListView, View

from tuquan.accounts import selectors, services
from tuquan.accounts.forms import CodeForm, LoginForm, UserForm
from tuquan.accounts.models import User
from tuquan.core.text import fold
from tuquan.core.views import ScopedPermissionMixin

# The password step of a user with two-factor leaves this in the (still anonymous) session;
# the code step reads it. Nothing is logged in until the code is right.
PENDING_KEY = "tuquan_two_factor_pending"
PENDING_SECONDS = 300


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    public = True

    def form_valid(self, form):
        user = form.get_user()
        if user.two_factor_enabled:
            self.request.session[PENDING_KEY] = {
                "user": user.pk,
                "backend": user.backend,
                "since": time.time(),
                "next": self.get_success_url(),
            }
            return redirect("accounts:login_code")
        response = super().form_valid(form)
        if user.role in settings.TUQUAN_SUGGEST_2FA_ROLES:
            messages.info(
                self.request,
                render_to_string("accounts/messages/suggest_two_factor.html", {"role": user.get_role_display()}),
            )
        return response


@method_decorator(login_not_required, name="dispatch")
class LoginCodeView(View):
    """The second login step: the code from the authenticator app (or a backup code).

    A wrong code is a failed login for django-axes, so passwords and codes share one counter and
    the account locks after ``AXES_FAILURE_LIMIT`` failures of either kind.
    """

    public = True
    template_name = "accounts/login_code.html"

    def _pending(self, request):
        pending = request.session.get(PENDING_KEY)
        if not pending or time.time() - pending.get("since", 0) > PENDING_SECONDS:
            return None, None
        user = User.objects.filter(pk=pending.get("user"), is_active=True, two_factor_enabled=True).first()
        return (pending, user) if user else (None, None)

    def _expired(self, request):
        request.session.pop(PENDING_KEY, None)
        messages.warning(request, "Phiên đăng nhập đã hết hạn: hãy nhập lại tên đăng nhập và mật khẩu.")
        return redirect("accounts:login")

    def get(self, request):
        pending, user = self._pending(request)
        if user is None:
            return self._expired(request)
        return render(request, self.template_name, {"form": CodeForm(), "account": user})

    def post(self, request):
        pending, user = self._pending(request)
        if user is None:
            return self._expired(request)
        credentials = {"username": user.username}
        if not AxesProxyHandler.is_allowed(request, credentials):
            request.session.pop(PENDING_KEY, None)
            return get_lockout_response(request, None, credentials)
        form = CodeForm(request.POST)
        if form.is_valid():
            check = services.two_factor_check(user=user, code=form.cleaned_data["code"])
            if check.ok:
                request.session.pop(PENDING_KEY, None)
                auth.login(request, user, backend=pending["backend"])
                django_otp.login(request, check.device)
                return redirect(pending.get("next") or settings.LOGIN_REDIRECT_URL)
            form.add_error("code", services.wrong_code_message(check))
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                request.session.pop(PENDING_KEY, None)
        return render(request, self.template_name, {"form": form, "account": user}, status=200)


class TwoFactorView(ScopedPermissionMixin, View):
    """The user's own two-factor page: enrol (QR code, confirm a code), backup codes, turn off."""

    permission_required = ()
    template_name = "accounts/two_factor.html"

    def get(self, request):
        return self._render(request)

    def post(self, request):
        user = request.user
        action = request.POST.get("action")
        form = CodeForm(request.POST) if action in {"confirm", "disable", "regenerate"} else None
        backup_codes = None
        try:
            if action == "start":
                services.two_factor_start(user=user)
            elif form is None:
                messages.error(request, "Thao tác không hợp lệ.")
            elif form.is_valid():
                code = form.cleaned_data["code"]
                if action == "confirm":
                    device, backup_codes = services.two_factor_confirm(user=user, code=code)
                    django_otp.login(request, device)  # this session is now a verified one
                    messages.success(request, "Đã bật xác thực hai bước.")
                elif action == "disable":
                    services.two_factor_disable(user=user, code=code)
                    messages.success(request, "Đã tắt xác thực hai bước.")
                    return redirect("accounts:two_factor")
                else:
                    backup_codes = services.backup_codes_regenerate(user=user, code=code)
                    messages.success(request, "Đã tạo mã dự phòng mới; các mã cũ không còn dùng được.")
        except services.TwoFactorError as error:
            if form is None:
                messages.error(request, str(error))
            else:
                form.add_error("code", str(error))
        return self._render(request, form=form, action=action, backup_codes=backup_codes)

    def _render(self, request, form=None, action=None, backup_codes=None):
        state = selectors.two_factor_state(request.user)
        context = {
            "state": state,
            "form": form or CodeForm(),
            "action": action,
            "backup_codes": backup_codes,
            "required": request.user.role in settings.TUQUAN_REQUIRE_2FA_ROLES,
            "suggested": request.user.role in settings.TUQUAN_SUGGEST_2FA_ROLES,
        }
        status = 400 if form is not None and form.errors else 200
        return render(request, self.template_name, context, status=status)


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


class UserTwoFactorResetView(ScopedPermissionMixin, UserQuerysetMixin, View):
    """An administrator removes a user's two-factor devices (lost or changed phone)."""

    permission_required = "accounts.change_user"

    def post(self, request, pk):
        user = get_object_or_404(self.get_queryset(), pk=pk)
        if services.two_factor_reset(user=user):
            messages.success(
                request,
                f"Đã đặt lại xác thực hai bước của {user.username}: lần đăng nhập tới chỉ cần mật khẩu, "
                "người dùng nên bật lại ngay.",
            )
        else:
            messages.info(request, f"Tài khoản {user.username} chưa bật xác thực hai bước.")
        return redirect(user.get_absolute_url())
