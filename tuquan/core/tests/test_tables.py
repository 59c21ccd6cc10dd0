"""django-tables2's per-cell signature lookup, memoised (tuquan.core.tables)."""

import functools

import django_tables2 as tables
from django_tables2 import utils

from tuquan.core.tables import _signature, signature


class Row:
    def render_value(self, record, value):
        return value

    def render_everything(self, value, **kwargs):
        return value


def plain(record, *args, table=None):
    return record


def test_the_memoised_signature_is_the_original_for_every_kind_of_callable():
    row = Row()
    for fn in (
        row.render_value,
        Row.render_value,
        row.render_everything,
        plain,
        lambda value: value,
        functools.partial(plain, table=None),
    ):
        assert signature(fn) == _signature(fn), fn
    assert signature(row.render_value) == (("record", "value"), None)  # bound: no self
    assert signature(Row.render_value) == (("self", "record", "value"), None)
    assert signature(row.render_everything) == (("value",), "kwargs")


def test_django_tables2_uses_it_and_a_table_still_renders_its_methods():
    assert utils.signature is signature

    class Kinds(tables.Table):
        name = tables.Column()
        size = tables.Column(empty_values=())

        def render_name(self, value, record):
            return f"<{value}>"

        def render_size(self, record):
            return len(record["name"])

    table = Kinds([{"name": "Camera"}, {"name": "Tiếng kẻng"}])
    assert [list(row) for row in table.rows] == [["<Camera>", 6], ["<Tiếng kẻng>", 10]]  # escaped in the template
