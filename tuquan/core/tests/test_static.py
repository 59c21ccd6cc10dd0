"""Production static files: collectstatic with the hashed, compressed storage succeeds.

A missing source map referenced by a vendored asset makes ``collectstatic`` fail, and then
every page answers 500 in production; this catches it before a deployment does.
"""

from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_with_the_production_storage_succeeds(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/htmx/htmx.min.js" in manifest
    assert "core/app.css" in manifest
    assert "vendor/datepicker/datepicker.min.js" in manifest and "core/datepicker.js" in manifest
