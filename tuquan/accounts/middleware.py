"""Two-factor rules applied to every request of a logged-in browser session.

- A user who has turned two-factor on must hold a session verified with a code: any other session
  (one opened before they enrolled, or through a login page that asks no code) is logged out.
- With ``TUQUAN_REQUIRE_2FA_ROLES`` set, a user of those roles without two-factor can only reach
  the enrolment page (and log out) until they enrol.

Both decisions read the user row already loaded for the request (``two_factor_enabled``) and the
session; no query of their own. API calls with a bearer token are not session logins and are not
concerned (docs/adr/0010-two-factor.md).
"""

from django.conf import settings
from django.contrib import auth, messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

ENROL_URL_NAME = "accounts:two_factor"
OPEN_URL_NAMES = (ENROL_URL_NAME, "accounts:logout", "accounts:login", "accounts:login_code")


def must_enrol(user) -> bool:
    required = set(getattr(settings, "TUQUAN_REQUIRE_2FA_ROLES", ()))
    return bool(required) and getattr(user, "role", None) in required and not user.two_factor_enabled


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            is_verified = getattr(user, "is_verified", None)
            if user.two_factor_enabled and not (is_verified and is_verified()):
                auth.logout(request)
                messages.warning(request, "Tài khoản đã bật xác thực hai bước: hãy đăng nhập lại và nhập mã xác thực.")
            elif must_enrol(user) and request.path_info not in {reverse(name) for name in OPEN_URL_NAMES}:
                message = "Vai trò của bạn phải bật xác thực hai bước trước khi sử dụng hệ thống."
                if request.path_info.startswith("/api/"):
                    return JsonResponse({"detail": message, "code": "two_factor_required"}, status=403)
                messages.warning(request, message)
                return redirect(ENROL_URL_NAME)
        return self.get_response(request)
