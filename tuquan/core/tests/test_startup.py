import subprocess  # nosec B404
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_wsgi_application_freezes_what_django_loaded():
    script = "import gc, config.wsgi; print(gc.get_freeze_count())"
    done = subprocess.run(  # nosec B603 - this interpreter, a fixed script
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    frozen = int(done.stdout.strip().splitlines()[-1])
    assert frozen > 50_000, frozen  # Django, every app's views and forms


def test_the_wsgi_application_compiles_every_template_before_freezing():
    script = (
        "import config.wsgi\n"
        "from django.template import engines\n"
        "loader = engines['django'].engine.template_loaders[0]\n"
        "print(len(loader.get_template_cache), 'schemes/scheme_list.html' in loader.get_template_cache)\n"
    )
    done = subprocess.run(  # nosec B603 - this interpreter, a fixed script
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    count, has_list = done.stdout.strip().splitlines()[-1].split()
    assert int(count) > 150 and has_list == "True"  # every app's and the project's pages, compiled once
