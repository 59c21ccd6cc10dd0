"""The class of each scheme per year (``SchemeRating``), kept equal to the approved assessments."""

from django.db import connections, transaction

from tuquan.assessments.models import (
    Assessment,
    SchemeRating,
)
from tuquan.schemes.models import Scheme


@transaction.atomic
def scheme_ratings_sync(*, scheme_ids, years=None) -> None:
    """Make the ``SchemeRating`` rows of these schemes (and years) equal to their year results.

    Called inside the transaction of every write that can change which approved assessment
    gives a scheme its class of a year: today only ``assessment_approve`` (an assessment
    becomes approved only there, and nothing changes an approved one). A write added later
    that un-approves an assessment, edits an approved one's class or moves it to another
    campaign must call it too. Locks the schemes so two approvals of one scheme in the same
    year cannot interleave.
    """
    ids = sorted(set(scheme_ids))
    list(Scheme.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    rows = SchemeRating.objects.filter(scheme_id__in=ids)
    results = Assessment.objects.year_results().filter(scheme_id__in=ids)
    if years is not None:
        rows = rows.filter(year__in=years)
        results = results.filter(campaign__year__in=years)
    rows.delete()
    SchemeRating.objects.bulk_create(
        SchemeRating(scheme_id=scheme_id, year=year, rating=rating, assessment_id=pk)
        for scheme_id, year, rating, pk in results.values_list("scheme_id", "year", "final_rating", "pk")
    )


def scheme_ratings_rebuild(*, using: str = "default") -> int:
    """Rebuild every ``SchemeRating`` row from the assessments (after bulk loads); returns the count.

    One ``INSERT … SELECT`` in the database (a million assessments nationally take seconds),
    with the same ``year_results()`` query as ``scheme_ratings_sync``.
    """
    connection = connections[using]
    results = Assessment.objects.using(using).year_results().order_by()
    select, params = results.values_list("scheme_id", "year", "final_rating", "pk").query.sql_with_params()
    table = connection.ops.quote_name(SchemeRating._meta.db_table)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        SchemeRating.objects.using(using).all()._raw_delete(using)
        # Table and columns come from the model; the values are bound parameters.
        cursor.execute(
            f"INSERT INTO {table} (scheme_id, year, rating, assessment_id) {select}",  # noqa: S608  # nosec B608
            params,
        )
    return SchemeRating.objects.using(using).count()
