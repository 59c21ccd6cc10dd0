"""Writes for personal API tokens."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tuquan.api.authentication import TOKEN_PREFIX, hash_token
from tuquan.api.models import ApiToken
from tuquan.core.text import nfc

MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the secret, which is never shown again."""
    name = nfc(name)
    if not name:
        raise ValidationError({"name": ["Nhập tên gợi nhớ cho mã truy cập."]})
    if ApiToken.objects.owned_by(user).filter(revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            {"name": [f"Bạn đã có {MAX_ACTIVE_TOKENS} mã đang dùng; hãy thu hồi mã không dùng trước khi tạo mã mới."]}
        )
    for _ in range(5):
        prefix = secrets.token_hex(4)
        token = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
        record = ApiToken(user=user, name=name, prefix=prefix, secret_hash=hash_token(token))
        record.full_clean(exclude=["user"])
        try:
            with transaction.atomic():
                record.save()
        except IntegrityError:  # pragma: no cover - a 32-bit prefix collision
            continue
        return record, token
    raise RuntimeError("could not allocate a unique token prefix")  # pragma: no cover


@transaction.atomic
def api_token_revoke(*, user, token: ApiToken) -> ApiToken:
    """Revoke one of ``user``'s own tokens; it stops working at once and stays listed as revoked."""
    if token.user_id != user.pk:
        raise ValidationError("Chỉ thu hồi được mã truy cập của chính bạn.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.full_clean(exclude=["user"])
        token.save(update_fields=["revoked_at"])
    return token
