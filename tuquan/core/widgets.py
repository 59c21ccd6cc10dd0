"""Form widgets every app shares.

``DateInput`` is the one widget of every date field (forms, filters): a text box that shows and
takes dd/mm/yyyy whatever the browser's language, where ``<input type="date">`` would show an
en-US browser mm/dd/yyyy. ``core/datepicker.js`` adds a calendar to it (vanillajs-datepicker,
docs/adr/0013-date-picker.md); typing stays the way in, and the server is the judge of the value.
"""

import re
from collections.abc import Callable
from datetime import date

from django import forms
from django.utils import timezone

DISPLAY_FORMAT = "%d/%m/%Y"
PLACEHOLDER = "dd/mm/yyyy"
# What the field's message says when a date does not parse (locale/vi: Django's "Enter a valid date.").
INVALID_MESSAGE = "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/11/2026."

# d/m/yyyy with "/", "-" or "." between; ddmmyyyy (a phone's number pad has no "/"); ISO yyyy-mm-dd
# (links, older pages, the tests). ``pattern`` is the same rule for the browser (JavaScript syntax).
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{4})")
PATTERN = r"\s*(\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{8}|\d{4}-\d{1,2}-\d{1,2})\s*"

DateBound = date | Callable[[], date]


def today() -> date:
    """A ``min_date``/``max_date`` evaluated when the form is shown (Asia/Ho_Chi_Minh)."""
    return timezone.localdate()


class DateInput(forms.DateInput):
    """A text box for a date written dd/mm/yyyy, with a calendar.

    The value is shown as dd/mm/yyyy; what a user sends in any accepted shape (see ``PATTERN``)
    reaches the field as dd/mm/yyyy or ISO, both in ``DATE_INPUT_FORMATS``, and anything else
    reaches it unchanged, so the field answers with its "invalid" message and the box keeps the
    text. ``min_date``/``max_date`` (a date, or a callable such as ``today``) limit what the
    calendar offers; the services still check the same rule, they are the authority.
    """

    input_type = "text"

    def __init__(self, attrs=None, *, min_date: DateBound | None = None, max_date: DateBound | None = None):
        defaults = {
            "placeholder": PLACEHOLDER,
            "inputmode": "numeric",
            "autocomplete": "off",
            "maxlength": 10,
            "pattern": PATTERN,
            "title": "Ngày/tháng/năm, ví dụ 15/11/2026",
            "data-datepicker": True,
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DISPLAY_FORMAT)
        self.min_date = min_date
        self.max_date = max_date

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for key, bound in (("data-min-date", self.min_date), ("data-max-date", self.max_date)):
            if bound is not None:
                context["widget"]["attrs"][key] = (bound() if callable(bound) else bound).isoformat()
        return context

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return normalise(value) if isinstance(value, str) else value


def normalise(text: str) -> str:
    """``15.11.2026``, ``15-11-2026``, ``15112026`` → ``15/11/2026``; other text is returned stripped.

    Only the shape is normalised: whether the day exists (31/02) is the field's to say.
    """
    text = text.strip()
    match = _DAY_FIRST.fullmatch(text) or _DIGITS.fullmatch(text)
    if match:
        day, month, year = match.groups()
        return f"{day}/{month}/{year}"
    return text
