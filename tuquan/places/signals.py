"""Signals of the administrative units."""

from django.dispatch import Signal

# Sent by ``places_load`` after it has created or updated units or successions (bulk writes send
# no ``post_save``): whoever keeps units in memory forgets them.
units_loaded = Signal()
