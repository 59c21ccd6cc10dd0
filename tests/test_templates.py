"""Templates as Django reads them."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_template_comment_spans_lines():
    """``{# … #}`` is a one-line comment in Django's templates: one left open at the end of a line
    is printed to every user as text. A comment of several lines is ``{% comment %}``."""
    open_comments = [
        f"{path.relative_to(ROOT)}:{number}"
        for base in ("tuquan", "templates")
        for path in sorted((ROOT / base).rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.count("{#") > line.count("#}")
    ]
    assert open_comments == []
