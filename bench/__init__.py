"""Benchmarks of tuquan on a large dataset (issue 8): ``python -m bench`` prints the table.

Prepare the data first: ``manage.py generate_data --scale national`` on PostgreSQL (or
``--scale province`` on SQLite), then ``DATABASE_URL=... python -m bench``.
"""

import os
import secrets


def setup_django() -> None:
    """Django with production settings, as docs/operations.md runs tuquan: DEBUG off (templates
    without debug information, no query log), hashed static files (collected here). The test
    client speaks plain HTTP to "testserver", so HTTPS redirection is off for this process only.
    ``TUQUAN_DEBUG=1`` in the environment times the development settings instead."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("TUQUAN_DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if not settings.DEBUG:
        call_command("collectstatic", "--no-input", verbosity=0)  # the hashed names pages link to
