"""Test helpers of schemes: a kind and a scheme made directly, with unique codes."""

from datetime import date
from itertools import count

from tuquan.schemes.models import Scheme, SchemeKind

_numbers = count(1)


def make_kind(name: str = "Tiếng kẻng an ninh (thử)", field: str = "nong_thon") -> SchemeKind:
    kind, _ = SchemeKind.objects.get_or_create(name=name, defaults={"field": field, "search_text": name.lower()})
    return kind


def make_scheme(commune, founded_on: date, status: str = "active", ended_on: date | None = None, **extra) -> Scheme:
    number = next(_numbers)
    return Scheme.objects.create(
        code=f"RV-{number:05d}",
        kind=extra.pop("kind", None) or make_kind(),
        name=extra.pop("name", f"Mô hình thử {number}"),
        commune=commune,
        founded_on=founded_on,
        status=status,
        ended_on=ended_on,
        **extra,
    )
