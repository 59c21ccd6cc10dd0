from auditlog.registry import auditlog
from django import forms
from django.utils.text import capfirst

from tuquan.audit.templatetags.audit_tags import ACTION_LABELS
from tuquan.core.forms import style_widgets
from tuquan.core.text import vi_sorted
from tuquan.core.widgets import DateInput


def _model_choices() -> list[tuple[str, str]]:
    models = vi_sorted(auditlog.get_models(), key=lambda model: str(model._meta.verbose_name))
    return [("", "Mọi loại đối tượng")] + [
        (f"{model._meta.app_label}.{model._meta.model_name}", capfirst(str(model._meta.verbose_name)))
        for model in models
    ]


class LogFilterForm(forms.Form):
    q = forms.CharField(label="Đối tượng", required=False, max_length=200)
    actor = forms.CharField(label="Người thực hiện", required=False, max_length=150)
    model = forms.ChoiceField(label="Loại đối tượng", required=False)
    action = forms.TypedChoiceField(
        label="Thao tác",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Mọi thao tác")] + [(value, label) for value, label in ACTION_LABELS.items()],
    )
    since = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
    until = forms.DateField(label="Đến ngày", required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = _model_choices()
        style_widgets(self.fields.values(), small=True, replace=True)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "Ngày kết thúc phải sau ngày bắt đầu.")
        return cleaned
