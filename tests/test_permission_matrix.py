"""Every URL of tuquan declares who may open it, and anonymous users are sent to log in.

The URL list comes from the resolver, so a page added later cannot escape these checks:
a view must either declare ``permission_required`` (through ``ScopedPermissionMixin``) or
say ``public = True`` (login and logout only).

The API's operations come from its OpenAPI schema (and every API URL of the resolver must be
in it): each declares its permissions through ``RolePermissions``/``HasPermissions``; anonymous
callers get 401, roles without the permission 403, another commune's object 404, and no list a
commune officer reads — page or API — holds anything of another commune.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tuquan.accounts.testing import login_url

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
            continue  # the API's matrix is below, driven by the OpenAPI schema
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


# --------------------------------------------------------------------------- pages: bodies


OTHER_MARK = "ZQXOTHERCOMMUNE"


@pytest.fixture
def world(users, khanh_hoa, commune, other_commune, settings, tmp_path):
    """Data in both communes; every free-text field of the other commune's rows holds ``OTHER_MARK``."""
    from tests.security.world import build_world

    settings.MEDIA_ROOT = tmp_path / "media"  # the practices' attachments

    return build_world(users, khanh_hoa, commune, other_commune, text="Vĩnh Hòa", other_text=OTHER_MARK)


def test_pages_of_a_commune_officer_show_nothing_of_another_commune(client, users, world):
    officer = users["commune"]
    client.force_login(officer)
    checked, leaks = 0, []
    for namespace, pattern, _route in PATTERNS:
        view = _view_class(pattern)
        if pattern.pattern.converters or getattr(view, "public", False):
            continue
        if not all(officer.has_perm(permission) for permission in _required(view)):
            continue
        url = _sample_url(namespace, pattern)
        response = client.get(url)
        if response.status_code >= 500:
            leaks.append(f"{url} → {response.status_code}")
        elif response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            checked += 1
            if OTHER_MARK in response.content.decode():
                leaks.append(f"{url} shows another commune's data")
    assert checked >= 10
    assert not leaks, leaks
    # The same pages of a province officer do show the other commune: the mark is findable.
    client.force_login(users["pv05"])
    assert OTHER_MARK in client.get(reverse("schemes:scheme_list")).content.decode()


# --------------------------------------------------------------------------- the API, from its OpenAPI schema

API_METHODS = ("get", "post", "put", "patch", "delete")
API_OPEN_ROUTES = {"openapi.json", "docs"}  # the schema (any logged-in caller) and its page (login_required)


def api_schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


API_SCHEMA = api_schema()
API_OPERATIONS = [
    (path, method) for path, item in API_SCHEMA["paths"].items() for method in item if method in API_METHODS
]
API_IDS = [f"{method.upper()} {path}" for path, method in API_OPERATIONS]


def _api_url(path: str, pk: int = 999999) -> str:
    return re.sub(r"\{[^}]+\}", str(pk), path)


def _required_query(path: str) -> dict:
    """A value for each required query parameter of ``GET path``, from its schema (year 2025, first choice)."""
    values = {}
    for parameter in API_SCHEMA["paths"][path]["get"].get("parameters", []):
        if parameter.get("in") != "query" or not parameter.get("required"):
            continue
        schema = parameter.get("schema", {})
        values[parameter["name"]] = schema["enum"][0] if schema.get("enum") else 2025
    return values


def _api_view(path: str, method: str, user=None):
    """The view instance that would answer ``method path`` (action set as DRF's router sets it)."""
    from django.contrib.auth.models import AnonymousUser
    from django.urls import resolve
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    match = resolve(_api_url(path))
    callback = match.func
    view = callback.cls(**getattr(callback, "initkwargs", {}))
    actions = getattr(callback, "actions", None) or {}
    view.action_map = actions
    view.action = actions.get(method)
    view.args, view.kwargs = (), match.kwargs
    request = Request(getattr(APIRequestFactory(), method)(_api_url(path)))
    request.user = user or AnonymousUser()
    view.format_kwarg = None
    view.request = request
    return view, request


def _api_required(path: str, method: str) -> set[str] | None:
    """The Django permissions the operation needs; None if it does not declare them."""
    from tuquan.api.permissions import HasPermissions, RolePermissions

    view, request = _api_view(path, method)
    required: set[str] = set()
    classes = list(view.permission_classes)
    if not classes:
        return None
    for permission_class in classes:
        if issubclass(permission_class, RolePermissions):
            required |= set(permission_class().required_permissions(request, view))
        elif issubclass(permission_class, HasPermissions):
            required |= set(getattr(view, "required_permissions", ()))
        else:
            return None
    return required or None


def test_the_api_schema_lists_every_api_url():
    """An endpoint added to the router but left out of the schema would escape the checks below."""
    from django.urls import resolve

    in_schema = {resolve(_api_url(path)).func.cls for path, _ in API_OPERATIONS}
    missing = []
    for namespace, pattern, route in _walk(get_resolver().url_patterns):
        if namespace != "api" or pattern.name == "not_found" or route.removeprefix("api/v1/") in API_OPEN_ROUTES:
            continue
        view = getattr(pattern.callback, "cls", None)
        if view not in in_schema:
            missing.append(route)
    assert len(API_OPERATIONS) >= 20
    assert not missing, f"API URLs not in the OpenAPI schema: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "method"), API_OPERATIONS, ids=API_IDS)
def test_every_api_operation_declares_its_permission(path, method):
    assert _api_required(path, method), f"{method.upper()} {path} declares no RolePermissions/HasPermissions"


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "method"), API_OPERATIONS, ids=API_IDS)
def test_api_anonymous_gets_401(path, method):
    from rest_framework.test import APIClient

    response = getattr(APIClient(), method)(_api_url(path), {}, format="json")
    assert response.status_code == 401, f"{method.upper()} {path} → {response.status_code}"
    assert response.json()["code"] in {"not_authenticated", "authentication_failed"}


@pytest.mark.parametrize(("path", "method"), API_OPERATIONS, ids=API_IDS)
def test_api_roles_without_the_permission_get_403(users, path, method):
    from rest_framework.test import APIClient

    required = _api_required(path, method)
    for key in ("admin", "pv05", "commune", "viewer"):
        user = users[key]
        if user.has_perms(required):
            continue
        client = APIClient()
        client.force_authenticate(user)
        response = getattr(client, method)(_api_url(path), {}, format="json")
        assert response.status_code == 403, f"{key}: {method.upper()} {path} → {response.status_code}"
        assert response.json()["code"] == "permission_denied"


def test_api_objects_of_another_commune_are_404(users, world):
    """Every operation on one object, as a commune officer allowed to do it, on the other commune's
    row of that model (models the officer sees whole, like units and kinds, have no such row)."""
    from rest_framework.test import APIClient

    officer = users["commune"]
    client = APIClient()
    client.force_authenticate(officer)
    checked, failures = set(), []
    for path, method in API_OPERATIONS:
        if "{id}" not in path or not officer.has_perms(_api_required(path, method)):
            continue
        view, _ = _api_view(path, method)
        model = view.queryset.model
        if not hasattr(model.objects, "restrict"):
            continue  # a catalogue everyone reads whole (scheme kinds)
        everything = model.objects.restrict(users["pv05"], "view")
        own = model.objects.restrict(officer, "view")
        outside = everything.exclude(pk__in=own.values("pk")).order_by("pk").first()
        if outside is None:
            continue
        checked.add(model.__name__)
        response = getattr(client, method)(_api_url(path, outside.pk), {}, format="json")
        if response.status_code != 404:
            failures.append(f"{method.upper()} {path} on {model.__name__} {outside.pk} → {response.status_code}")
    assert {
        "Scheme",
        "Team",
        "Member",
        "ActivityReport",
        "SupportRecord",
        "Assessment",
        "Review",
        "GoodPractice",
        "GoodPracticeAttachment",
        "Commendation",
        "Target",
    } <= checked
    assert not failures, failures


def test_api_lists_of_a_commune_officer_hold_nothing_of_another_commune(users, world):
    from rest_framework.test import APIClient

    officer = users["commune"]
    client = APIClient()
    client.force_authenticate(officer)
    checked, failures = 0, []
    for path, method in API_OPERATIONS:
        if method != "get" or "{" in path or not officer.has_perms(_api_required(path, method)):
            continue
        response = client.get(path, {"page_size": 500, **_required_query(path)})
        if response.status_code != 200:
            failures.append(f"GET {path} → {response.status_code}")
            continue
        checked += 1
        if OTHER_MARK in response.content.decode():
            failures.append(f"GET {path} holds another commune's data")
    assert checked >= 8
    assert not failures, failures
    pv05 = APIClient()
    pv05.force_authenticate(users["pv05"])
    assert OTHER_MARK in pv05.get("/api/v1/schemes/").content.decode(), "the mark is findable when allowed"
