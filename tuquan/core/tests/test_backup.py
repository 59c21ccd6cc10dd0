"""A full backup → change → restore round trip gives back every table exactly."""

import pytest
from django.core.management import call_command

from tuquan.core.backup import database_fingerprint
from tuquan.schemes.choices import Field
from tuquan.schemes.models import SchemeKind


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_restores_every_table(tmp_path, khanh_hoa, users):
    SchemeKind.objects.create(name="Tiếng kẻng an ninh thử", field=Field.RURAL, search_text="x")
    before = database_fingerprint()
    target = tmp_path / "tuquan.backup"

    call_command("backup", output=str(target))
    assert target.stat().st_size > 0

    SchemeKind.objects.create(name="Thêm sau khi sao lưu", field=Field.URBAN, search_text="y")
    SchemeKind.objects.filter(name="Tiếng kẻng an ninh thử").update(description="đã sửa")
    assert database_fingerprint() != before

    call_command("restore", str(target), yes=True)

    after = database_fingerprint()
    assert after == before
    assert after["places_adminunit"][0] == khanh_hoa.__class__.objects.count() > 0


@pytest.mark.django_db
def test_restore_of_a_missing_file_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có tệp sao lưu"):
        call_command("restore", str(tmp_path / "nothing.dump"), yes=True)
