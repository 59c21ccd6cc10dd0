"""A small hand-counted dataset for the review tests (independent of the demo data).

Period under review: the year 2024 (previous period: 2023). In ``commune`` (Bắc Nha Trang):

======  ==========  ==========  ==========================  =====================
scheme  founded     status      ended                       counts in 2024 as
======  ==========  ==========  ==========================  =====================
A       2020-05-01  active                                  existing (also 2023)
B       2023-03-01  active                                  existing; new in 2023
C       2024-02-10  active                                  new
D       2024-06-01  active                                  new
E       2019-01-01  eliminated  2024-09-30                  eliminated (existed 2023)
F       2018-01-01  eliminated  2023-05-01                  eliminated in 2023
G       2024-03-01  voided                                  never counted
H       2025-02-01  active                                  after the period
I       2021-01-01  merged      2024-04-01                  merged (existed 2023)
======  ==========  ==========  ==========================  =====================

In ``other_commune``: J (2022-01-01, active) and K (2024-07-01, active, new).
Province: 6 at the end of 2024, 5 at the end of 2023 (+1); new 3 (2023: 1); eliminated 1
(2023: 1); merged 1. Commune: 4 and 4 (0); new 2; eliminated 1.
"""

from datetime import date

from tuquan.schemes.models import ActivityReport, Scheme, Team
from tuquan.schemes.testing import make_scheme


def report(scheme: Scheme, start: date, end: date, **values) -> ActivityReport:
    return ActivityReport.objects.create(scheme=scheme, period_start=start, period_end=end, **values)


def build_dataset(commune, other_commune) -> dict[str, Scheme]:
    s = {
        "A": make_scheme(commune, date(2020, 5, 1), latest_rating="tot", latest_rating_year=2024),
        "B": make_scheme(commune, date(2023, 3, 1), latest_rating="kha", latest_rating_year=2024),
        "C": make_scheme(commune, date(2024, 2, 10), latest_rating="chua_danh_gia", latest_rating_year=2024),
        "D": make_scheme(commune, date(2024, 6, 1)),
        "E": make_scheme(
            commune, date(2019, 1, 1), "eliminated", date(2024, 9, 30), latest_rating="yeu", latest_rating_year=2023
        ),
        "F": make_scheme(commune, date(2018, 1, 1), "eliminated", date(2023, 5, 1)),
        "G": make_scheme(
            commune, date(2024, 3, 1), "voided", date(2024, 3, 2), latest_rating="tot", latest_rating_year=2024
        ),
        "H": make_scheme(commune, date(2025, 2, 1)),
        "I": make_scheme(commune, date(2021, 1, 1), "merged", date(2024, 4, 1)),
        "J": make_scheme(other_commune, date(2022, 1, 1), latest_rating="tot", latest_rating_year=2024),
        "K": make_scheme(other_commune, date(2024, 7, 1)),
    }
    Team.objects.create(scheme=s["A"], name="Tổ 1")
    Team.objects.create(scheme=s["A"], name="Tổ 2")
    Team.objects.create(scheme=s["A"], name="Tổ 3 (giải thể)", is_active=False)
    report(
        s["A"],
        date(2024, 1, 1),
        date(2024, 6, 30),
        patrols=10,
        meetings=2,
        propaganda_sessions=3,
        propaganda_attendance=120,
        tips_to_police=4,
        cases_detected=1,
        cases_handed_over=1,
        disputes_mediated=2,
    )
    report(s["A"], date(2024, 7, 1), date(2024, 12, 31), patrols=12, tips_to_police=1, disputes_mediated=1)
    report(s["A"], date(2023, 7, 1), date(2023, 12, 31), patrols=100)  # previous period
    report(s["C"], date(2024, 10, 1), date(2025, 1, 31), patrols=50)  # ends after the period
    report(s["B"], date(2023, 12, 1), date(2024, 1, 31), patrols=5, incidents=1)  # ends inside: counted
    report(s["G"], date(2024, 3, 1), date(2024, 3, 31), patrols=1000)  # voided scheme
    report(s["J"], date(2024, 1, 1), date(2024, 12, 31), patrols=7, tips_to_police=2)
    return s
