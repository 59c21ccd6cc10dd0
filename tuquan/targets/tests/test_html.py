"""The year's table written in Python (``targets.html``) is what its template wrote (ADR 0012)."""

import re
from decimal import Decimal

import pytest
from django.template import engines
from django.urls import reverse

from tuquan.core.views import address_pattern
from tuquan.schemes.models import SchemeKind
from tuquan.targets.choices import Indicator
from tuquan.targets.html import matrix_rows_html
from tuquan.targets.models import Target
from tuquan.targets.selectors import TargetRow, target_matrix

pytestmark = pytest.mark.django_db

# The template loop of targets/year.html before it was written in Python, kept as the reference.
REFERENCE = """{% load humanize %}{% for line in matrix.lines %}
  <tr data-unit="{{ line.unit.code }}">
    <th scope="row" class="fw-normal text-nowrap">{{ line.unit.name }}</th>
    {% for cell in line.cells %}
    <td class="text-center text-nowrap"{% if cell %} data-indicator="{{ cell.target.indicator }}" title="{{ cell.target.label }}{% if cell.target.note %} — {{ cell.target.note }}{% endif %}"{% endif %}>
      {% if cell %}
        <span data-reached-value>{% if cell.is_percent %}{{ cell.reached_value|floatformat:"-2" }}%{% else %}{{ cell.reached_value|intcomma }}{% endif %}</span><span class="text-muted small">/{{ cell.target.value|intcomma }}{% if cell.is_percent %}%{% endif %}</span>
        {% if cell.reached %}<span class="badge text-bg-success" data-status="reached">Đạt</span>{% else %}<span class="badge text-bg-danger" data-status="not_reached">Chưa đạt</span>{% endif %}
        {% if can_change %}<a class="text-decoration-none small" href="{{ cell.update_url }}" title="Sửa chỉ tiêu" aria-label="Sửa chỉ tiêu {{ cell.target.label }} của {{ line.unit.name }}"><i class="bi bi-pencil"></i></a>{% endif %}
      {% else %}<span class="text-muted">—</span>{% endif %}
    </td>
    {% endfor %}
    <td class="text-center">{{ line.reached }}/{{ line.count }}</td>
  </tr>
{% endfor %}"""  # noqa: E501


def _normal(html: str) -> str:
    """Whitespace as a browser sees it: runs are one space, none between table cells and rows."""
    html = re.sub(r"\s+", " ", str(html)).strip()
    return re.sub(r"\s*(</?(?:tr|td|th)\b[^>]*>)\s*", r"\1", html)


@pytest.mark.parametrize("can_change", [True, False])
def test_the_rows_are_those_the_template_wrote(khanh_hoa, can_change):
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
    expected = engines["django"].from_string(REFERENCE).render({"matrix": matrix, "can_change": can_change})
    written = matrix_rows_html(matrix)
    assert _normal(written) == _normal(expected)
    assert "&lt;an ninh&gt;" in written and "&lt;b&gt;" in written and "1.234" in written and "66,67%" in written
    if can_change:
        assert reverse("targets:update", args=[targets[0].pk]) in written
