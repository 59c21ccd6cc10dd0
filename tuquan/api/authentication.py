"""Who is calling the API: a personal bearer token, or the browser session (CSRF enforced).

django-auditlog's middleware reads ``request.user`` before the view runs; DRF authenticates
lazily inside the view, so for a token request the middleware saw an anonymous user. Both
classes therefore hand the authenticated user to the audit context themselves, so every
write through the API is logged with its real actor.
"""

import hashlib
import hmac
from datetime import timedelta

from auditlog.context import auditlog_value
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from tuquan.api.models import ApiToken

TOKEN_PREFIX = "tq_"
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def split_token(token: str) -> tuple[str, str] | None:
    """``tq_<prefix>_<secret>`` → (prefix, secret), or None when it is not shaped like a token."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    prefix, sep, secret = token[len(TOKEN_PREFIX) :].partition("_")
    if not sep or not prefix or not secret:
        return None
    return prefix, secret


def attach_audit_actor(user) -> None:
    """Make ``user`` the actor of audit entries written during the rest of this request."""
    try:
        context = auditlog_value.get()
    except LookupError:
        return
    if context.get("actor") is None:
        context["actor"] = user


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer tq_<prefix>_<secret>``."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Tiêu đề Authorization phải có dạng: Bearer <mã truy cập>.")
        try:
            token = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed("Mã truy cập không hợp lệ.") from exc
        return self.authenticate_token(token)

    def authenticate_token(self, token: str):
        parts = split_token(token)
        if parts is None:
            raise exceptions.AuthenticationFailed("Mã truy cập không hợp lệ.")
        record = ApiToken.objects.usable().select_related("user", "user__jurisdiction").filter(prefix=parts[0]).first()
        if record is None or not hmac.compare_digest(record.secret_hash, hash_token(token)):
            raise exceptions.AuthenticationFailed("Mã truy cập không hợp lệ, đã bị thu hồi hoặc tài khoản đã khóa.")
        now = timezone.now()
        if record.last_used_at is None or now - record.last_used_at > LAST_USED_RESOLUTION:
            # A bookkeeping column, not a change a person made: no audit entry, no signals.
            ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
        attach_audit_actor(record.user)
        return record.user, record

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """The browser session (Swagger UI, the site's own scripts); CSRF is enforced on writes."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            attach_audit_actor(result[0])
        return result


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "tuquan.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Mã truy cập cá nhân tạo tại Tài khoản → Mã truy cập API (dạng tq_xxxxxxxx_...).",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "tuquan.api.authentication.SessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
