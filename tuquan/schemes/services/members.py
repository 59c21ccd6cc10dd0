"""Writes to the members (thành viên) of a scheme, whose personal data the law protects.

Nothing is ever hard-deleted: a departed member is anonymised on request (Nghị định 13/2023/NĐ-CP).
"""

import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from tuquan.schemes.models import Member, Scheme
from tuquan.schemes.services._common import (
    _Errors,
    _normalise_phone,
    _part_of_editable_scheme,
    _part_save,
    _today,
)

ANONYMISED_NAME = "Đã ẩn danh"
REDACTED = "(đã ẩn danh)"  # what an anonymised member's personal values become in the audit log
MEMBER_PERSONAL_DATA_PERMISSION = "schemes.view_member_personal_data"
MEMBER_FIELDS = frozenset(
    {"team", "full_name", "birth_year", "role", "phone", "national_id", "address", "joined_on", "left_on"}
)
MEMBER_PERSONAL_FIELDS = frozenset({"full_name", "birth_year", "phone", "national_id", "address"})


def _validate_member(member: Member, errors: _Errors) -> None:
    today = _today()
    if not (member.full_name or "").strip():
        errors.add("full_name", "Nhập họ và tên.")
    if member.team_id is not None and member.team.scheme_id != member.scheme_id:
        errors.add("team", "Tổ được chọn không thuộc mô hình này.")
    if member.birth_year is not None and member.birth_year > today.year:
        errors.add("birth_year", "Năm sinh không được sau năm hiện tại.")
    if member.phone:
        member.phone = _normalise_phone(member.phone)
    if member.national_id:
        member.national_id = re.sub(r"\s", "", member.national_id)
        duplicate = (
            Member.objects.filter(scheme_id=member.scheme_id, national_id=member.national_id)
            .exclude(pk=member.pk)
            .exists()
        )
        if duplicate:
            errors.add("national_id", "Đã có thành viên mang số định danh này trong mô hình.")
    if member.joined_on is not None and member.joined_on > today:
        errors.add("joined_on", "Ngày tham gia không được ở tương lai.")
    if member.left_on is not None:
        if member.left_on > today:
            errors.add("left_on", "Ngày rời không được ở tương lai.")
        elif member.joined_on is not None and member.left_on < member.joined_on:
            errors.add("left_on", "Ngày rời không được trước ngày tham gia.")


@transaction.atomic
def member_create(*, user, scheme: Scheme, data: dict) -> Member:
    member = _part_of_editable_scheme(Member(), user=user, action="add", scheme=scheme)
    return _part_save(member, data=data, fields=MEMBER_FIELDS, validate=_validate_member)


@transaction.atomic
def member_update(*, user, member: Member, data: dict) -> Member:
    _part_of_editable_scheme(member, user=user, action="change")
    if member.is_anonymised:
        # Leaving, role and team are not personal data: an officer still records them after anonymising.
        restored = [
            name
            for name in MEMBER_PERSONAL_FIELDS & set(data)
            if (data[name] or None) != (getattr(member, name) or None)
        ]
        if restored:
            raise ValidationError({NON_FIELD_ERRORS: ["Thành viên đã được ẩn danh, không sửa được thông tin cá nhân."]})
    return _part_save(member, data=data, fields=MEMBER_FIELDS, validate=_validate_member)


@transaction.atomic
def member_anonymise(*, user, member: Member) -> Member:
    """Erase the member's personal data on request (Nghị định 13/2023/NĐ-CP), changing no figure.

    The row stays, with its scheme, team, role and dates, so every count (members who have not left,
    per scheme, team, kind and unit) is the same before and after; a member still serving is still
    counted, and leaving is recorded later like any member's (``member_update`` accepts it). The
    personal values are also taken out of the member's audit history (entries kept, values replaced
    by ``REDACTED``) and out of the Excel exports of personal data still waiting to be downloaded;
    the anonymisation itself is an audit entry with who did it.
    """
    _part_of_editable_scheme(member, user=user, action="change")
    if member.is_anonymised:
        return member
    for name in MEMBER_PERSONAL_FIELDS:
        setattr(member, name, None if name == "birth_year" else "")
    member.full_name = ANONYMISED_NAME
    member.is_anonymised = True
    member.full_clean()
    member.save()
    _redact_member_history(user=user, member=member)
    _remove_personal_data_exports(member=member)
    return member


def _redacted(value, current):
    """An audit value of a personal field: the marker, unless it is empty or the anonymised value."""
    if value in (None, "", "None", current):
        return value
    return REDACTED


def _redact_member_history(*, user, member: Member) -> None:
    """Replace the personal values in ``member``'s audit entries (the one just written included)."""
    import json

    from auditlog.models import LogEntry

    entries = LogEntry.objects.get_for_object(member).order_by("pk")
    changed = []
    for entry in entries:
        changes = entry.changes
        if isinstance(changes, str):
            try:
                changes = json.loads(changes)
            except ValueError:
                changes = {}
        changes = dict(changes or {})
        for name in MEMBER_PERSONAL_FIELDS & set(changes):
            current = "" if name != "full_name" else ANONYMISED_NAME
            values = changes[name]
            if isinstance(values, list | tuple):
                changes[name] = [_redacted(value, current) for value in values]
            else:
                changes[name] = _redacted(values, current)
        entry.changes = changes
        entry.changes_text = ""
        entry.object_repr = ANONYMISED_NAME
        entry.serialized_data = None
        changed.append(entry)
    last = changed[-1] if changed else None
    if last is not None and last.actor_id is None and getattr(user, "is_authenticated", False):
        last.actor = user  # the anonymisation was made outside a request (a command, a test)
        last.actor_email = getattr(user, "email", None)
    LogEntry.objects.bulk_update(
        changed, ["changes", "changes_text", "object_repr", "serialized_data", "actor", "actor_email"], batch_size=500
    )


def _remove_personal_data_exports(*, member: Member) -> None:
    """Finished Excel exports with the members sheet that may hold ``member``'s data: their files go.

    They are kept a week for download (tuquan.core.jobs.KEEP_FILES); the one who exported them can
    export again and gets the anonymised row.
    """
    from pathlib import Path

    from django.conf import settings

    from tuquan.core.jobs import job_result_path
    from tuquan.core.models import Job

    exports = Job.objects.filter(kind="schemes.export").exclude(result_file="").select_related("user")
    files = []
    for job in exports:
        user = job.user
        if "members" not in (job.params or {}).get("sheets", []):
            continue
        if not user.has_perm(MEMBER_PERSONAL_DATA_PERMISSION):
            continue  # its members sheet was masked
        if not Member.objects.visible_to(user).filter(pk=member.pk).exists():
            continue
        path = job_result_path(job)
        if path is not None:
            files.append(path)
        Job.objects.filter(pk=job.pk).update(
            result_file="", message="Tệp đã bị xóa vì có dữ liệu cá nhân của một thành viên vừa được ẩn danh."
        )
    root = Path(settings.MEDIA_ROOT)
    transaction.on_commit(lambda: [path.unlink(missing_ok=True) for path in files if root.resolve() in path.parents])
