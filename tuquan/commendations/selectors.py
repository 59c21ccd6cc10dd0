"""Reads of commendations: the list, the suggestions (schemes rated Tốt N years running) and 19/8."""

from datetime import date

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery, Window

from tuquan.assessments.choices import Rating, State
from tuquan.assessments.models import Assessment, Campaign
from tuquan.commendations.models import Commendation
from tuquan.schemes.choices import Status
from tuquan.schemes.models import Scheme

DEFAULT_STREAK_YEARS = 2


def commendation_list(*, user, status: str = "", year: int | None = None, recipient_kind: str = "", q: str = ""):
    qs = Commendation.objects.visible_to(user).select_related("scheme", "unit")
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    if recipient_kind:
        qs = qs.filter(recipient_kind=recipient_kind)
    if q:
        from tuquan.core.text import fold

        folded = fold(q)
        qs = qs.filter(Q(scheme__search_text__contains=folded) | Q(person_name__icontains=q.strip()))
    return qs.order_by("-year", "status", "unit__path", "pk")


def commendation_years(*, user) -> list[int]:
    return list(Commendation.objects.visible_to(user).order_by("-year").values_list("year", flat=True).distinct())


def next_security_day(today: date) -> date:
    """The next Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8), today included."""
    this_year = date(today.year, 8, 19)
    return this_year if today <= this_year else date(today.year + 1, 8, 19)


def latest_rated_year(*, user) -> int | None:
    """The latest campaign year with an approved assessment the user may see.

    Asked of the campaigns (a few hundred), each probing its approved assessments through the
    (campaign, state) index: 2 ms for the whole country, where the maximum over the approved
    assessments themselves reads a million rows (45 ms).
    """
    approved = Assessment.objects.visible_to(user).filter(state=State.APPROVED, campaign=OuterRef("pk"))
    return Campaign.objects.filter(Exists(approved)).aggregate(year=Max("year"))["year"]


def _suggested_schemes(*, user, years: int, until: int | None):
    if until is None:
        until = latest_rated_year(user=user)
    if until is None or years < 1:
        return Scheme.objects.none()
    first = until - years + 1
    streaks = (
        Assessment.objects.visible_to(user)
        .filter(
            state=State.APPROVED,
            final_rating=Rating.GOOD,
            campaign__year__gte=first,
            campaign__year__lte=until,
        )
        .values("scheme_id")
        .annotate(good_years=Count("campaign__year", distinct=True))
        .filter(good_years=years)
        .values("scheme_id")
    )
    return (
        Scheme.objects.visible_to(user)
        .filter(status=Status.ACTIVE, pk__in=streaks)
        .exclude(Exists(Commendation.objects.filter(scheme=OuterRef("pk"), recipient_kind="scheme", year__gte=first)))
        .select_related("commune", "kind")
        .order_by("commune__path", "name")
    )


def commendation_suggestions(*, user, years: int = DEFAULT_STREAK_YEARS, until: int | None = None):
    """Active schemes rated Tốt (approved) in each of the ``years`` campaign years up to ``until``,
    with no commendation (proposed or approved) of the scheme from the first year of that streak on;
    each with ``last_commended`` (the year of its latest commendation, any year).

    One query: the streak is counted in the database (distinct years with an approved Tốt), over
    the user's own assessments only (a province counts its streaks, not the country's).
    """
    last_commended = (
        Commendation.objects.filter(scheme=OuterRef("pk"), recipient_kind="scheme").order_by("-year").values("year")[:1]
    )
    return _suggested_schemes(user=user, years=years, until=until).annotate(last_commended=Subquery(last_commended))


def suggestion_page(*, user, years: int, until: int | None, page: int, per_page: int) -> tuple[list[Scheme], int]:
    """One page of :func:`commendation_suggestions` and how many there are, in two queries.

    The streak is the expensive part (a country has 20.000 suggestions out of a million
    assessments): the total comes with the rows as ``COUNT(*) OVER ()`` instead of a second query
    that would count the streaks again, and ``last_commended`` is read for the page's schemes
    only, not for the 20.000 before the page is cut. Returns ``(rows, total)``; a page past the
    end returns no rows and the total from a count.
    """
    suggested = _suggested_schemes(user=user, years=years, until=until)
    start = (page - 1) * per_page
    rows = list(suggested.annotate(total=Window(Count("pk")))[start : start + per_page])
    if not rows:
        return rows, suggested.count() if page > 1 else 0
    last = dict(
        Commendation.objects.filter(scheme__in=[row.pk for row in rows], recipient_kind="scheme")
        .values("scheme_id")
        .annotate(year=Max("year"))
        .values_list("scheme_id", "year")
    )
    for row in rows:
        row.last_commended = last.get(row.pk)
    return rows, rows[0].total
