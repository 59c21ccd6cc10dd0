import math
from dataclasses import dataclass

from axes.utils import reset
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tuquan.accounts.models import User


@transaction.atomic
def user_save(*, form) -> User:
    """Create or update a user from a validated ``UserForm`` (audit-logged)."""
    user = form.save(commit=False)
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def user_deactivate(*, user: User) -> User:
    """Users are never deleted: they are deactivated and keep their history."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


def user_unlock(*, user: User) -> int:
    """Clear the failed-login lockout of ``user``; returns how many attempts were removed."""
    return reset(username=user.username)


# --------------------------------------------------------------------------- two-factor (TOTP)
# docs/adr/0010-two-factor.md. A user has at most one confirmed TOTP device (an authenticator
# app) and one static device holding their backup codes; ``User.two_factor_enabled`` mirrors
# "has a confirmed TOTP device" so that the middleware can decide without a query.

BACKUP_CODE_COUNT = 10


class TwoFactorError(Exception):
    """A refused two-factor step; the message is for the user (Vietnamese)."""


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of checking a code: the device that accepted it, or why none did."""

    device: Device | None
    wait_seconds: int = 0

    @property
    def ok(self) -> bool:
        return self.device is not None


def _throttle_wait(device: Device) -> int:
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))


def two_factor_check(*, user: User, code: str, devices: list[Device] | None = None) -> CodeCheck:
    """Check ``code`` against the user's confirmed devices (authenticator, then backup codes).

    Each device verifies under ``select_for_update`` (``django_otp.verify_token``), so a code
    is accepted once only; a wrong code counts against every device's back-off.
    """
    code = "".join((code or "").split()).lower()
    if not code or len(code) > 16:
        return CodeCheck(device=None)
    candidates = devices if devices is not None else list(devices_for_user(user))
    wait = 0
    for device in candidates:
        delay = _throttle_wait(device)
        if delay:
            wait = max(wait, delay)
            continue
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            return CodeCheck(device=verified)
    return CodeCheck(device=None, wait_seconds=wait)


def _backup_codes_create(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Mã dự phòng", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for ``user`` (replacing an unfinished one)."""
    if user.two_factor_enabled:
        raise TwoFactorError("Tài khoản đã bật xác thực hai bước.")
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)


def two_factor_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Confirm the unfinished authenticator with a code it shows; returns it and new backup codes.

    The code is checked outside the transaction that writes, so that a wrong code's back-off
    (``ThrottlingMixin``) is kept even though the step is refused; likewise below.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        raise TwoFactorError("Chưa có mã QR để xác nhận: hãy bấm «Bật xác thực hai bước» lại.")
    check = two_factor_check(user=user, code=code, devices=[device])
    if not check.ok:
        raise TwoFactorError(wrong_code_message(check))
    with transaction.atomic():
        device.refresh_from_db()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _backup_codes_create(user)
        user.two_factor_enabled = True
        user.save(update_fields=["two_factor_enabled"])  # audit-logged (User is tracked)
    return device, codes


def two_factor_disable(*, user: User, code: str) -> None:
    """Turn two-factor off; needs a current code (or a backup code) from the user."""
    _require_code(user, code)
    with transaction.atomic():
        _devices_delete(user)


def backup_codes_regenerate(*, user: User, code: str) -> list[str]:
    """New backup codes (the old ones stop working); needs a current code."""
    _require_code(user, code)
    with transaction.atomic():
        return _backup_codes_create(user)


def _require_code(user: User, code: str) -> None:
    if not user.two_factor_enabled:
        raise TwoFactorError("Tài khoản chưa bật xác thực hai bước.")
    check = two_factor_check(user=user, code=code)
    if not check.ok:
        raise TwoFactorError(wrong_code_message(check))


@transaction.atomic
def two_factor_reset(*, user: User) -> bool:
    """An administrator removes a user's devices (lost phone); the user logs in with the password
    only and may enrol again. Returns whether two-factor was on."""
    was_enabled = user.two_factor_enabled
    _devices_delete(user)
    return was_enabled


def _devices_delete(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    if user.two_factor_enabled:
        user.two_factor_enabled = False
        user.save(update_fields=["two_factor_enabled"])


def wrong_code_message(check: CodeCheck) -> str:
    if check.wait_seconds:
        return f"Nhập sai mã nhiều lần: hãy chờ {check.wait_seconds} giây rồi thử lại."
    return "Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã 6 chữ số đang hiện trên ứng dụng xác thực."
