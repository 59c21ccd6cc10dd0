"""Every writable field of every API operation (from the OpenAPI schema), sent with a wrong type:
a 400 naming the field, never a 500, nothing written."""

import pytest
from auditlog.models import LogEntry
from rest_framework.test import APIClient

from tests.security.world import build_world
from tests.test_permission_matrix import API_OPERATIONS, API_SCHEMA, _api_url, _api_view

WRONG = {
    "string": [["liệt", "kê"], {"a": 1}],
    "integer": ["mười hai", 1.5, [1]],
    "number": ["nhiều", {"x": 1}],
    "boolean": ["có lẽ", [True]],
    "array": ["không phải danh sách", {"a": 1}],
    "object": ["không phải đối tượng", [1]],
}
DATE_WRONG = ["31/02/2025", "2025-13-45", 20250101]


def _component(schema: dict) -> dict:
    ref = schema.get("$ref")
    if not ref:
        return schema
    node = API_SCHEMA
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return _component(node)


def _field_type(schema: dict) -> tuple[str | None, str | None]:
    schema = _component(schema)
    for option in schema.get("allOf", []) + schema.get("oneOf", []):
        kind, fmt = _field_type(option)
        if kind:
            return kind, fmt
    if "enum" in schema:
        return "enum", None
    return schema.get("type"), schema.get("format")


def _wrong_values(schema: dict) -> list:
    kind, fmt = _field_type(schema)
    if fmt in {"date", "date-time"}:
        return DATE_WRONG
    if kind == "enum":
        return ["không-có-trong-danh-sách", [1]]
    return WRONG.get(kind, [])


def _writes() -> list[tuple[str, str, dict]]:
    out = []
    for path, method in API_OPERATIONS:
        if method not in {"post", "put", "patch"}:
            continue
        body = API_SCHEMA["paths"][path][method].get("requestBody", {}).get("content", {}).get("application/json")
        if not body:
            continue
        properties = _component(body["schema"]).get("properties", {})
        fields = {name: spec for name, spec in properties.items() if not _component(spec).get("readOnly")}
        if fields:
            out.append((path, method, fields))
    return out


WRITES = _writes()


@pytest.fixture
def world(users, khanh_hoa, commune, other_commune):
    return build_world(users, khanh_hoa, commune, other_commune, text="Vĩnh Hòa", other_text="Đồng Đế")


@pytest.mark.django_db
def test_wrong_types_in_every_api_write_are_a_400_naming_the_field(users, world):
    assert len(WRITES) >= 10
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(users["pv05"])
    entries = LogEntry.objects.count()
    failures, checked = [], 0
    for path, method, fields in WRITES:
        pk = 999999
        if "{id}" in path:
            view, _ = _api_view(path, method)
            model = view.queryset.model
            manager = model.objects
            obj = (manager.restrict(users["pv05"], "change") if hasattr(manager, "restrict") else manager).first()
            if obj is None:
                continue
            pk = obj.pk
        for name, spec in fields.items():
            for value in _wrong_values(spec):
                response = getattr(client, method)(_api_url(path, pk), {name: value}, format="json")
                checked += 1
                if response.status_code == 403:
                    break
                if response.status_code != 400:
                    failures.append(f"{method.upper()} {path} {name}={value!r} → {response.status_code}")
                elif name not in response.json().get("errors", {}):
                    failures.append(f"{method.upper()} {path} {name}={value!r}: 400 without the field named")
    assert checked >= 50
    assert not failures, "\n".join(failures)
    assert LogEntry.objects.count() == entries, "nothing written"
