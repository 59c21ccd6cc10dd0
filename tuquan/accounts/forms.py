from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin

from tuquan.accounts.choices import Role
from tuquan.accounts.models import User
from tuquan.core.forms import style_widgets
from tuquan.core.search_choices import search_long_choices, searchable_form
from tuquan.places.choices import Era
from tuquan.places.models import AdminUnit


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Sau nhiều lần sai, tài khoản sẽ bị tạm khóa.",
        "inactive": "Tài khoản này đã bị vô hiệu hóa. Liên hệ quản trị viên.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"
        style_widgets(self.fields.values(), replace=True)


PASSWORD_RULES = (
    "Ít nhất 10 ký tự, không phải mật khẩu phổ biến, không chỉ gồm chữ số, không giống tên đăng nhập hay họ tên."
)


class UserForm(SetPasswordMixin, forms.ModelForm):
    """Create or edit a user: role and jurisdiction; a password only when it is set."""

    password1, password2 = SetPasswordMixin.create_password_fields(
        label1="Mật khẩu mới", label2="Nhập lại mật khẩu mới"
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "email", "phone", "role", "jurisdiction", "scheme", "is_active"]
        labels = {"username": "Tên đăng nhập", "email": "Thư điện tử", "is_active": "Đang hoạt động"}

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        # An administrator hands out only units and schemes inside their own jurisdiction.
        units = AdminUnit.objects.filter(era=Era.CURRENT).exclude(level="district")
        schemes = self.fields["scheme"].queryset
        if actor is not None:
            units = units.visible_to(actor)
            schemes = schemes.visible_to(actor)
        self.fields["jurisdiction"].queryset = units.order_by("path")
        self.fields["scheme"].queryset = schemes.select_related("commune")
        self.fields["jurisdiction"].empty_label = "— Chọn địa bàn —"
        self.fields["scheme"].empty_label = "— Không (chỉ cho Trưởng mô hình) —"
        creating = self.instance.pk is None
        self.fields["password1"].required = creating
        self.fields["password2"].required = creating
        self.fields["password1"].help_text = PASSWORD_RULES
        if not creating:
            self.fields["password1"].help_text = f"Để trống nếu không đổi mật khẩu. {PASSWORD_RULES}"
        style_widgets(self.fields.values(), replace=True)
        search_long_choices(self, "accounts.user", "jurisdiction", "scheme")

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role == Role.LEADER and not cleaned.get("scheme"):
            self.add_error("scheme", "Trưởng mô hình phải được gán một mô hình.")
        if role in {Role.PV05, Role.COMMUNE, Role.VIEWER, Role.ADMIN} and not cleaned.get("jurisdiction"):
            self.add_error("jurisdiction", "Vai trò này cần một địa bàn phụ trách.")
        if role == Role.COMMUNE and cleaned.get("jurisdiction") and cleaned["jurisdiction"].level != "commune":
            self.add_error("jurisdiction", "Cán bộ Công an cấp xã phải được giao một xã/phường/đặc khu.")
        if role == Role.PV05 and cleaned.get("jurisdiction") and cleaned["jurisdiction"].level != "province":
            self.add_error("jurisdiction", "Cán bộ PV05 phải được giao một tỉnh.")
        if cleaned.get("password1") or cleaned.get("password2"):
            self.validate_passwords()
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if self.cleaned_data.get("password1"):
            self.validate_password_for_user(self.instance)

    def save(self, commit: bool = True):
        user = super().save(commit=False)
        user.is_staff = user.role == Role.ADMIN
        if self.cleaned_data.get("password1"):
            user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or one of the backup codes."""

    code = forms.CharField(
        label="Mã xác thực",
        max_length=20,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autofocus": True,
                "spellcheck": "false",
            }
        ),
        help_text="6 chữ số trên ứng dụng xác thực (Google Authenticator, Microsoft Authenticator…) "
        "hoặc một mã dự phòng.",
        error_messages={"required": "Hãy nhập mã xác thực."},
    )


@searchable_form("accounts.user", permission="accounts.add_user")
def _user_form(user):
    return UserForm(actor=user)
