"""The OpenAPI schema and the Swagger UI page: served locally, working under the strict CSP."""

import re

import pytest
from django.urls import reverse

from tuquan.accounts.testing import login_url

pytestmark = pytest.mark.django_db


def test_schema_needs_authentication_and_lists_every_resource(api_as, khanh_hoa):
    assert api_as(None).get("/api/v1/openapi.json").status_code == 401
    schema = api_as("viewer").get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    for resource in (
        "units",
        "kinds",
        "schemes",
        "teams",
        "members",
        "activity-reports",
        "campaigns",
        "assessments",
        "eliminations",
    ):
        assert f"/api/v1/{resource}/" in schema["paths"], resource
    assert "/api/v1/statistics/" in schema["paths"]
    assert "/api/v1/assessments/{id}/approve/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_docs_page_sends_anonymous_browsers_to_login(client, khanh_hoa):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 302
    assert response["Location"].startswith(login_url())


def test_docs_page_has_no_inline_script_or_style_and_loads_assets_locally(client, users):
    client.force_login(users["viewer"])
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script> would be blocked by the CSP"
    assert "<style" not in html and " style=" not in html
    assert "cdn" not in html.lower() and "https://" not in html
    script_url = re.search(r'<script src="([^"]*script=[^"]*)"', html).group(1).replace("&amp;", "&")
    script = client.get(script_url)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert "drf_spectacular_sidecar" in asset or asset.startswith("/static/api/"), asset


@pytest.mark.parametrize("path", ["/api/v1/nothing/", "/api/v1/schemes/a%0Ab/submit/", "/api/v1/schemes/1.5/"])
def test_unknown_api_paths_answer_json_404(api_as, khanh_hoa, path):
    for method in ("get", "post", "patch"):
        response = getattr(api_as("pv05"), method)(path)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
