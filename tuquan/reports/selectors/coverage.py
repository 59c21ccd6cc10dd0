"""Coverage: the current communes with at least one active scheme, and those with none."""

from __future__ import annotations

from django.db.models import (
    Count,
    Q,
)

from tuquan.core.text import vi_sorted
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import Status


def coverage(*, user, unit: AdminUnit | None = None) -> dict:
    """Current communes with at least one active scheme, and the list of those with none (one query).

    ``user=None`` is the system scope. When the communes span several provinces, ``provinces``
    sums them per province (the country's page lists 34 provinces, not 3.321 communes).
    """
    units = AdminUnit.objects.all() if user is None else AdminUnit.objects.visible_to(user)
    communes = units.filter(era=Era.CURRENT, level=Level.COMMUNE)
    if unit is not None:
        communes = communes.filter(path__startswith=unit.path)
    if user is not None and user.is_scheme_leader:
        communes = communes.none()
    rows = list(
        communes.annotate(active=Count("schemes", filter=Q(schemes__status=Status.ACTIVE)))
        .values("pk", "name", "code", "active", "parent_id", "parent__name", "parent__code")
        .order_by("code")
    )
    covered = [row for row in rows if row["active"]]
    uncovered = vi_sorted([row for row in rows if not row["active"]], key=lambda row: row["name"])
    total = len(rows)
    provinces: dict[int, dict] = {}
    for row in rows:
        province = provinces.setdefault(
            row["parent_id"],
            {"pk": row["parent_id"], "name": row["parent__name"], "code": row["parent__code"], "active": 0},
        )
        province["active"] += row["active"]
        province["communes"] = province.get("communes", 0) + 1
        province["covered"] = province.get("covered", 0) + (1 if row["active"] else 0)
    return {
        "total": total,
        "covered": len(covered),
        "percent": round(100 * len(covered) / total, 1) if total else None,
        "uncovered": uncovered,
        "communes": sorted(rows, key=lambda row: -row["active"]),
        "provinces": sorted(provinces.values(), key=lambda row: row["code"]) if len(provinces) > 1 else [],
    }
