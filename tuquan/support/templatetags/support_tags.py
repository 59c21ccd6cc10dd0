from django import template

from tuquan.support import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def scheme_support_summary(context, scheme):
    """The support records of ``scheme`` the current user sees, with totals (for the scheme page)."""
    return selectors.scheme_support(user=context["request"].user, scheme=scheme)
