"""Reads the core pages compute."""


def home_overview(*, user) -> dict:
    """The home page is the dashboard of the user's jurisdiction (tuquan.reports.selectors.dashboard)."""
    from tuquan.reports.selectors import dashboard

    return dashboard(user=user)
