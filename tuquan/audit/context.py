"""Attribute writes made outside a request (commands, imports, tasks) to a user."""

from contextlib import contextmanager

from auditlog.context import set_actor


@contextmanager
def acting_as(user):
    if user is None:
        yield
        return
    with set_actor(user):
        yield
