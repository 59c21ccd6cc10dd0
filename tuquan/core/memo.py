"""Reads of reference data kept in this process's memory for a while, forgotten when it writes."""

import time
from collections.abc import Callable, Hashable


class Remembered:
    """Values by key, each read once per ``seconds`` at most.

    For data that changes rarely and where a few minutes' delay in another server process is
    harmless (the unit filter's choices, the size of the kind catalogue): the process that writes
    calls ``forget`` (from a signal); the others read again when the interval has passed.
    """

    def __init__(self, *, seconds: float) -> None:
        self.seconds = seconds
        self._values: dict = {}

    def get(self, key: Hashable, read: Callable[[], object]):
        kept = self._values.get(key)
        if kept is not None and time.monotonic() - kept[0] < self.seconds:
            return kept[1]
        value = read()
        self._values[key] = (time.monotonic(), value)
        return value

    def forget(self) -> None:
        self._values.clear()
