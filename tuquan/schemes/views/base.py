"""What the scheme views share."""


def is_htmx(request) -> bool:
    """An HTMX request that wants a fragment (a boosted link wants the whole page)."""
    return bool(getattr(request, "htmx", False)) and not request.htmx.boosted
