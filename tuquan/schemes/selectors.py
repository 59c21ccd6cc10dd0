"""Reads of the scheme registry: scoped querysets for the pages, exports and API."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Concat

from tuquan.core.memo import Remembered
from tuquan.core.scoping import reach
from tuquan.core.text import sort_key, vi_order
from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit, Succession
from tuquan.schemes.choices import Field
from tuquan.schemes.models import ActivityReport, Member, Scheme, SchemeKind, SchemeTally, Team


def _count_subquery(model, **filters):
    rows = (
        model.objects.filter(scheme=OuterRef("pk"), **filters)
        .order_by()
        .values("scheme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def scheme_list(*, user):
    """The schemes ``user`` may see, with what the list shows, in one query per page."""
    return (
        Scheme.objects.visible_to(user)
        .select_related("kind", "commune", "legacy_commune__parent")
        .annotate(
            team_count=_count_subquery(Team, is_active=True),
            member_count=_count_subquery(Member, left_on__isnull=True),
        )
    )


def scheme_for_detail(*, user, pk):
    """The scheme of its page, with what the page shows of its kind and units.

    The scheme it was replicated from and the one it was merged into (rarely either) are read apart,
    with their communes, only when there is one: joined in, the three copies of the scheme table made
    PostgreSQL spend 3,5 ms planning a query that runs in 0,3 ms (0,7 ms without them).
    """
    from tuquan.core.scoping import get_for_user

    with_commune = Scheme.objects.select_related("commune")
    queryset = Scheme.objects.select_related("kind", "commune", "legacy_commune__parent").prefetch_related(
        Prefetch("replicated_from", queryset=with_commune), Prefetch("merged_into", queryset=with_commune)
    )
    return get_for_user(queryset, user, "view", pk=pk)


def scheme_teams(*, scheme):
    return scheme.teams.annotate(
        member_count=Count("members", filter=Q(members__left_on__isnull=True)),
    ).order_by(vi_order("name"))


def scheme_members(*, scheme):
    return scheme.members.select_related("team").order_by("is_anonymised", "team__name", vi_order("full_name"), "pk")


def scheme_activity(*, scheme):
    return scheme.activity_reports.order_by("-period_end")


def scheme_activity_totals(*, scheme) -> dict:
    from django.db.models import Sum

    return ActivityReport.objects.filter(scheme=scheme).aggregate(
        **{name: Sum(name) for name in ActivityReport.COUNTERS}
    )


def scheme_related(*, user, scheme) -> dict:
    """Replicas and schemes merged into this one, limited to what ``user`` may see."""
    visible = Scheme.objects.visible_to(user).select_related("commune")
    return {
        "replicas": visible.filter(replicated_from=scheme).order_by(vi_order("name")),
        "merged_schemes": visible.filter(merged_into=scheme).order_by(vi_order("name")),
    }


def _filter_units(*, user, query: str = ""):
    """(current, legacy) units the list's unit filter offers to ``user``, matching ``query``."""
    current = _current_units(user).order_by("level", vi_order("short_name"))
    legacy = _old_units().filter(successions_as_old__new_unit__in=current.filter(level=Level.COMMUNE).values("pk"))
    legacy = legacy.distinct()
    if query:
        current, legacy = current.search(query), legacy.search(query)
    return current, legacy


def _current_units(user):
    """The province and communes of the current map that ``user`` may see (unsorted)."""
    return AdminUnit.objects.visible_to(user).current().filter(level__in=[Level.PROVINCE, Level.COMMUNE])


def _old_units():
    """Districts and communes of the pre-2025 map, in path order."""
    return AdminUnit.objects.filter(era=Era.LEGACY, level__in=[Level.DISTRICT, Level.COMMUNE]).order_by("path")


# Units are reference data, written only by ``places_load``: a jurisdiction's choices are kept in
# memory (4–5 ms of every list page otherwise). This process forgets them when it writes units
# (``units_loaded``, ``post_save``, ``post_delete``); another process's ``load_places`` reaches the
# servers within ``UNIT_CHOICES_SECONDS``.
UNIT_CHOICES_SECONDS = 300
unit_choices_kept = Remembered(seconds=UNIT_CHOICES_SECONDS)


def forget_unit_choices(**_signal) -> None:
    unit_choices_kept.forget()


def unit_filter_choices(*, user, limit: int | None = None) -> list | None:
    """Choices of the list's unit filter: current units of the jurisdiction, then the old ones.

    ``None`` when there are more than ``limit`` of either (a whole country: the page then offers
    a search box filled by ``unit_options`` instead of a ``<select>`` of 14.000 units). The result
    is shared by the requests of the same reach (``core.scoping.reach``): do not change it.
    """
    return unit_choices_kept.get((reach(user), limit), lambda: _read_unit_choices(_current_units(user), limit))


# Whether the kind filter is a <select> or a search box: one count of the catalogue, kept like the
# units' choices (a kind added elsewhere turns the <select> into a search box within the interval).
kind_total_kept = Remembered(seconds=UNIT_CHOICES_SECONDS)


def forget_kind_total(**_signal) -> None:
    kind_total_kept.forget()


def kind_total() -> int:
    """How many kinds the catalogue holds."""
    return kind_total_kept.get("kinds", SchemeKind.objects.count)


def _read_unit_choices(current, limit: int | None) -> list | None:
    end = None if limit is None else limit + 1
    # Read unsorted and sorted here: a whole country's 3.300 communes need no sort to learn that they
    # are too many for a <select> (2 ms of a national list page otherwise).
    current_rows = list(current.values_list("pk", "name", "level", "short_name")[:end])
    if limit is not None and len(current_rows) > limit:
        return None
    current_rows.sort(key=lambda row: (row[2], sort_key(row[3]), row[0]))
    # The old units that became these communes, by their keys: asked through subqueries, the planner
    # hashed the whole succession table or all 10.000 old units (2–5 ms instead of 0,5).
    communes = [pk for pk, _name, level, _short in current_rows if level == Level.COMMUNE]
    old_units = list(Succession.objects.filter(new_unit__in=communes).values_list("old_unit", flat=True).distinct())
    legacy_rows = list(
        _old_units().filter(pk__in=old_units).values_list("pk", "name", "level", "parent__short_name")[:end]
    )
    if limit is not None and len(legacy_rows) > limit:
        return None
    choices = [("", "Toàn bộ địa bàn")]
    if current_rows:
        choices.append(
            (
                "Hiện hành (từ 01/7/2025)",
                [(pk, name) for pk, name, _level, _short in current_rows],
            )
        )
    if legacy_rows:
        choices.append(
            (
                "Trước 01/7/2025",
                [
                    (pk, name if level == Level.DISTRICT else f"\u2003{name} ({parent})")
                    for pk, name, level, parent in legacy_rows
                ],
            )
        )
    return choices


def unit_options(*, user, query: str, limit: int = 30) -> list[dict]:
    """Units of the unit filter whose name matches ``query`` (no diacritics needed), for the search box."""
    current, legacy = _filter_units(user=user, query=query)
    rows = [
        {"id": pk, "text": name, "group": "Hiện hành (từ 01/7/2025)"}
        for pk, name in current.values_list("pk", "name")[:limit]
    ]
    rows += [
        {"id": pk, "text": f"{name} ({parent})" if parent else name, "group": "Trước 01/7/2025"}
        for pk, name, parent in legacy.values_list("pk", "name", "parent__short_name")[: max(0, limit - len(rows))]
    ]
    return rows


def unit_option(*, user, pk) -> dict | None:
    """The unit ``pk`` as the unit filter shows it, if the filter offers it to ``user``."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    current, legacy = _filter_units(user=user)
    row = current.filter(pk=pk).values("pk", "name").first() or legacy.filter(pk=pk).values("pk", "name").first()
    return {"id": row["pk"], "text": row["name"]} if row else None


def kind_options(*, query: str, limit: int = 30) -> list[dict]:
    """Kinds of the catalogue whose name matches ``query``, for the kind filter's search box."""
    kinds = SchemeKind.objects.search(query).order_by(vi_order("name")).values_list("pk", "name")[:limit]
    return [{"id": pk, "text": name, "group": ""} for pk, name in kinds]


# Up to this many schemes in a list, a page is found by sorting them rather than by walking the code index.
SORT_IN_MEMORY_UP_TO = 20_000


@dataclass
class SeekPage:
    """One page of a list ordered by a unique indexed key, found by the key, not by an offset."""

    rows: list
    count: int
    has_previous: bool
    has_next: bool

    @property
    def first_key(self):
        return self.rows[0].code if self.rows else None

    @property
    def last_key(self):
        return self.rows[-1].code if self.rows else None


def seek_page(
    queryset,
    *,
    size: int,
    after: str = "",
    before: str = "",
    last: bool = False,
    count: int | None = None,
    rows=None,
) -> SeekPage:
    """The page of ``queryset`` in ``code`` order after or before a code, or the first or last page.

    Keyset ("seek") pagination on the unique index of ``code``: every page, the last one too,
    reads ``size + 1`` rows from the index instead of skipping an offset of up to 150.000.
    Codes are ``<province>-<commune>-<number>``, so the order groups schemes by unit. Two
    queries: the count (unless the caller knows it, see ``tallied_count``) and the page.
    ``rows``: the queryset the page's rows are read from once their keys are found in
    ``queryset`` (the same columns without its filters; see ``_first_rows``), else ``queryset``.
    """
    if count is None:
        count = queryset.count()
    # Walking the code index suits a long list. A narrow one (a province of a national database) may
    # sit anywhere in code order, and the planner, which cannot know that a unit's schemes share a
    # code prefix, would walk half the index to find it (40 ms); sorting its few rows takes 6 ms.
    # The count just taken decides: an expression is ordered by a sort, not by the index.
    key = F("code") if count > SORT_IN_MEMORY_UP_TO else Concat("code", Value(""))
    source = queryset if rows is None else rows
    if last:
        found = _first_rows(queryset, key.desc(), size, source)[::-1]
        return SeekPage(found, count, has_previous=count > len(found), has_next=False)
    if before:
        found = _first_rows(queryset.filter(code__lt=before), key.desc(), size + 1, source)
        return SeekPage(found[:size][::-1], count, has_previous=len(found) > size, has_next=True)
    if after:
        queryset = queryset.filter(code__gt=after)
    found = _first_rows(queryset, key.asc(), size + 1, source)
    return SeekPage(found[:size], count, has_previous=bool(after), has_next=len(found) > size)


def tallied_count(*, user, filterset) -> int | None:
    """The number of schemes the list of ``filterset`` shows, from ``SchemeTally``, or ``None``.

    Answers when the only filter is the status (or none: every status but voided), which is the
    registry as an officer first opens it: nationally a sum over a few thousand tally rows
    instead of counting 150.000 schemes. Any other filter, or a scheme leader (who sees one
    scheme, not a commune), leaves the count to the filtered queryset.
    """
    if user.is_scheme_leader:
        return None
    filters = {}
    if filterset.is_bound:
        if not filterset.form.is_valid():
            return None
        filters = {name: value for name, value in filterset.form.cleaned_data.items() if value not in (None, "", [])}
    if not filters.keys() <= {"status"}:
        return None
    rows = filterset.hide_voided(SchemeTally.objects.visible_to(user))
    if "status" in filters:
        rows = rows.filter(status=filters["status"])
    return rows.aggregate(n=Coalesce(Sum("count"), 0))["n"]


def registry_version(*, user) -> int:
    """The version of the registry ``user``'s list shows: the sum of ``SchemeTally.changes`` in reach.

    Triggers add to ``changes`` whenever a scheme, a team, a member, a kind or a unit changes
    (migration 0005, ADR 0015), and nothing subtracts, so the sum grows with every committed change
    the user could see. 0 when no tally row is in reach (nothing counts; the list is not cached).
    """
    where = reach(user)
    if where.kind == "nothing":
        return 0
    # Asked on every list page: the scoped query is compiled once per reach and database (Django
    # would otherwise build and compile it anew, 1 ms of the 10 a cached page costs).
    key = (connection.alias, connection.vendor, where)
    sql = _version_queries.get(key)
    if sql is None:
        rows, params = SchemeTally.objects.visible_to(user).order_by().values("changes").query.sql_with_params()
        if len(_version_queries) > 10_000:
            _version_queries.clear()
        sql = _version_queries[key] = (f"SELECT COALESCE(SUM(changes), 0) FROM ({rows}) AS tally", params)  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(*sql)
        return cursor.fetchone()[0]


_version_queries: dict = {}


def _first_rows(queryset, order, size: int, rows) -> list:
    """The first ``size`` rows of ``queryset`` in ``order``, read from ``rows``, in one query.

    The page's keys are found first, from the scheme and its unit alone (narrow rows to sort or an
    index to read), and only those rows are joined to their kind, old commune and counts: sorting a
    province's 3.000 schemes with every joined column took 5,6 ms, the keys alone 1,5 ms. The rows
    are read by key from ``rows``, which need not repeat ``queryset``'s filters: with them a search
    without diacritics scanned its trigram index twice (17 ms of SQL nationally; 8 ms without).
    """
    keys = queryset.order_by(order).values("pk")[:size]
    return list(rows.filter(pk__in=keys).order_by(order))


def user_communes(*, user):
    """Current commune-level units where ``user`` may register schemes."""
    return AdminUnit.objects.visible_to(user).current().communes().order_by(vi_order("name"))


def kind_list(*, user, query: str = ""):
    """The catalogue of kinds, by field then in Vietnamese order; ``with_scheme_counts`` counts a page's."""
    return (
        SchemeKind.objects.search(query)
        .annotate(
            field_rank=Case(
                *[When(field=value, then=Value(rank)) for rank, value in enumerate(Field.values)],
                default=Value(len(Field.values)),
                output_field=IntegerField(),
            ),
        )
        .order_by("field_rank", vi_order("name"))
    )


def with_scheme_counts(*, user, kinds: list) -> list:
    """``kinds`` (a page of the catalogue), each with ``scheme_count``: how many registered schemes
    ``user`` can see of it, in one query.

    One grouped count for the page's kinds: a count per kind as a subquery made the planner walk
    the units once per kind (62 ms for a province's page of 100 kinds nationally).
    """
    counts = dict(
        Scheme.objects.visible_to(user)
        .registered()
        .filter(kind__in=[kind.pk for kind in kinds])
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    for kind in kinds:
        kind.scheme_count = counts.get(kind.pk, 0)
    return kinds
