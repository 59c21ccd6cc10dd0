"""The lines of the year's table (``targets/partials/matrix_rows.html``): values, targets, badges, links, escaped."""

from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tuquan.core.views import address_pattern
from tuquan.schemes.models import SchemeKind
from tuquan.targets.choices import Indicator
from tuquan.targets.models import Target
from tuquan.targets.selectors import TargetRow, target_matrix

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("can_change", [True, False])
def test_each_commune_is_a_line_with_its_targets(khanh_hoa, can_change):
    communes = list(khanh_hoa.children.order_by("code")[:3])
    kind = SchemeKind.objects.create(name="Camera <an ninh> & “trật tự”", field="nong_thon")
    targets = [
        Target.objects.create(year=2026, unit=communes[0], indicator=Indicator.MIN_ACTIVE_SCHEMES, value=1250),
        Target.objects.create(year=2026, unit=communes[0], indicator=Indicator.MIN_SHARE_GOOD, value=60),
        Target.objects.create(
            year=2026, unit=communes[1], indicator=Indicator.HAS_KIND, kind=kind, value=1, note='Ghi chú "A" <b>'
        ),
        Target.objects.create(year=2026, unit=communes[2], indicator=Indicator.ALL_ACTIVITY_REPORTS_FILED, value=100),
        Target.objects.create(year=2026, unit=communes[2], indicator=Indicator.HAS_KIND, field="do_thi", value=2),
    ]
    values = [Decimal(1234), Decimal("66.67"), 0, Decimal(100), 3]
    rows = [
        TargetRow(target=target, reached_value=int(value) if i in (0, 2, 4) else value, reached=i % 2 == 0)
        for i, (target, value) in enumerate(zip(targets, values, strict=True))
    ]
    if can_change:
        pattern = address_pattern("targets:update")
        for row in rows:
            row.update_url = pattern.format(row.target.pk)
    matrix = target_matrix(rows)
    written = render_to_string("targets/partials/matrix_rows.html", {"matrix": matrix})
    assert written.count("<tr ") == 3 and written.count('data-status="reached"') == 3
    assert written.count('data-status="not_reached"') == 2
    assert written.count('<span class="text-muted">—</span>') == 3 * len(matrix["columns"]) - 5  # no target there
    assert 'title="Có mô hình “Camera &lt;an ninh&gt; &amp; “trật tự”” — Ghi chú &quot;A&quot; &lt;b&gt;"' in written
    assert written.count("Sửa chỉ tiêu") == (2 * 5 if can_change else 0)  # a title and an aria-label a cell
    assert "&lt;an ninh&gt;" in written and "&lt;b&gt;" in written and "1.234" in written and "66,67%" in written
    if can_change:
        assert reverse("targets:update", args=[targets[0].pk]) in written
