"""Replication (nhân rộng) reads: a scheme's family tree and how far each kind has spread."""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, Q

from tuquan.core.text import vi_order
from tuquan.schemes.choices import Status
from tuquan.schemes.models import Scheme, SchemeKind

FAMILY_TREE_DEPTH = 6


def replication_spread(*, user) -> list[dict]:
    """Per kind: active schemes (điểm), communes reached, schemes created by replication. Two queries.

    "Communes reached" is a distinct count; grouped by kind in one step PostgreSQL sorts every
    active scheme for it (150 ms for 150.000). Grouping by (kind, commune) first and then by kind
    lets both steps hash (60 ms). Django has no GROUP BY over a subquery, so the outer step
    wraps the SQL of the scoped ORM query (plain SQL, the same on PostgreSQL and SQLite).
    """
    pairs = (
        Scheme.objects.visible_to(user)
        .filter(status=Status.ACTIVE)
        .order_by()
        .values("kind_id", "commune_id")
        .annotate(points=Count("*"), replicated=Count("pk", filter=Q(replicated_from__isnull=False)))
    )
    try:
        sql, params = pairs.query.sql_with_params()
    except EmptyResultSet:  # a user who sees no scheme at all
        return []
    with connections[pairs.db].cursor() as cursor:
        cursor.execute(
            # The ORM's own SQL (its values are in params), wrapped in a constant outer query.
            f"SELECT kind_id, COUNT(*), SUM(points), SUM(replicated) FROM ({sql}) pairs GROUP BY kind_id",  # nosec B608
            params,
        )
        figures = {kind: (communes, points, replicated) for kind, communes, points, replicated in cursor.fetchall()}
    rows = []
    for kind_id, name in SchemeKind.objects.order_by(vi_order("name"), "pk").values_list("pk", "name"):
        if kind_id in figures:
            communes, points, replicated = figures[kind_id]
            rows.append(
                {
                    "kind_id": kind_id,
                    "kind": name,
                    "points": int(points),
                    "communes": int(communes),
                    "replicated": int(replicated),
                }
            )
    return rows


@dataclass
class TreeNode:
    pk: int
    depth: int
    scheme: Scheme | None  # None: outside the user's jurisdiction (only its commune is shown)
    commune_name: str
    is_current: bool


def scheme_family_tree(*, user, scheme: Scheme, max_depth: int = FAMILY_TREE_DEPTH) -> dict:
    """Ancestors up to the root and every descendant of ``scheme`` (each way at most ``max_depth``).

    Walks up by ids (one query a generation), fetches descendants level by level (one query a
    generation), then the nodes in two queries: at most 2 × max_depth + 2 queries in all.
    Schemes outside the user's jurisdiction appear without a link, by commune only.
    """
    ancestors: list[int] = []
    parent_id = scheme.replicated_from_id
    while parent_id and len(ancestors) < max_depth and parent_id not in ancestors:
        ancestors.append(parent_id)
        parent_id = Scheme.objects.filter(pk=parent_id).values_list("replicated_from_id", flat=True).first()
    truncated_up = bool(parent_id)
    ancestors.reverse()  # root first

    children: dict[int, list[int]] = {}
    frontier = [scheme.pk]
    seen = {scheme.pk, *ancestors}
    truncated_down = False
    for level in range(max_depth + 1):
        if not frontier:
            break
        rows = list(Scheme.objects.filter(replicated_from_id__in=frontier).values_list("pk", "replicated_from_id"))
        if level == max_depth:
            truncated_down = bool(rows)
            break
        frontier = []
        for pk, parent in rows:
            if pk in seen:
                continue
            seen.add(pk)
            children.setdefault(parent, []).append(pk)
            frontier.append(pk)

    ids = [*ancestors, scheme.pk, *(pk for kids in children.values() for pk in kids)]
    if len(ids) == 1:
        return {"nodes": [], "truncated": False, "size": 1}
    visible = set(Scheme.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    objects = {
        obj.pk: obj
        for obj in Scheme.objects.filter(pk__in=ids).select_related("commune", "kind").order_by("founded_on", "pk")
    }

    nodes: list[TreeNode] = []

    def add(pk: int, depth: int) -> None:
        obj = objects[pk]
        nodes.append(TreeNode(pk, depth, obj if pk in visible else None, obj.commune.name, pk == scheme.pk))

    for depth, pk in enumerate(ancestors):
        add(pk, depth)

    def walk(pk: int, depth: int) -> None:
        add(pk, depth)
        for child in sorted(children.get(pk, []), key=lambda c: (objects[c].founded_on, c)):
            walk(child, depth + 1)

    walk(scheme.pk, len(ancestors))
    return {"nodes": nodes, "truncated": truncated_up or truncated_down, "size": len(nodes)}
