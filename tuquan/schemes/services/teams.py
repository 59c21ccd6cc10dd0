"""Writes to the teams (tổ) of a scheme."""

from django.db import transaction

from tuquan.schemes.models import Scheme, Team
from tuquan.schemes.services._common import _Errors, _part_of_editable_scheme, _part_save, _today

TEAM_FIELDS = frozenset({"name", "area", "founded_on", "is_active"})


def _validate_team(team: Team, errors: _Errors) -> None:
    if not (team.name or "").strip():
        errors.add("name", "Nhập tên tổ.")
    elif Team.objects.filter(scheme_id=team.scheme_id, name__iexact=team.name).exclude(pk=team.pk).exists():
        errors.add("name", "Mô hình đã có tổ trùng tên.")
    if team.founded_on is not None:
        if team.founded_on > _today():
            errors.add("founded_on", "Ngày thành lập tổ không được ở tương lai.")
        elif team.founded_on < team.scheme.founded_on:
            errors.add("founded_on", "Tổ không thể thành lập trước mô hình.")


@transaction.atomic
def team_create(*, user, scheme: Scheme, data: dict) -> Team:
    team = _part_of_editable_scheme(Team(), user=user, action="add", scheme=scheme)
    return _part_save(team, data=data, fields=TEAM_FIELDS, validate=_validate_team)


@transaction.atomic
def team_update(*, user, team: Team, data: dict) -> Team:
    _part_of_editable_scheme(team, user=user, action="change")
    return _part_save(team, data=data, fields=TEAM_FIELDS, validate=_validate_team)
