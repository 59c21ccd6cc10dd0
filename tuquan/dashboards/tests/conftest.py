"""The statistics tests' hand-counted registry (``tuquan/reports/tests/conftest.py``) and the
whole country's user, for the dashboard's tests."""

from tuquan.reports.tests.conftest import cam_ranh_pair, dataset, national_user

__all__ = ["cam_ranh_pair", "dataset", "national_user"]
