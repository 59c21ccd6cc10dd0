"""Values of the change log as a Vietnamese user reads them."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from tuquan.assessments.models import Assessment
from tuquan.audit.display import change_rows

pytestmark = pytest.mark.django_db


def test_a_time_is_shown_in_vietnams_time_zone():
    """django-auditlog stores a date-time change as naive UTC: 13:54 UTC is 20:54 in Hà Nội."""
    entry = LogEntry(
        action=LogEntry.Action.UPDATE,
        content_type=ContentType.objects.get_for_model(Assessment),
        object_pk="1",
        changes={"approved_at": ["None", "2026-11-29 13:54:00"]},
    )
    [row] = change_rows(entry)
    assert (row.before, row.after) == ("—", "20:54 29/11/2026")


def test_an_aware_time_is_shown_in_vietnams_time_zone_too():
    entry = LogEntry(
        action=LogEntry.Action.UPDATE,
        content_type=ContentType.objects.get_for_model(Assessment),
        object_pk="1",
        changes={"approved_at": ["2026-11-29 23:30:00+00:00", "None"]},
    )
    [row] = change_rows(entry)
    assert (row.before, row.after) == ("06:30 30/11/2026", "—")
