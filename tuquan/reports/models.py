"""Summaries the statistics read instead of scanning the whole registry on every request."""

from django.db import models


class DashboardSnapshot(models.Model):
    """The dashboard's figures of one scope, computed at ``computed_at`` (a summary kept by refresh).

    Only the whole country is stored (``scope = "national"``): its dashboard scans 150.000
    schemes eight times (≈ 1 s on one server), a province's takes a few tens of ms and is
    always computed live. Refreshed by ``manage.py refresh_summaries`` (run it from cron every
    few minutes) and, when older than ``SNAPSHOT_MAX_AGE``, by the next request; the page shows
    "Số liệu tính đến HH:MM dd/mm/yyyy".
    """

    scope = models.CharField(
        verbose_name="phạm vi",
        max_length=40,
        unique=True,
    )
    data = models.JSONField(
        verbose_name="số liệu",
    )
    computed_at = models.DateTimeField(
        verbose_name="tính lúc",
    )

    class Meta:
        verbose_name = "số liệu tổng quan đã tính"
        verbose_name_plural = "số liệu tổng quan đã tính"
        ordering = ["scope"]

    def __str__(self) -> str:
        return f"{self.scope} ({self.computed_at:%H:%M %d/%m/%Y})"
