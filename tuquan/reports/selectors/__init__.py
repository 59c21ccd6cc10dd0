"""The statistics engine: one set of selectors for every figure (cross-table, dashboard figures,
coverage, practice figures), by concept: ``base`` (questions, populations, classes), ``cross``,
``overview`` (the dashboard's figures), ``coverage``, ``practice`` and ``snapshots`` (the whole
country's stored figures).

Everything here is aggregated in the database (``GROUP BY`` and conditional counts): the
number of queries does not grow with the number of schemes. Python only merges and labels
the aggregated groups (a few dozen at most).

Definitions used on every page, in the command and in the exports
(``DEFINITIONS`` is printed under each table):

- **Registered at the end of year Y** (*có trong sổ đăng ký cuối năm Y*): a scheme that is not
  voided (``status != voided``), was founded on or before 31/12/Y (``founded_on <= 31/12/Y``)
  and had not ended by then (``ended_on`` empty or after 31/12/Y). A scheme eliminated or merged
  later still counts for Y, so past figures never change when a scheme is eliminated.
- **Class in year Y**: the final class of the scheme in the assessment campaign of year Y;
  a scheme with no result in that campaign is shown as "Chưa có kết quả". Class tables count
  the schemes registered at the end of the last year of the range.
- **Status in a range A–B**: the schemes registered at some moment of the range (founded by
  31/12/B, not ended before 01/01/A, not voided) by their status at 31/12/B (active when they
  had not ended by then).
- **Year columns**: the number of schemes registered at the end of each year; the last column
  counts each scheme once over the whole range. **Founded-year columns** count the schemes
  founded in each year.
- **Boundaries**: current-commune and province rows use the scheme's current commune (the map
  in force since 01/07/2025). Pre-2025 district and commune rows use the unit the scheme was
  founded in (``legacy_commune``); a scheme without one (founded after 01/07/2025) is mapped
  through the succession table when its current commune came from exactly one old unit,
  otherwise it is shown in the row "Không xác định (thành lập sau 01/7/2025)" (or, for a scheme
  founded before that date whose old unit was never recorded, "Không xác định (chưa ghi đơn vị
  trước 01/7/2025)").
- **Agencies, enterprises and schools**: in pre-2025 district tables, schemes whose kind
  belongs to the field "Cơ quan – doanh nghiệp – nhà trường" form their own row, as in the
  province's reports (an option, on by default).
"""

from tuquan.reports.selectors.base import (
    AGENCY_KEY,
    AGENCY_LABEL,
    COLUMN_CHOICES,
    DEFINITIONS,
    LEGACY_ROWS,
    MAX_YEARS,
    NO_RESULT_KEY,
    NO_RESULT_LABEL,
    ROW_CHOICES,
    TOTAL_LABEL,
    UNKNOWN_KEY,
    UNKNOWN_LABEL,
    UNRECORDED_KEY,
    UNRECORDED_LABEL,
    boundaries_note,
    late_assessments,
    latest_campaign_year,
    rating_expression,
    registered_at,
    registered_in_year,
    scheme_base,
    selectable_units,
    with_year_rating,
    year_end,
)
from tuquan.reports.selectors.coverage import coverage
from tuquan.reports.selectors.cross import (
    CROSS_SCOPE,
    CrossTable,
    Header,
    cross_table,
    national_cross_table_refresh,
    statistics_table,
)
from tuquan.reports.selectors.overview import (
    NATIONAL_SCOPE,
    OTHER_KINDS_LABEL,
    TOP_KINDS,
    TREND_YEARS,
    dashboard_figures,
    national_dashboard,
    national_dashboard_refresh,
)
from tuquan.reports.selectors.practice import (
    PRACTICE_SCOPE,
    PracticeRow,
    national_practice_refresh,
    practice_figures,
    practice_panel,
)
from tuquan.reports.selectors.snapshots import SNAPSHOT_MAX_AGE, sees_whole_country

__all__ = [
    "AGENCY_KEY",
    "AGENCY_LABEL",
    "COLUMN_CHOICES",
    "CROSS_SCOPE",
    "DEFINITIONS",
    "LEGACY_ROWS",
    "MAX_YEARS",
    "NATIONAL_SCOPE",
    "NO_RESULT_KEY",
    "NO_RESULT_LABEL",
    "OTHER_KINDS_LABEL",
    "PRACTICE_SCOPE",
    "ROW_CHOICES",
    "SNAPSHOT_MAX_AGE",
    "TOP_KINDS",
    "TOTAL_LABEL",
    "TREND_YEARS",
    "UNKNOWN_KEY",
    "UNKNOWN_LABEL",
    "UNRECORDED_KEY",
    "UNRECORDED_LABEL",
    "CrossTable",
    "Header",
    "PracticeRow",
    "boundaries_note",
    "coverage",
    "cross_table",
    "dashboard_figures",
    "late_assessments",
    "latest_campaign_year",
    "national_cross_table_refresh",
    "national_dashboard",
    "national_dashboard_refresh",
    "national_practice_refresh",
    "practice_figures",
    "practice_panel",
    "rating_expression",
    "registered_at",
    "registered_in_year",
    "scheme_base",
    "sees_whole_country",
    "selectable_units",
    "statistics_table",
    "with_year_rating",
    "year_end",
]
