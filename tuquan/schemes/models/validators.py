"""Validators of the personal and contact data the registry keeps (schemes' leaders, members)."""

from django.core.validators import RegexValidator

phone_validator = RegexValidator(
    regex=r"^(\+84|0)[1-9][0-9]{8,9}$",
    message="Số điện thoại không hợp lệ: 10–11 chữ số, bắt đầu bằng 0 hoặc +84 (ví dụ 0905123456).",
)
national_id_validator = RegexValidator(
    regex=r"^[0-9]{12}$",
    message="Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số.",
)
