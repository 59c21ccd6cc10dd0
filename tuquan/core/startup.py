"""What a server process does once Django is loaded, before its first request."""

import gc

from django.urls import get_resolver


def freeze_startup_objects() -> int:
    """Load every URL's view (and with it the forms, tables, serializers) and move all objects that
    exist now out of the garbage collector's sight (``gc.freeze``).

    Without it, the oldest-generation collections that Python runs every few hundred requests walk
    Django's hundreds of thousands of long-lived objects: 40–60 ms added to the request they fall
    on (measured on the registry list, SQLite: requests of 25 ms took 86 ms). Frozen, those
    collections take ~6 ms. Returns how many objects were frozen.
    """
    get_resolver().url_patterns  # noqa: B018 - imports every view module now, not at the first request
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
