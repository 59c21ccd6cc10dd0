from django import template

from tuquan.assessments import selectors

register = template.Library()


@register.simple_tag
def scheme_rating_rows(scheme):
    """The scheme's approved classes across years (for assessments/partials/rating_history.html)."""
    return selectors.scheme_rating_history_rows(scheme)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, "") if mapping else ""


@register.filter
def get_list(querydict, key):
    return querydict.getlist(key) if hasattr(querydict, "getlist") else []
