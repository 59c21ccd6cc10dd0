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
