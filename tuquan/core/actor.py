"""Attribute writes made outside a request (commands, imports, tasks) to a user.

Who is acting is a ground concept: background jobs (``core.jobs``), imports and services of every
layer set it, and the change log (django-auditlog, shown by ``tuquan.audit``) reads it. It lives in
core so that core and the apps above it need not import ``tuquan.audit`` to say who acts.
"""

from contextlib import contextmanager

from auditlog.context import set_actor


@contextmanager
def acting_as(user):
    if user is None:
        yield
        return
    with set_actor(user):
        yield
