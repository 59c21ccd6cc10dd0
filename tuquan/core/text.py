"""Vietnamese text: one place for folding (search) and for sort order.

Folding (case, diacritics, NFC/NFD, đ→d) uses the standard library's Unicode
database; ordering uses ICU's Vietnamese collation (PyICU), both in Python and
in the database (collation ``vi_icu``: an ICU collation on PostgreSQL, the same
ICU collator registered on every SQLite connection). See docs/adr/0003.
"""

import re
import unicodedata
from functools import cache

import icu
from django.db.models import F
from django.db.models.functions import Collate

DB_COLLATION = "vi_icu"


def nfc(text: str | None) -> str:
    """The text in Unicode NFC, surrounding whitespace removed."""
    return unicodedata.normalize("NFC", text or "").strip()


def fold(text: str | None) -> str:
    """The search form of a text: lower case, no diacritics, đ→d, single spaces.

    >>> fold("Tiếng  KẺNG an ninh")
    'tieng keng an ninh'

    The diacritics of Latin text (every Vietnamese text) are removed with one regular expression
    instead of asking the Unicode database for each character: twice as fast (an import of 10.000
    rows folds 50.000 texts). Any other text takes the general way; both give the same result
    (``core/tests/test_text.py``).
    """
    decomposed = unicodedata.normalize("NFD", text or "")
    if _LATIN.fullmatch(decomposed):
        return _tidy(_LATIN_MARKS.sub("", decomposed))
    return _tidy(_without_marks(decomposed))


# ASCII, Latin-1, Latin Extended-A and -B, Latin Extended Additional and the combining diacritics:
# decomposed, such text has no nonspacing mark (Unicode category Mn) outside U+0300–U+036F.
_LATIN = re.compile("[\\x00-\\u024f\\u0300-\\u036f\\u1e00-\\u1eff]*")
_LATIN_MARKS = re.compile("[\\u0300-\\u036f]+")


def _fold_unicode(text: str) -> str:
    """``fold`` the general way, whatever the text (the reference the tests compare with)."""
    return _tidy(_without_marks(unicodedata.normalize("NFD", text or "")))


def _without_marks(decomposed: str) -> str:
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _tidy(stripped: str) -> str:
    """đ→d, lower case, single spaces: the rest of folding once the diacritics are gone."""
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").lower().split())


@cache
def _collator() -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale("vi_VN"))


def sort_key(text: str | None) -> bytes:
    """A key that orders Vietnamese text as the alphabet does (a ă â b c d đ e ê ...)."""
    return _collator().getSortKey(nfc(text))


def vi_sorted(items, key=lambda item: item):
    """Items sorted in Vietnamese order by ``key(item)``."""
    return sorted(items, key=lambda item: sort_key(key(item)))


def compare(a: str | None, b: str | None) -> int:
    return _collator().compare(nfc(a), nfc(b))


def vi_order(field: str, descending: bool = False):
    """An ORDER BY expression sorting ``field`` in Vietnamese order in the database."""
    expression = Collate(F(field), DB_COLLATION)
    return expression.desc() if descending else expression.asc()


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(DB_COLLATION, compare)
