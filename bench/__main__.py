"""``python -m bench [--quick] [--repeat N] [--no-load] [--no-excel] [--only NAME ...]``"""

import argparse
import os
import secrets
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small subset, few repeats (smoke check)")
    parser.add_argument("--repeat", type=int, default=None, help="timed requests per case (default 20; quick 5)")
    parser.add_argument("--no-load", action="store_true", help="skip the gunicorn + wrk load test")
    parser.add_argument("--no-excel", action="store_true", help="skip the Excel import/export cases")
    parser.add_argument("--import-rows", type=int, default=10_000, help="rows of the generated .xlsx to import")
    parser.add_argument("--load-seconds", type=int, default=30)
    parser.add_argument("--only", nargs="*", default=None, help="case numbers or name fragments to run")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Pages are timed with production settings, as docs/operations.md runs tuquan: DEBUG off
    # (templates without debug information, no query log), hashed static files. The test client
    # speaks plain HTTP to "testserver", so HTTPS redirection is off for this process only.
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
    from bench.cases import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
