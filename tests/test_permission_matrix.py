"""Every URL of tuquan declares who may open it, and anonymous users are sent to log in.

The URL list comes from the resolver, so a page added later cannot escape these checks:
a view must either declare ``permission_required`` (through ``ScopedPermissionMixin``) or
say ``public = True`` (login and logout only).
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tuquan.core.testing import login_url

EXEMPT_NAMESPACES = {"admin"}  # Django admin: staff-only by its own rules, scoped by get_queryset.


def _walk(patterns, namespace=None, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry.url_patterns, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield namespace, entry, prefix + str(entry.pattern)


def _view_class(pattern: URLPattern):
    callback = pattern.callback
    return getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback


def site_patterns():
    for namespace, pattern, route in _walk(get_resolver().url_patterns):
        if namespace in EXEMPT_NAMESPACES or route.startswith(("static/", "media/", "__")):
            continue
        if "api/" in route:
            continue  # the API has its own matrix (tuquan/api/tests), driven by the OpenAPI schema
        yield namespace, pattern, route


def _sample_url(namespace, pattern: URLPattern) -> str:
    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
    kwargs = {}
    for key, converter in pattern.pattern.converters.items():
        kwargs[key] = 999999 if converter.regex == "[0-9]+" else "x"
    for key in re.findall(r"\(\?P<(\w+)>", pattern.pattern.regex.pattern):
        kwargs.setdefault(key, "1")
    return reverse(name, kwargs=kwargs)


PATTERNS = list(site_patterns())


def test_the_site_has_pages():
    assert len(PATTERNS) >= 5


@pytest.mark.parametrize(("namespace", "pattern", "route"), PATTERNS, ids=[p[2] or "/" for p in PATTERNS])
def test_every_view_declares_its_permission(namespace, pattern, route):
    view = _view_class(pattern)
    public = getattr(view, "public", False)
    declared = getattr(view, "permission_required", None)
    assert public or declared is not None, f"{route}: {view} declares neither permission_required nor public"


@pytest.mark.django_db
@pytest.mark.parametrize(("namespace", "pattern", "route"), PATTERNS, ids=[p[2] or "/" for p in PATTERNS])
def test_anonymous_is_sent_to_login(client, namespace, pattern, route):
    view = _view_class(pattern)
    if getattr(view, "public", False):
        return
    url = _sample_url(namespace, pattern)
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code == 302, f"{method.upper()} {url} → {response.status_code}"
        assert response["Location"].startswith(login_url()), url


def _required(view) -> set[str]:
    required = getattr(view, "permission_required", None)
    if required is None:
        return set()
    return {required} if isinstance(required, str) else set(required)


@pytest.mark.parametrize(("namespace", "pattern", "route"), PATTERNS, ids=[p[2] or "/" for p in PATTERNS])
def test_roles_without_the_permission_get_403(client, users, namespace, pattern, route):
    view = _view_class(pattern)
    required = _required(view)
    if getattr(view, "public", False) or not required:
        return
    url = _sample_url(namespace, pattern)
    for key in ("admin", "pv05", "commune", "viewer"):
        user = users[key]
        if all(user.has_perm(permission) for permission in required):
            continue
        client.force_login(user)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code == 403, f"{key}: {method.upper()} {url} → {response.status_code}"
