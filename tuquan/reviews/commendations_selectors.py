"""Reads of commendations: the list, the suggestions (schemes rated Tốt N years running) and 19/8."""

from datetime import date

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery

from tuquan.assessments.choices import Rating, State
from tuquan.assessments.models import Assessment
from tuquan.reviews.models import Commendation
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
    """The latest campaign year with an approved assessment the user may see."""
    return (
        Assessment.objects.visible_to(user).filter(state=State.APPROVED).aggregate(year=Max("campaign__year"))["year"]
    )


def commendation_suggestions(*, user, years: int = DEFAULT_STREAK_YEARS, until: int | None = None):
    """Active schemes rated Tốt (approved) in each of the ``years`` campaign years up to ``until``,
    with no commendation (proposed or approved) of the scheme from the first year of that streak on.

    One query: the streak is counted in the database (distinct years with an approved Tốt).
    """
    if until is None:
        until = latest_rated_year(user=user)
    if until is None or years < 1:
        return Scheme.objects.none()
    first = until - years + 1
    streaks = (
        Assessment.objects.filter(
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
    last_commended = (
        Commendation.objects.filter(scheme=OuterRef("pk"), recipient_kind="scheme").order_by("-year").values("year")[:1]
    )
    return (
        Scheme.objects.visible_to(user)
        .filter(status=Status.ACTIVE, pk__in=streaks)
        .exclude(Exists(Commendation.objects.filter(scheme=OuterRef("pk"), recipient_kind="scheme", year__gte=first)))
        .annotate(last_commended=Subquery(last_commended))
        .select_related("commune", "kind")
        .order_by("commune__path", "name")
    )
