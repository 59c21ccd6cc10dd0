"""Reading one cell: text (NFC, export's formula guard undone), dates, numbers, yes/no, phones, organisations.

Each reader returns the value or raises ``CellError`` with a Vietnamese message for the preview.
"""

import functools
import re
from datetime import date, datetime

from django.utils import timezone
from openpyxl.utils.datetime import from_excel

from tuquan.core.text import fold, nfc
from tuquan.schemes.choices import HostOrganisation
from tuquan.schemes.excel.columns import header_key


class CellError(ValueError):
    pass


FORMULA_PREFIXES = ("=", "+", "-", "@")
TRUE_WORDS = frozenset({"co", "x", "1", "true", "yes", "c", "dung", "v", "y"})
FALSE_WORDS = frozenset({"", "khong", "0", "false", "no", "k", "ko"})
VI_DATE = re.compile(r"^ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})$")


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    text = nfc(str(value))
    # Undo the export's protection against formula injection ("'=..." → "=...").
    if text.startswith("'") and text[1:2] in FORMULA_PREFIXES:
        text = text[1:]
    return text


def to_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1900 <= value <= 2100:
            raise CellError("Chỉ có năm, cần ngày đầy đủ dạng dd/mm/yyyy.")
        if 1 <= value < 2958466:
            return from_excel(value).date()
        raise CellError("Ngày không hợp lệ, cần dạng dd/mm/yyyy.")
    text = fold(cell_text(value))
    if re.fullmatch(r"\d{4}", text):
        raise CellError("Chỉ có năm, cần ngày đầy đủ dạng dd/mm/yyyy.")
    match = VI_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    elif match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?", text):
        year, month, day = (int(part) for part in match.groups())
    elif match := re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})", text):
        day, month, year = (int(part) for part in match.groups())
        if year < 100:
            year += 2000 if year <= timezone.localdate().year % 100 else 1900
    else:
        raise CellError(f"«{cell_text(value)}» không phải ngày hợp lệ, cần dạng dd/mm/yyyy.")
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise CellError(f"«{cell_text(value)}» không phải ngày có thật (dd/mm/yyyy).") from exc


def to_int(value) -> int:
    if value in (None, ""):
        return 0
    if isinstance(value, bool):
        raise CellError("Phải là số nguyên không âm.")
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError("Phải là số nguyên không âm.")
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = re.sub(r"[\s.,]", "", cell_text(value))
        if not text.isdigit():
            raise CellError(f"«{cell_text(value)}» không phải số nguyên không âm.")
        number = int(text)
    if number < 0:
        raise CellError("Phải là số nguyên không âm.")
    return number


def to_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    word = fold(cell_text(value)).strip(".")
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(f"«{cell_text(value)}»: ghi «Có» hoặc để trống.")


def to_phone(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(int(value))
        # Excel drops the leading zero of a phone number stored as a number (905123456).
        return "0" + text if len(text) in (9, 10) and not text.startswith("84") else text
    text = re.sub(r"[\s.\-()]", "", cell_text(value))
    return "0" + text if text.isdigit() and len(text) == 9 else text


# Organisations by the words officers write (folded); the first that appears wins.
HOST_WORDS: tuple[tuple[str, str], ...] = (
    ("mttq", HostOrganisation.FATHERLAND_FRONT),
    ("mat tran", HostOrganisation.FATHERLAND_FRONT),
    ("cuu chien binh", HostOrganisation.VETERANS),
    ("ccb", HostOrganisation.VETERANS),
    ("nong dan", HostOrganisation.FARMERS),
    ("phu nu", HostOrganisation.WOMEN),
    ("lhpn", HostOrganisation.WOMEN),
    ("doan thanh nien", HostOrganisation.YOUTH),
    ("thanh nien", HostOrganisation.YOUTH),
    ("doan tn", HostOrganisation.YOUTH),
    ("giao xu", HostOrganisation.PARISH),
    ("giao ho", HostOrganisation.PARISH),
    ("chua", HostOrganisation.PAGODA),
    ("phat giao", HostOrganisation.PAGODA),
    ("gia lang", HostOrganisation.ELDERS),
    ("uy tin", HostOrganisation.ELDERS),
    ("doanh nghiep", HostOrganisation.ENTERPRISE),
    ("cong ty", HostOrganisation.ENTERPRISE),
    ("nha truong", HostOrganisation.SCHOOL),
    ("truong", HostOrganisation.SCHOOL),
    ("cong an", HostOrganisation.POLICE),
    ("thon", HostOrganisation.VILLAGE),
    ("to dan pho", HostOrganisation.VILLAGE),
    ("khu pho", HostOrganisation.VILLAGE),
    ("co quan", HostOrganisation.AGENCY),
    ("khac", HostOrganisation.OTHER),
)
HOST_EXACT = {fold(label): value for value, label in HostOrganisation.choices} | {
    value: value for value in HostOrganisation.values
}


@functools.lru_cache(maxsize=1024, typed=True)
def to_host(value) -> str:
    """The host organisation a cell names (its label, its code, or words of it). A column repeats
    a few values down thousands of rows: each is recognised once."""
    text = fold(cell_text(value))
    if text in HOST_EXACT:
        return HOST_EXACT[text]
    padded = f" {header_key(text)} "
    for words, host in HOST_WORDS:
        if f" {words} " in padded:
            return host
    options = ", ".join(label for _, label in HostOrganisation.choices)
    raise CellError(f"Không nhận ra tổ chức «{cell_text(value)}»; chọn một trong: {options}.")


def to_hosts(value) -> list[str]:
    parts = [part for part in re.split(r"[;\n/]|,(?![^(]*\))", cell_text(value)) if part.strip()]
    return list(dict.fromkeys(to_host(part) for part in parts))
