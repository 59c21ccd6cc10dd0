"""Small hand-built datasets for the statistics tests (no dependency on the demo data)."""

import uuid
from datetime import date
from itertools import count

from tuquan.places.models import AdminUnit
from tuquan.schemes.models import Member, Scheme, SchemeKind, Team

_codes = count(1)


def unit(code: str, era: str = "current", level: str = "commune") -> AdminUnit:
    return AdminUnit.objects.get(era=era, level=level, code=code)


def kind(name: str = "Tiếng kẻng an ninh", field: str = "nong_thon") -> SchemeKind:
    obj, _ = SchemeKind.objects.get_or_create(name=name, defaults={"field": field, "search_text": name.lower()})
    return obj


def scheme(
    *,
    commune: AdminUnit,
    legacy_commune: AdminUnit | None = None,
    scheme_kind: SchemeKind | None = None,
    founded_on: date = date(2020, 1, 1),
    status: str = "active",
    ended_on: date | None = None,
    host: str = "cong_an",
    rating: str = "",
    rating_year: int | None = None,
    teams: int = 0,
    members: int = 0,
) -> Scheme:
    number = next(_codes)
    obj = Scheme.objects.create(
        code=f"T-{number:05d}-{uuid.uuid4().hex[:6]}",
        name=f"Mô hình thử {number}",
        kind=scheme_kind or kind(),
        commune=commune,
        legacy_commune=legacy_commune,
        founded_on=founded_on,
        status=status,
        ended_on=ended_on,
        host=host,
        latest_rating=rating,
        latest_rating_year=rating_year,
        search_text=f"mo hinh thu {number}",
    )
    team_objs = [Team.objects.create(scheme=obj, name=f"Tổ {i + 1}") for i in range(teams)]
    for i in range(members):
        Member.objects.create(scheme=obj, team=team_objs[0] if team_objs else None, full_name=f"Thành viên {i + 1}")
    return obj


def grow(commune, other_commune, n: int) -> None:
    """``n`` more schemes, rated Khá in 2022, alternately in two communes (for query counts that must not grow)."""
    for number in range(n):
        scheme(
            commune=commune if number % 2 else other_commune,
            scheme_kind=kind(f"Loại tăng {number}"),
            rating="kha",
            rating_year=2022,
            teams=1,
            members=2,
        )
