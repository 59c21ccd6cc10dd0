"""Writes to the good-practices library: practices and their attachments.

Keyword-only, typed, one transaction each, ``full_clean()`` before saving; the audit log
(django-auditlog) records every save. Attachments are checked for type (by content, not only
by name) and size before they reach MEDIA_ROOT.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tuquan.core.text import fold, nfc
from tuquan.places.models import AdminUnit
from tuquan.practices.choices import AttachmentKind
from tuquan.practices.models import GoodPractice, GoodPracticeAttachment
from tuquan.schemes.models import Scheme

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
PRACTICE_FIELDS = ("title", "summary", "body", "unit", "year", "field", "tags")

# extension → (content type, magic prefixes that the file must start with)
_ALLOWED = {
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".webp": ("image/webp", (b"RIFF",)),
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".doc": ("application/msword", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
}
ALLOWED_EXTENSIONS = tuple(_ALLOWED)


def _require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def _apply(practice: GoodPractice, data: dict) -> None:
    unknown = set(data) - {*PRACTICE_FIELDS, "schemes"}
    if unknown:
        raise TypeError(f"GoodPractice: fields not settable here: {', '.join(sorted(unknown))}")
    for name in PRACTICE_FIELDS:
        if name in data:
            value = data[name]
            if isinstance(value, str):
                value = nfc(value)
            if value is None and name in {"summary", "body", "field", "tags", "title"}:
                value = ""
            setattr(practice, name, value)


def _validate(*, user, practice: GoodPractice, schemes) -> list[Scheme]:
    errors: dict[str, list[str]] = {}
    if not (practice.title or "").strip():
        errors.setdefault("title", []).append("Nhập tên kinh nghiệm, điển hình.")
    if practice.unit_id is None:
        errors.setdefault("unit", []).append("Chọn đơn vị.")
    elif not AdminUnit.objects.restrict(user, "view").filter(pk=practice.unit_id).exists():
        errors.setdefault("unit", []).append("Đơn vị này nằm ngoài địa bàn bạn phụ trách.")
    if practice.year is None:
        errors.setdefault("year", []).append("Nhập năm.")
    elif not 1945 <= practice.year <= 2100:
        errors.setdefault("year", []).append("Năm không hợp lệ.")
    chosen: list[Scheme] = []
    if schemes is not None:
        ids = {scheme.pk if isinstance(scheme, Scheme) else int(scheme) for scheme in schemes}
        chosen = list(Scheme.objects.visible_to(user).filter(pk__in=ids))
        if len(chosen) != len(ids):
            errors.setdefault("schemes", []).append("Có mô hình không tìm thấy trong địa bàn bạn được xem.")
    practice.tags = ", ".join(dict.fromkeys(tag.strip() for tag in (practice.tags or "").split(",") if tag.strip()))
    if errors:
        raise ValidationError(errors)
    return chosen


def _save(*, user, practice: GoodPractice, data: dict) -> GoodPractice:
    _apply(practice, data)
    schemes = data.get("schemes")
    chosen = _validate(user=user, practice=practice, schemes=schemes)
    practice.search_text = ""
    practice.full_clean(exclude=["search_text"])
    practice.save()
    if schemes is not None:
        practice.schemes.set(chosen)
    names = " ".join(practice.schemes.values_list("name", flat=True))
    practice.search_text = fold(" ".join([practice.title, practice.summary, practice.body, practice.tags, names]))
    GoodPractice.objects.filter(pk=practice.pk).update(search_text=practice.search_text)
    return practice


@transaction.atomic
def good_practice_create(*, user, data: dict) -> GoodPractice:
    """Add a good practice to the library (in a unit of the user's jurisdiction)."""
    _require(user, "practices.add_goodpractice")
    return _save(user=user, practice=GoodPractice(created_by=user), data=data)


@transaction.atomic
def good_practice_update(*, user, practice: GoodPractice, data: dict) -> GoodPractice:
    try:
        stored = GoodPractice.objects.restrict(user, "change").get(pk=practice.pk)
    except GoodPractice.DoesNotExist as exc:
        raise PermissionDenied("Bạn không có quyền sửa kinh nghiệm này.") from exc
    return _save(user=user, practice=stored, data=data)


def attachment_check(upload) -> str:
    """The content type of ``upload`` if it is an allowed file of at most 10 MB; ValidationError otherwise."""
    name = getattr(upload, "name", "") or ""
    suffix = Path(name).suffix.lower()
    if suffix not in _ALLOWED:
        raise ValidationError({"file": ["Chỉ nhận ảnh (JPG, PNG, GIF, WEBP), tệp PDF hoặc Word (DOC, DOCX)."]})
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": ["Tệp quá lớn: tối đa 10 MB."]})
    if upload.size == 0:
        raise ValidationError({"file": ["Tệp rỗng."]})
    content_type, magics = _ALLOWED[suffix]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in magics):
        raise ValidationError({"file": [f"Nội dung tệp không đúng định dạng {suffix.lstrip('.').upper()}."]})
    return content_type


@transaction.atomic
def good_practice_attach(*, user, practice: GoodPractice, upload, kind: str = AttachmentKind.DOCUMENT):
    """Store ``upload`` with the practice (type and size checked)."""
    _require(user, "practices.change_goodpractice")
    if not GoodPractice.objects.restrict(user, "change").filter(pk=practice.pk).exists():
        raise PermissionDenied("Bạn không có quyền sửa kinh nghiệm này.")
    content_type = attachment_check(upload)
    if kind not in AttachmentKind.values:
        raise ValidationError({"kind": ["Loại tệp không hợp lệ."]})
    if kind == AttachmentKind.PHOTO and not content_type.startswith("image/"):
        raise ValidationError({"file": ["Loại “Hình ảnh” chỉ nhận tệp ảnh (JPG, PNG, GIF, WEBP)."]})
    attachment = GoodPracticeAttachment(
        practice=practice,
        kind=kind,
        file=upload,
        original_name=nfc(Path(upload.name).name)[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    attachment.full_clean(exclude=["file"])
    attachment.save()
    return attachment
