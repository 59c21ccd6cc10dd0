"""Reads about users: which accounts an administrator manages."""

from base64 import b32encode
from dataclasses import dataclass

import segno
from django.db.models import Q
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tuquan.accounts.models import User


def users_managed_by(actor):
    """The users whose unit (or whose scheme's commune) lies in ``actor``'s jurisdiction.

    A superuser without a jurisdiction manages everyone; an administrator of one province
    never sees the accounts of another.
    """
    queryset = User.objects.select_related("jurisdiction", "scheme")
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return queryset.none()
    if actor.is_superuser and actor.jurisdiction_id is None:
        return queryset
    if actor.jurisdiction_id is None:
        return queryset.none()
    path = actor.jurisdiction.path
    return queryset.filter(Q(jurisdiction__path__startswith=path) | Q(scheme__commune__path__startswith=path))


@dataclass(frozen=True)
class TwoFactorState:
    """What the user's two-factor page shows."""

    enabled: bool
    backup_codes_left: int = 0
    qr_data_uri: str = ""  # the enrolment QR code as an SVG data: URI (CSP img-src allows data:)
    secret: str = ""  # the same key for typing in by hand, in groups of four


def two_factor_state(user) -> TwoFactorState:
    if user.two_factor_enabled:
        left = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
        return TwoFactorState(enabled=True, backup_codes_left=left)
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if pending is None:
        return TwoFactorState(enabled=False)
    secret = b32encode(pending.bin_key).decode()
    return TwoFactorState(
        enabled=False,
        qr_data_uri=segno.make(pending.config_url, error="m").svg_data_uri(scale=5, border=2),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )
