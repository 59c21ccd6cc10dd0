"""Writes to the activity reports (kết quả hoạt động) of a scheme."""

from django.db import transaction

from tuquan.schemes.models import ActivityReport, Scheme
from tuquan.schemes.services._common import _Errors, _part_of_editable_scheme, _part_save, _today

REPORT_FIELDS = frozenset({"period_start", "period_end", *ActivityReport.COUNTERS, "notes"})


def _validate_report(report: ActivityReport, errors: _Errors) -> None:
    today = _today()
    start, end = report.period_start, report.period_end
    if start is None:
        errors.add("period_start", "Nhập ngày bắt đầu kỳ báo cáo.")
    if end is None:
        errors.add("period_end", "Nhập ngày kết thúc kỳ báo cáo.")
    if start is None or end is None:
        return
    if end < start:
        errors.add("period_end", "Ngày kết thúc kỳ phải sau hoặc bằng ngày bắt đầu.")
    elif start > today:
        errors.add("period_start", "Kỳ báo cáo chưa bắt đầu.")
    elif end < report.scheme.founded_on:
        errors.add("period_end", "Kỳ báo cáo kết thúc trước ngày thành lập mô hình.")
    elif (
        ActivityReport.objects.filter(scheme_id=report.scheme_id, period_start__lte=end, period_end__gte=start)
        .exclude(pk=report.pk)
        .exists()
    ):
        errors.add("period_start", "Kỳ báo cáo trùng với một kỳ đã nhập của mô hình.")
    if (report.propaganda_sessions or 0) == 0 and (report.propaganda_attendance or 0) > 0:
        errors.add("propaganda_attendance", "Có người dự tuyên truyền thì phải có ít nhất một buổi tuyên truyền.")
    for name in ActivityReport.COUNTERS:
        value = getattr(report, name)
        if value is None:
            setattr(report, name, 0)
        elif not isinstance(value, int) or value < 0:
            errors.add(name, "Phải là số nguyên không âm.")


@transaction.atomic
def activity_report_create(*, user, scheme: Scheme, data: dict) -> ActivityReport:
    report = _part_of_editable_scheme(ActivityReport(), user=user, action="add", scheme=scheme)
    return _part_save(report, data=data, fields=REPORT_FIELDS, validate=_validate_report)


@transaction.atomic
def activity_report_update(*, user, report: ActivityReport, data: dict) -> ActivityReport:
    _part_of_editable_scheme(report, user=user, action="change")
    return _part_save(report, data=data, fields=REPORT_FIELDS, validate=_validate_report)
