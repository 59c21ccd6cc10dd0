"""Writes of commendations (khen thưởng): propose, record the decision, propose from suggestions.

Commune officers may propose (their records stay "đề nghị"); PV05 and administrators, who hold
``commendations.approve_commendation``, record the decision (number, date, issuer) that approves it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tuquan.commendations.choices import (
    DEFAULT_SUGGESTION_PRESET,
    PRESET_BY_KEY,
    CommendationStatus,
    RecipientKind,
)
from tuquan.commendations.models import Commendation
from tuquan.core.text import nfc
from tuquan.places.choices import Level
from tuquan.places.models import AdminUnit
from tuquan.schemes.models import Member, Scheme

# The fields a user writes, in the order the API shows them (the serializer uses this tuple too).
COMMENDATION_FIELDS = (
    "recipient_kind",
    "scheme",
    "member",
    "person_name",
    "person_role",
    "person_unit",
    "unit",
    "title",
    "award_form",
    "level",
    "year",
    "reason",
    "status",
    "decision_number",
    "decision_date",
    "issuer",
)


def _require(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def _apply(commendation: Commendation, data: dict) -> None:
    unknown = set(data).difference(COMMENDATION_FIELDS)
    if unknown:
        raise TypeError(f"Commendation: fields not settable here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        field = commendation._meta.get_field(name)
        if isinstance(value, str):
            value = nfc(value)
        if (
            value is None
            and not field.null
            and not field.is_relation
            and field.get_internal_type()
            in {
                "CharField",
                "TextField",
            }
        ):
            value = ""
        setattr(commendation, name, value)


def _validate(*, user, commendation: Commendation) -> None:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if commendation.recipient_kind == RecipientKind.SCHEME:
        scheme = commendation.scheme if commendation.scheme_id else None
        if scheme is None:
            add("scheme", "Chọn mô hình được khen thưởng.")
        elif not Scheme.objects.visible_to(user).filter(pk=scheme.pk).exists():
            add("scheme", "Không tìm thấy mô hình trong địa bàn bạn phụ trách.")
        else:
            commendation.unit_id = scheme.commune_id
        commendation.member = None
    else:
        member = commendation.member if commendation.member_id else None
        if member is not None:
            if not Member.objects.visible_to(user).filter(pk=member.pk).exists():
                add("member", "Không tìm thấy thành viên trong địa bàn bạn phụ trách.")
            else:
                commendation.person_name = commendation.person_name or member.full_name
                commendation.scheme_id = member.scheme_id
                commendation.unit_id = Scheme.objects.values_list("commune_id", flat=True).get(pk=member.scheme_id)
        if not (commendation.person_name or "").strip():
            add("person_name", "Nhập họ và tên người được khen thưởng.")
        if commendation.unit_id is None:
            add("unit", "Chọn xã/phường/đặc khu.")
        elif not AdminUnit.objects.restrict(user, "view").filter(pk=commendation.unit_id, level=Level.COMMUNE).exists():
            add("unit", "Chọn một xã/phường/đặc khu trong địa bàn bạn phụ trách.")
    if not (commendation.title or "").strip():
        add("title", "Nhập hình thức khen thưởng.")
    year = commendation.year
    if year is None:
        add("year", "Nhập năm.")
    elif not 2000 <= year <= timezone.localdate().year + 1:
        add("year", "Năm không hợp lệ.")
    today = timezone.localdate()
    if commendation.decision_date and commendation.decision_date > today:
        add("decision_date", "Ngày quyết định không được ở tương lai.")
    if commendation.status == CommendationStatus.APPROVED:
        if not user.has_perm("commendations.approve_commendation"):
            add("status", "Bạn chỉ được đề nghị; Công an tỉnh (PV05) ghi quyết định khen thưởng.")
        if not commendation.decision_number:
            add("decision_number", "Đã khen thưởng thì phải có số quyết định.")
        if commendation.decision_date is None:
            add("decision_date", "Đã khen thưởng thì phải có ngày quyết định.")
        if not commendation.issuer:
            add("issuer", "Nhập người/cơ quan ký quyết định.")
    if errors:
        raise ValidationError(errors)


def _save(*, user, commendation: Commendation, data: dict) -> Commendation:
    _apply(commendation, data)
    _validate(user=user, commendation=commendation)
    commendation.full_clean()
    commendation.save()
    return commendation


@transaction.atomic
def commendation_create(*, user, data: dict) -> Commendation:
    """Propose (or, with the approval permission, record) a commendation."""
    _require(user, "commendations.add_commendation")
    data = {"status": CommendationStatus.PROPOSED, **data}
    return _save(user=user, commendation=Commendation(created_by=user), data=data)


@transaction.atomic
def commendation_update(*, user, commendation: Commendation, data: dict) -> Commendation:
    try:
        stored = Commendation.objects.restrict(user, "change").select_related("scheme").get(pk=commendation.pk)
    except Commendation.DoesNotExist as exc:
        raise PermissionDenied("Bạn không có quyền sửa khen thưởng này.") from exc
    if stored.status == CommendationStatus.APPROVED and not user.has_perm("commendations.approve_commendation"):
        raise PermissionDenied("Khen thưởng đã có quyết định; chỉ PV05 được sửa.")
    return _save(user=user, commendation=stored, data=data)


@transaction.atomic
def commendation_propose_schemes(
    *, user, schemes, year: int, streak_label: str = "", preset: str = DEFAULT_SUGGESTION_PRESET
) -> list[Commendation]:
    """One proposed commendation per scheme (the one-click "đề nghị" of the suggestions page)."""
    _require(user, "commendations.add_commendation")
    title, award_form, level, issuer = PRESET_BY_KEY[preset]
    created = []
    for scheme in schemes:
        reason = "Mô hình hoạt động hiệu quả" + (f", xếp loại Tốt {streak_label}" if streak_label else "") + "."
        created.append(
            _save(
                user=user,
                commendation=Commendation(created_by=user),
                data={
                    "recipient_kind": RecipientKind.SCHEME,
                    "scheme": scheme,
                    "title": title,
                    "award_form": award_form,
                    "level": level,
                    "issuer": issuer,
                    "year": year,
                    "reason": reason,
                    "status": CommendationStatus.PROPOSED,
                },
            )
        )
    return created
